"""sync_tk against the live API: here a stand-in on 127.0.0.1 serving the slice's records as OData pages.

The stand-in pages each entity (20 records a page, linked by @odata.nextLink), answers one page
with a 503 once and cuts another one short once, and serves the motion texts as resources.
"""

import datetime
import functools
import gzip
import io
import json
import urllib.parse

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Motion, SyncState, Vote
from commitments.tk.client import ODataClient, odata_datetime
from commitments.tk.sources import ENTITIES, PUBLICATIONS

from .fake_kamer import API, Reply, running_kamer
from .test_sync import SLICE, history_counts

pytestmark = pytest.mark.django_db

PAGE = 20


def records(entity):
    path = SLICE / f"{entity}.jsonl.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def envelope(kamer, entity, chunk, next_path=None):
    body = {"@odata.context": kamer.url(f"{API}$metadata#{entity}"), "value": chunk}
    if next_path:
        body["@odata.nextLink"] = kamer.url(next_path)
    return Reply(json.dumps(body, ensure_ascii=False).encode(), headers={"Content-Type": "application/json"})


def serve_slice(kamer, *, failing_page=None):
    """Every entity of the slice, paged; `failing_page` (entity, number) answers 502 for good."""
    for entity in ENTITIES:
        if entity == PUBLICATIONS:
            continue
        rows = records(entity)
        chunks = [rows[start : start + PAGE] for start in range(0, len(rows), PAGE)] or [[]]
        for number, chunk in enumerate(chunks):
            path = f"{API}{entity}" if number == 0 else f"{API}{entity}?$skiptoken={number}"
            next_path = f"{API}{entity}?$skiptoken={number + 1}" if number + 1 < len(chunks) else None
            page = envelope(kamer, entity, chunk, next_path)
            if (entity, number) == failing_page:
                kamer.serve(path, Reply(b"down", status=502))
            elif (entity, number) == ("Zaak", 1):
                kamer.serve(path, Reply(b"busy", status=503), page)
            elif (entity, number) == ("Zaak", 2):
                kamer.serve(path, Reply(page.body[:-50], headers=page.headers), page)
            else:
                kamer.serve(path, page)
    with gzip.open(SLICE / "DocumentPublicatie.xml.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)
            kamer.serve(
                f"{API}DocumentPublicatie({text['DocumentPublicatie_Id']})/Resource",
                Reply(text["xml"].encode(), headers={"Content-Type": "application/xml; charset=utf-8"}),
            )


@pytest.fixture
def kamer(settings, monkeypatch):
    sleeps = []
    monkeypatch.setattr(
        "commitments.management.commands.sync_tk.ODataClient",
        functools.partial(ODataClient, timeout=5.0, sleep=sleeps.append),
    )
    with running_kamer() as kamer:
        settings.TK_OPEN_DATA_URL = kamer.base_url
        kamer.sleeps = sleeps
        yield kamer


def first_requests(kamer, entity):
    return [
        r
        for r in kamer.requests
        if urllib.parse.urlsplit(r.path).path == f"{API}{entity}" and "skiptoken" not in r.path
    ]


def test_the_live_api_gives_what_the_files_give_through_failures(kamer):
    serve_slice(kamer)
    call_command("sync_tk", stdout=io.StringIO())

    assert Motion.objects.count() == 47
    assert Vote.objects.count() == 723
    assert Motion.objects.get(zaak="2024Z11440").dictum.startswith("verzoekt de regering op 17 juli 2024")
    assert kamer.sleeps == [1.0, 1.0]  # one wait after the 503, one after the cut-off page
    zaak = urllib.parse.parse_qs(first_requests(kamer, "Zaak")[0].query)
    assert zaak["$expand"] == ["Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie))"]
    assert "$filter" not in zaak  # a first run reads everything
    assert "Toezeggingen" in first_requests(kamer, "Zaak")[0].headers["User-Agent"]


def test_the_next_run_asks_only_for_what_changed_after_the_last_change_seen_and_writes_nothing(kamer):
    serve_slice(kamer)
    call_command("sync_tk", stdout=io.StringIO())
    before = history_counts()
    kamer.requests.clear()

    call_command("sync_tk", stdout=io.StringIO())

    assert history_counts() == before
    latest = max(datetime.datetime.fromisoformat(record["ApiGewijzigdOp"]) for record in records("Besluit"))
    query = urllib.parse.parse_qs(first_requests(kamer, "Besluit")[0].query)
    assert query["$filter"] == [f"ApiGewijzigdOp gt {odata_datetime(latest)}"]


def test_an_api_that_keeps_failing_stops_the_run_and_the_next_run_resumes(kamer):
    serve_slice(kamer, failing_page=("Stemming", 3))
    with pytest.raises(CommandError, match="run again to resume"):
        call_command("sync_tk", stdout=io.StringIO())
    saved = Vote.objects.count()
    cursor = SyncState.objects.get(entity="Stemming").cursor
    assert saved > 0
    assert cursor is not None

    serve_slice(kamer)
    kamer.requests.clear()
    call_command("sync_tk", "--entities", "Stemming", stdout=io.StringIO())

    assert Vote.objects.count() == 723
    assert "$filter" in urllib.parse.parse_qs(first_requests(kamer, "Stemming")[0].query)
