"""The iCalendar feed of due dates and the Atom feed of overdue and closed commitments."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import feeds

from . import factories

TODAY = datetime.date(2026, 11, 22)
ICS_URL = "/toezeggingen/deadlines.ics"
ATOM_URL = "/toezeggingen/feed.atom"
ATOM = {"a": "http://www.w3.org/2005/Atom"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def events_of(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def entries_of(response):
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return [
        {
            "title": entry.findtext("a:title", namespaces=ATOM),
            "id": entry.findtext("a:id", namespaces=ATOM),
            "updated": entry.findtext("a:updated", namespaces=ATOM),
            "link": entry.find("a:link", ATOM).get("href"),
            "summary": entry.findtext("a:summary", namespaces=ATOM),
        }
        for entry in root.findall("a:entry", ATOM)
    ]


# ------------------------------------------------------------------- iCalendar


def test_one_all_day_event_per_commitment_with_a_due_date(client):
    dated = factories.CommitmentFactory(
        number="TZ202011-042",
        text="De Kamer informeren over preventie.",
        deadline_phrase="in januari",
        due_date=datetime.date(2027, 1, 31),
        office__ministry__abbreviation="VWS",
    )
    factories.CommitmentFactory(due_date=None, deadline_phrase="bij de volgende voortgangsrapportage")

    response = client.get(ICS_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    events = events_of(response)
    assert list(events) == [f"commitment-{dated.pk}@toezeggingen"]
    event = events[f"commitment-{dated.pk}@toezeggingen"]
    assert event.decoded("DTSTART") == datetime.date(2027, 1, 31)
    assert not isinstance(event.decoded("DTSTART"), datetime.datetime)  # all-day
    assert event.decoded("DTEND") == datetime.date(2027, 2, 1)
    assert str(event["SUMMARY"]) == "TZ202011-042: De Kamer informeren over preventie."
    url = f"http://testserver/toezeggingen/{dated.pk}/"
    assert str(event["URL"]) == url
    description = str(event["DESCRIPTION"])
    assert "Termijn zoals toegezegd: in januari" in description
    assert url in description
    assert "DTSTAMP" in event


def test_uid_is_stable_between_requests(client):
    commitment = factories.CommitmentFactory()
    first, second = events_of(client.get(ICS_URL)), events_of(client.get(ICS_URL))
    assert list(first) == list(second) == [f"commitment-{commitment.pk}@toezeggingen"]
    assert (
        first[f"commitment-{commitment.pk}@toezeggingen"].to_ical()
        == second[f"commitment-{commitment.pk}@toezeggingen"].to_ical()
    )


def test_lapsed_commitment_is_a_cancelled_event(client):
    lapsed = factories.CommitmentFactory(lapsed=True)
    event = events_of(client.get(ICS_URL))[f"commitment-{lapsed.pk}@toezeggingen"]
    assert str(event["STATUS"]) == "CANCELLED"


def test_calendar_takes_the_list_filters(client):
    vws = factories.CommitmentFactory(office__ministry__abbreviation="VWS")
    factories.CommitmentFactory(office__ministry__abbreviation="JenV")
    late = factories.CommitmentFactory(due_date=datetime.date(2026, 11, 1))
    assert list(events_of(client.get(f"{ICS_URL}?ministry=VWS"))) == [f"commitment-{vws.pk}@toezeggingen"]
    assert list(events_of(client.get(f"{ICS_URL}?overdue=true"))) == [f"commitment-{late.pk}@toezeggingen"]


@pytest.mark.parametrize("query", ["status=bogus", "due_after=2026-02-30", "ministry=NOPE", "dossier=abc"])
def test_calendar_invalid_filter_is_400(client, query):
    factories.CommitmentFactory()
    response = client.get(f"{ICS_URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "BEGIN:VCALENDAR" not in response.content.decode()


def calendar_queries(client):
    with CaptureQueriesContext(connection) as captured:
        events = events_of(client.get(ICS_URL))
    return len(captured), len(events)


def test_calendar_costs_the_same_queries_for_5_and_500_commitments(client):
    factories.CommitmentFactory.create_batch(5)
    few, events = calendar_queries(client)
    assert events == 5
    factories.copies_of(factories.CommitmentFactory(), 494)
    many, events = calendar_queries(client)
    assert events == 500
    assert few == many


# ------------------------------------------------------------------------ Atom


@pytest.fixture
def changes():
    overdue = factories.CommitmentFactory(
        number="TZ1", text="Te laat.", due_date=datetime.date(2026, 11, 1), deadline_phrase="voor de herfst"
    )
    dossier = factories.DossierFactory(number="31015")
    partly = factories.CommitmentFactory(
        number="TZ2",
        text="Deels.",
        due_date=datetime.date(2026, 11, 20),
        partly_fulfilled=True,
        partly_fulfilled__letter=factories.DocumentFactory(
            dossier=dossier, ondernummer="193", date=datetime.date(2026, 10, 1)
        ),
    )
    fulfilled = factories.CommitmentFactory(
        number="TZ3",
        text="Voldaan.",
        fulfilled=True,
        fulfilled__letter=factories.DocumentFactory(
            dossier=dossier, ondernummer="192", date=datetime.date(2026, 11, 10)
        ),
    )
    factories.CommitmentFactory(number="TZ4", text="Nog op tijd.")  # nothing happened: no entry
    return {"overdue": overdue, "partly": partly, "fulfilled": fulfilled}


def test_atom_feed_lists_overdue_and_closed_commitments_newest_first(client, changes):
    response = client.get(ATOM_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = entries_of(response)
    assert [entry["title"] for entry in entries] == [
        "Te laat: TZ2: Deels.",  # due 20 November, overdue from the 21st
        "Voldaan: TZ3: Voldaan.",  # closed 10 November
        "Te laat: TZ1: Te laat.",  # due 1 November, overdue from the 2nd
        "Deels voldaan: TZ2: Deels.",  # partly closed 1 October
    ]
    assert [entry["updated"][:10] for entry in entries] == ["2026-11-21", "2026-11-10", "2026-11-02", "2026-10-01"]
    assert entries[0]["updated"] == "2026-11-21T00:00:00+01:00"
    overdue_url = f"http://testserver/toezeggingen/{changes['overdue'].pk}/"
    assert entries[2]["link"] == overdue_url
    assert entries[2]["id"] == f"{overdue_url}#te-laat-2026-11-02"
    assert entries[2]["summary"] == "Uiterlijk op 1 november 2026 (voor de herfst) en nog niet afgedaan."
    assert entries[1]["summary"] == "Afgedaan met Kamerstuk 31015-192 op 10 november 2026."
    assert len({entry["id"] for entry in entries}) == len(entries)


def test_atom_feed_has_title_and_updated(client, changes):
    root = ET.fromstring(client.get(ATOM_URL).content)
    assert root.findtext("a:title", namespaces=ATOM) == "Toezeggingen: te laat en voldaan"
    assert root.findtext("a:updated", namespaces=ATOM).startswith("2026-11-21")


def test_atom_feed_takes_the_list_filters(client, changes):
    titles = [entry["title"] for entry in entries_of(client.get(f"{ATOM_URL}?status=voldaan"))]
    assert titles == ["Voldaan: TZ3: Voldaan."]


def test_atom_feed_is_limited(client):
    factories.CommitmentFactory.create_batch(feeds.FEED_LIMIT + 10, due_date=datetime.date(2026, 1, 1))
    assert len(entries_of(client.get(ATOM_URL))) == feeds.FEED_LIMIT


@pytest.mark.parametrize("query", ["status=bogus", "made_after=gisteren", "ministry=NOPE"])
def test_atom_feed_invalid_filter_is_400(client, query):
    response = client.get(f"{ATOM_URL}?{query}")
    assert response.status_code == 400
    assert response.content.decode().startswith("Deze filterwaarden zijn ongeldig:")


def atom_queries(client):
    with CaptureQueriesContext(connection) as captured:
        entries = entries_of(client.get(ATOM_URL))
    return len(captured), len(entries)


def closed_and_overdue(count):
    factories.CommitmentFactory.create_batch(count, fulfilled=True, fulfilled__on=TODAY)
    factories.CommitmentFactory.create_batch(count, due_date=datetime.date(2026, 1, 1))


def test_atom_feed_costs_the_same_queries_below_and_at_its_limit(client):
    closed_and_overdue(3)
    few, entries = atom_queries(client)
    assert entries == 6
    closed_and_overdue(feeds.FEED_LIMIT)
    many, entries = atom_queries(client)
    assert entries == feeds.FEED_LIMIT
    assert few == many


def test_atom_feed_query_count_is_pinned(client):
    closed_and_overdue(3)
    # Two queries (overdue commitments, closures) and the request's savepoint and its release.
    assert atom_queries(client)[0] == 4
