"""The OData client against a stand-in for the Kamer's API on 127.0.0.1, serving recorded pages.

The pages in tests/data/tk/pages/ are real responses, trimmed (see the README there); the stand-in
wraps them in an OData envelope whose @odata.nextLink points back at itself, so paging, retries and
failures run over real HTTP without the network.
"""

import dataclasses
import json
import socket
import urllib.parse
from datetime import UTC, datetime

import pytest

from commitments.tk.client import EXPANSIONS, MAX_RETRY_AFTER, USER_AGENT, ODataClient, TkApiError

from .fake_kamer import API, PAGES, Reply, running_kamer

BESLUIT = API + "Besluit"
SECOND = BESLUIT + "?$orderby=ApiGewijzigdOp,Id&$top=5&$skip=5"
THIRD = BESLUIT + "?$orderby=ApiGewijzigdOp,Id&$top=5&$skip=10"


@pytest.fixture
def kamer():
    with running_kamer() as kamer:
        yield kamer


@pytest.fixture
def sleeps():
    """What the client would have slept, in order (nothing is slept)."""
    return []


@pytest.fixture
def client(kamer, sleeps):
    return ODataClient(base_url=kamer.base_url, timeout=2.0, retries=3, backoff=0.5, sleep=sleeps.append)


def ids(name: str) -> list[str]:
    data = json.loads((PAGES / name).read_text(encoding="utf-8"))
    return [record["Id"] for record in (data["value"] if isinstance(data, dict) else data)]


ALL_IDS = ids("besluit_page_222.json") + ids("besluit_page_172.json") + ids("besluit_page_156.json")


def serve_three_pages(kamer, *, second_first: Reply | None = None) -> None:
    kamer.serve(BESLUIT, kamer.page("besluit_page_222.json", SECOND))
    second = kamer.page("besluit_page_172.json", THIRD)
    kamer.serve(SECOND, *([second_first] if second_first else []), second)
    kamer.serve(THIRD, kamer.page("besluit_page_156.json"))


def test_records_follow_the_next_links_across_three_pages_in_order(kamer, client):
    serve_three_pages(kamer)
    records = list(client.records("Besluit"))
    assert [record["Id"] for record in records] == ALL_IDS
    assert [request.path for request in kamer.requests][1:] == [SECOND, THIRD]


def test_pages_yields_one_list_per_page(kamer, client):
    serve_three_pages(kamer)
    assert [[record["Id"] for record in page] for page in client.pages("Besluit")] == [
        ids("besluit_page_222.json"),
        ids("besluit_page_172.json"),
        ids("besluit_page_156.json"),
    ]


def test_tombstones_are_yielded_like_any_record(kamer, client):
    serve_three_pages(kamer)
    deleted = [record for record in client.records("Besluit") if record["Verwijderd"]]
    assert [record["Id"] for record in deleted] == ["05c41256-1bd7-4693-8230-933112cb1ddc"]
    assert deleted[0]["BesluitSoort"] is None


def test_the_first_request_asks_for_changes_since_oldest_first_with_the_expansion(kamer, client):
    kamer.serve(API + "Stemming", kamer.page("stemming_page_0214.json"))
    since = datetime(2024, 4, 26, 9, 22, 11, 103938, tzinfo=UTC)
    expand = "Besluit($expand=Agendapunt($expand=Zaak)),Fractie,Persoon"
    records = list(client.records("Stemming", since=since, expand=expand))

    assert records[0]["Besluit"]["Agendapunt"]["Zaak"][0]["Nummer"] == "2024Z07565"
    query = kamer.requests[0].query
    assert "+" not in query
    assert "%20gt%20" in query
    assert urllib.parse.parse_qs(query) == {
        "$filter": ["ApiGewijzigdOp gt 2024-04-26T09:22:11.1039380Z"],
        "$orderby": ["ApiGewijzigdOp,Id"],
        "$top": ["250"],
        "$expand": [expand],
    }


def test_since_in_another_time_zone_is_sent_in_utc(kamer, client):
    kamer.serve(BESLUIT, kamer.page("besluit_page_156.json"))
    since = datetime.fromisoformat("2025-05-14T12:00:00+02:00")
    list(client.records("Besluit", since=since))
    assert urllib.parse.parse_qs(kamer.requests[0].query)["$filter"] == [
        "ApiGewijzigdOp gt 2025-05-14T10:00:00.0000000Z"
    ]


def test_a_naive_since_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        ODataClient().entity_url("Besluit", since=datetime(2025, 5, 14))


def test_without_since_nothing_is_filtered_out_not_even_deleted_records(kamer, client):
    kamer.serve(BESLUIT, kamer.page("besluit_page_156.json"))
    list(client.records("Besluit"))
    query = urllib.parse.parse_qs(kamer.requests[0].query)
    assert query == {"$orderby": ["ApiGewijzigdOp,Id"], "$top": ["250"]}


def test_the_zaak_expansion_is_sent_as_written(kamer, client):
    kamer.serve(API + "Zaak", Reply(b'{"value": []}'))
    assert list(client.pages("Zaak", expand=EXPANSIONS["Zaak"])) == [[]]
    assert urllib.parse.parse_qs(kamer.requests[0].query)["$expand"] == [
        "Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie))"
    ]


