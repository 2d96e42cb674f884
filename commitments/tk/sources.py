"""Where the sync reads the Kamer's records: a directory of files, or the live API.

A source yields each entity's records in pages (the sync commits per page, so a killed run
resumes from the last page committed) and the motion texts (DocumentPublicatie XML).

A directory may hold, per entity, `<Entity>.jsonl.gz` (one record per line, as the project's
open-data set), raw OData pages (`*.json`: an envelope with a `value` array, or a bare array),
and `DocumentPublicatie.xml.jsonl.gz` (`{"DocumentPublicatie_Id": …, "xml": …}` per line).
Expanded pages (a Stemming with its Besluit, Agendapunt, Zaak, Fractie and Persoon) give the
nested records to their own entities, as the live API's expansions do.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .client import ODataClient

Record = dict[str, Any]
Page = list[Record]

PUBLICATIONS = "DocumentPublicatie"
# What a source yields instead of a text it could not fetch, followed by why.
UNAVAILABLE = "unavailable: "

# The order the sync runs the entities in: each may link to the ones before it.
ENTITIES = (
    "Fractie",
    "Persoon",
    "FractieZetelPersoon",
    "Vergadering",
    "Activiteit",
    "Document",
    "Zaak",
    PUBLICATIONS,
    "Agendapunt",
    "Besluit",
    "Stemming",
    "Toezegging",
)

# Nested objects of an expanded page, and the entity each belongs to.
_NESTED = {"Besluit": "Besluit", "Agendapunt": "Agendapunt", "Fractie": "Fractie", "Persoon": "Persoon"}


class Source(Protocol):
    description: str
    # Whether a run goes on from the last change it committed (the API), or reads all it is given (files).
    incremental: bool

    def pages(self, entity: str, since: datetime.datetime | None) -> Iterator[Page]: ...

    def publications(self, wanted: Iterable[str]) -> Iterator[tuple[str, str]]: ...


def _chunks(records: Iterable[Record], size: int) -> Iterator[Page]:
    page: Page = []
    for record in records:
        page.append(record)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page


def flatten(entity: str, record: Record) -> Iterator[tuple[str, Record]]:
    """The record and the nested records its expansions carry, each with its entity.

    The record keeps the foreign key of what was nested (`Besluit_Id`, …); a nested Agendapunt
    keeps its Zaak list, which is how a decision reaches its motion.
    """
    record = dict(record)
    for key, nested_entity in _NESTED.items():
        nested = record.get(key)
        if isinstance(nested, dict) and entity != nested_entity:
            record.pop(key)
            record.setdefault(f"{key}_Id", nested.get("Id"))
            yield from flatten(nested_entity, nested)
    yield entity, record


class DirectorySource:
    """Records from files in a directory (see the module doc for the formats)."""

    def __init__(self, directory: Path | str, page_size: int = 2000):
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise FileNotFoundError(f"{self.directory} is not a directory")
        self.description = str(self.directory)
        self.page_size = page_size

    incremental = False

    def pages(self, entity: str, since: datetime.datetime | None) -> Iterator[Page]:
        records = self._records(entity)
        if since is not None:
            records = (record for record in records if _changed_after(record, since))
        yield from _chunks(records, self.page_size)

    def _records(self, entity: str) -> Iterator[Record]:
        lines = self.directory / f"{entity}.jsonl.gz"
        if lines.exists():
            with gzip.open(lines, "rt", encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        yield _parse_line(line, lines.name, number)
        for path in sorted(self.directory.glob("*.json")):
            for page_entity, record in self._page_records(path):
                if page_entity == entity:
                    yield record

    def _page_records(self, path: Path) -> Iterator[tuple[str, Record]]:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        records = data.get("value", []) if isinstance(data, dict) else data
        entity = _entity_of_page(path.name, data)
        if entity is None or not isinstance(records, list):
            return
        for record in records:
            if isinstance(record, dict):
                yield from flatten(entity, record)

    def publications(self, wanted: Iterable[str]) -> Iterator[tuple[str, str]]:
        path = self.directory / f"{PUBLICATIONS}.xml.jsonl.gz"
        if not path.exists():
            return
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    item = _parse_line(line, path.name, number)
                    yield str(item.get("DocumentPublicatie_Id") or ""), str(item.get("xml") or "")


def _parse_line(line: str, name: str, number: int) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {"__malformed__": f"{name} line {number}: {error.msg}"}
    return record if isinstance(record, dict) else {"__malformed__": f"{name} line {number}: not an object"}


def _changed_after(record: Record, since: datetime.datetime) -> bool:
    """Whether a record changed after `since` (a record without a readable moment is kept: the sync reports it)."""
    try:
        moment = datetime.datetime.fromisoformat(str(record.get("ApiGewijzigdOp")))
    except ValueError:
        return True
    return (moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)) > since


_CONTEXT = re.compile(r"\$metadata#(?P<entity>[A-Za-z]+)")


def _entity_of_page(file_name: str, data: Any) -> str | None:
    """A page's entity: its @odata.context, else its file name (`zaak_page_75_…json` → Zaak)."""
    if isinstance(data, dict):
        match = _CONTEXT.search(str(data.get("@odata.context") or ""))
        if match:
            return match["entity"]
    stem = file_name.split("_", 1)[0].split(".", 1)[0].lower()
    by_name = {entity.lower(): entity for entity in ENTITIES}
    by_name.update({"fractie-zetel-persoon": "FractieZetelPersoon", "fractiezetelpersoon": "FractieZetelPersoon"})
    return by_name.get(stem)


class ApiSource:
    """Records from the live API, incremental from the last change the sync committed."""

    incremental = True

    def __init__(self, client: ODataClient | None = None):
        from .client import ODataClient

        self.client = client or ODataClient()
        self.description = self.client.base_url

    def pages(self, entity: str, since: datetime.datetime | None) -> Iterator[Page]:
        from .client import EXPANSIONS

        for page in self.client.pages(entity, since=since, expand=EXPANSIONS.get(entity)):
            for_entity: Page = []
            for record in page:
                for nested_entity, nested in flatten(entity, record):
                    # Nested records of other entities arrive with their own entity's run.
                    if nested_entity == entity:
                        for_entity.append(nested)
            yield for_entity

    def publications(self, wanted: Iterable[str]) -> Iterator[tuple[str, str]]:
        from .client import TkApiError

        for publication_id in wanted:
            try:
                yield publication_id, self.client.publication_xml(publication_id)
            except TkApiError as error:
                # One text the API cannot give (not published yet, gone) must not stop the run.
                yield publication_id, f"{UNAVAILABLE}{error}"
