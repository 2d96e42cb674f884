"""A client for the Tweede Kamer's OData v4 API (the Gegevensmagazijn), in plain Python.

It reads an entity's records changed since a moment, oldest first, page by page, and the text of
a publication. Transient failures (connection errors, timeouts, HTTP 429 and 5xx, a body cut
short) are retried with exponential backoff; anything else, or the last failed attempt, raises
`TkApiError`. No Django here: the importer (`manage.py sync_tk`) maps what this returns.
"""

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

BASE_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
USER_AGENT = (
    "Toezeggingen/1.0 (tracker of government commitments to the Tweede Kamer; "
    "+https://github.com/toezeggingen/toezeggingen)"
)

# Which $expand each entity needs so the importer can link records; None: the record alone.
EXPANSIONS: dict[str, str | None] = {
    "Zaak": "Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie))",
    "Agendapunt": "Zaak($select=Id,Nummer,Soort)",
    "Besluit": "Zaak($select=Id,Nummer,Soort)",
    "Toezegging": None,
    "Stemming": None,
    "Document": None,
    "Activiteit": None,
    "Kamerstukdossier": None,
    "Persoon": None,
    "Fractie": None,
}

# A server asking us to wait longer than this is asked again sooner: a sync must not hang for hours.
MAX_RETRY_AFTER = 120.0

# Characters left as they are in query strings. OData reads `$`, parentheses and commas literally;
# a space must be %20 (servers reject `+`), and `&`, `=`, `#` inside a value are escaped.
_QUERY_SAFE = "$(),;:'/"

Record = dict[str, Any]
T = TypeVar("T")


class TkApiError(Exception):
    """The API could not be read after all retries (message says which URL and why)."""


class _Retryable(Exception):
    """One attempt failed in a way that may pass; `wait` is what the server asked for, if anything."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


def odata_datetime(moment: datetime) -> str:
    """`moment` as an OData DateTimeOffset literal in UTC: 2025-05-14T10:00:00.1234560Z.

    Seven decimals, as the API writes ApiGewijzigdOp (Python keeps six; the seventh is 0).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"A moment without a time zone is ambiguous: {moment!r} (give it tzinfo=UTC).")
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond:06d}0Z"


def query_string(params: dict[str, str]) -> str:
    """`params` as an OData query string: spaces as %20, `$` and parentheses kept."""
    return urllib.parse.urlencode(params, safe=_QUERY_SAFE, quote_via=urllib.parse.quote)


@dataclass
class ODataClient:
    """Reads the Kamer's OData API. Every field has a production default; tests shrink them."""

    base_url: str = BASE_URL
    timeout: float = 30.0  # seconds per request
    retries: int = 4  # attempts after the first
    backoff: float = 1.0  # sleep backoff * 2**attempt between attempts
    page_size: int = 250
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep  # injectable for tests

    def records(self, entity: str, *, since: datetime | None = None, expand: str | None = None) -> Iterator[Record]:
        """Every record of `entity` changed after `since` (ApiGewijzigdOp gt since), oldest first
        ($orderby=ApiGewijzigdOp,Id), $top=page_size, following @odata.nextLink until there is none.
        Deleted records (tombstones, Verwijderd: true) are included: the API hides them unless
        the filter asks, so the filter must not exclude them (OData: no `Verwijderd eq false`)."""
        for page in self.pages(entity, since=since, expand=expand):
            yield from page

    def pages(self, entity: str, *, since: datetime | None = None, expand: str | None = None) -> Iterator[list[Record]]:
        """Same, one list per page (the importer commits per page, so a killed run resumes).

        Each page is read whole before it is yielded, so no connection stays open between pages
        and a caller may stop at any point. A page may be empty (nothing changed since `since`).
        """
        url: str | None = self.entity_url(entity, since=since, expand=expand)
        seen: set[str] = set()
        while url is not None:
            if url in seen:
                raise TkApiError(f"{url}: the API links to a page it already served; stopping rather than looping.")
            seen.add(url)
            body = self._get(url, accept="application/json", parse=_parse_json)
            records, next_link = _page_contents(url, body)
            yield records
            url = urllib.parse.urljoin(url, next_link) if next_link else None

    def entity_url(self, entity: str, *, since: datetime | None = None, expand: str | None = None) -> str:
        """The URL of the first page of `entity`, as `pages()` requests it."""
        params = {}
        if since is not None:
            params["$filter"] = f"ApiGewijzigdOp gt {odata_datetime(since)}"
        params["$orderby"] = "ApiGewijzigdOp,Id"
        params["$top"] = str(self.page_size)
        if expand:
            params["$expand"] = expand
        return f"{self._base()}{urllib.parse.quote(entity)}?{query_string(params)}"

    def publication_xml(self, publication_id: str) -> str:
        """The text of a DocumentPublicatie resource: GET {base}DocumentPublicatie({id})/Resource."""
        url = f"{self._base()}DocumentPublicatie({urllib.parse.quote(publication_id, safe='')})/Resource"
        return self._get(url, accept="application/xml, text/xml;q=0.9, */*;q=0.1", parse=_parse_text)

    def _base(self) -> str:
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    def _get(self, url: str, *, accept: str, parse: Callable[[bytes, str | None], T]) -> T:
        """GET `url` and `parse` its body (bytes, charset), retrying what may pass."""
        attempts = self.retries + 1
        for attempt in range(attempts):
            try:
                return self._attempt(url, accept, parse)
            except _Retryable as failure:
                if attempt + 1 == attempts:
                    raise TkApiError(f"Could not read {url} after {attempts} attempt(s): {failure}") from failure
                delay = self.backoff * 2**attempt
                if failure.wait is not None:
                    delay = min(failure.wait, MAX_RETRY_AFTER)
                self.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: str, accept: str, parse: Callable[[bytes, str | None], T]) -> T:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                # read() raises IncompleteRead when the body is shorter than Content-Length.
                body = response.read()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as error:
            with error:
                reason = f"HTTP {error.code} {error.reason}"
                if error.code == 429 or error.code >= 500:
                    raise _Retryable(reason, _retry_after(error.headers.get("Retry-After"))) from error
                raise TkApiError(f"Could not read {url}: {reason}.") from error
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            # URLError: refused or unreachable; HTTPException: a cut or garbled response;
            # OSError: a reset connection or a timeout (TimeoutError) while reading.
            raise _Retryable(f"{type(error).__name__}: {getattr(error, 'reason', error)}") from error
        try:
            return parse(body, charset)
        except ValueError as error:  # json.JSONDecodeError, UnicodeDecodeError: a body cut short
            raise _Retryable(f"unreadable body ({len(body)} bytes): {error}") from error


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header; None when absent or an HTTP date (then: our own backoff)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(seconds, 0.0)


def _parse_json(body: bytes, charset: str | None) -> Any:
    return json.loads(_decode(body, charset))


def _parse_text(body: bytes, charset: str | None) -> str:
    return _decode(body, charset)


def _decode(body: bytes, charset: str | None) -> str:
    """The body as text in its declared charset; UTF-8 (what the API sends) when none or unknown."""
    try:
        return body.decode(charset or "utf-8")
    except LookupError:
        return body.decode("utf-8")


def _page_contents(url: str, body: Any) -> tuple[list[Record], str | None]:
    """The records of a page and the link to the next, from an OData envelope or a bare list."""
    if isinstance(body, list):
        return body, None
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        next_link = body.get("@odata.nextLink")
        return body["value"], next_link if isinstance(next_link, str) and next_link else None
    raise TkApiError(f"{url}: not an OData page (expected a JSON object with a 'value' list).")