def test_requests_name_the_project_and_ask_for_json(kamer, client):
    kamer.serve(BESLUIT, kamer.page("besluit_page_156.json"))
    list(client.records("Besluit"))
    headers = kamer.requests[0].headers
    assert headers["User-Agent"] == USER_AGENT
    assert "Toezeggingen" in headers["User-Agent"]
    assert headers["Accept"] == "application/json"


def test_a_caller_that_stops_early_fetches_no_further_page(kamer, client):
    serve_three_pages(kamer)
    records = client.records("Besluit")
    assert next(records)["Id"] == ALL_IDS[0]
    records.close()
    assert len(kamer.requests) == 1


def test_a_page_that_fails_once_is_retried_and_every_record_comes_once(kamer, client, sleeps):
    serve_three_pages(kamer, second_first=Reply(b"busy", status=503))
    records = [record["Id"] for record in client.records("Besluit")]
    assert records == ALL_IDS
    assert kamer.hits(BESLUIT) == 4  # three pages, the second one twice
    assert sleeps == [0.5]


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(lambda body: Reply(body[:100], missing=len(body) - 100), id="shorter-than-content-length"),
        pytest.param(lambda body: Reply(body[:-40]), id="json-cut-off"),
    ],
)
def test_a_truncated_page_is_retried(kamer, client, sleeps, broken):
    whole = kamer.page("besluit_page_172.json", THIRD)
    serve_three_pages(kamer, second_first=broken(whole.body))
    assert [record["Id"] for record in client.records("Besluit")] == ALL_IDS
    assert sleeps == [0.5]


def test_a_page_that_keeps_failing_raises_after_every_attempt_naming_the_url(kamer, client, sleeps):
    serve_three_pages(kamer)
    kamer.serve(SECOND, Reply(b"down", status=502))
    with pytest.raises(TkApiError) as raised:
        list(client.records("Besluit"))
    assert kamer.url(SECOND) in str(raised.value)
    assert "502" in str(raised.value)
    assert sum(1 for request in kamer.requests if request.path == SECOND) == client.retries + 1
    assert sleeps == [0.5, 1.0, 2.0]


def test_not_found_fails_at_once(kamer, client, sleeps):
    with pytest.raises(TkApiError, match="404") as raised:
        list(client.records("Besluitt"))
    assert kamer.url(API + "Besluitt") in str(raised.value)
    assert len(kamer.requests) == 1
    assert sleeps == []


def test_a_refused_connection_is_retried_then_reported(sleeps):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    client = ODataClient(base_url=f"http://127.0.0.1:{port}/", timeout=0.5, retries=2, backoff=0.5, sleep=sleeps.append)
    with pytest.raises(TkApiError, match="after 3 attempt"):
        list(client.records("Besluit"))
    assert sleeps == [0.5, 1.0]


def test_a_timeout_is_retried(kamer, sleeps):
    page = kamer.page("besluit_page_156.json")
    # The slow reply is whole: only the client's timeout can make it fail.
    kamer.serve(BESLUIT, dataclasses.replace(page, delay=0.5), page)
    client = ODataClient(base_url=kamer.base_url, timeout=0.1, retries=1, backoff=0.5, sleep=sleeps.append)
    assert [record["Id"] for record in client.records("Besluit")] == ids("besluit_page_156.json")
    assert kamer.hits(BESLUIT) == 2
    assert sleeps == [0.5]


def test_retry_after_is_honoured(kamer, client, sleeps):
    kamer.serve(BESLUIT, Reply(status=429, headers={"Retry-After": "7"}), kamer.page("besluit_page_156.json"))
    assert len(list(client.records("Besluit"))) == 5
    assert sleeps == [7.0]


def test_a_long_retry_after_is_capped(kamer, client, sleeps):
    kamer.serve(BESLUIT, Reply(status=503, headers={"Retry-After": "86400"}), kamer.page("besluit_page_156.json"))
    list(client.records("Besluit"))
    assert sleeps == [MAX_RETRY_AFTER]


def test_publication_xml_returns_the_resource_text(kamer, client):
    xml = '<?xml version="1.0" encoding="utf-8"?><officiele-publicatie><al>verzoekt de regering, vóór de zomer…</al></officiele-publicatie>'
    publication = "0c4c1d71-4e5b-4f0c-a1a6-2b2cf0f3c111"
    kamer.serve(
        f"{API}DocumentPublicatie({publication})/Resource",
        Reply(xml.encode(), headers={"Content-Type": "application/xml; charset=utf-8"}),
    )
    assert client.publication_xml(publication) == xml
    assert "xml" in kamer.requests[0].headers["Accept"]


def test_a_page_that_is_not_odata_is_an_error(kamer, client):
    kamer.serve(BESLUIT, Reply(b'{"error": {"message": "bad"}}'))
    with pytest.raises(TkApiError, match="not an OData page"):
        list(client.records("Besluit"))


def test_a_next_link_back_to_a_served_page_stops_the_run(kamer, client):
    kamer.serve(BESLUIT, kamer.page("besluit_page_156.json", SECOND))
    kamer.serve(SECOND, kamer.page("besluit_page_172.json", SECOND))
    with pytest.raises(TkApiError, match="already served"):
        list(client.records("Besluit"))
