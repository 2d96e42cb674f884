"""The dashboard's and the index pages' figures: counted in one pass, cached, never stale."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Closure, Commitment, Committee, Ministry
from commitments.selectors import figures
from commitments.services import closing
from tests.admin.form_data import form_data
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MinistryFactory,
    OfficeFactory,
    copies_of,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def commitment(**fields):
    fields.setdefault("made_on", days(-4000))
    return CommitmentFactory(**fields)


def close(c, when, fulfilment=Closure.Fulfilment.FULL):
    closing.close_with_letter([c], DocumentFactory(date=when), fulfilment)


def mix():
    """Commitments in every state the figures count, at two ministries (one merged into the
    other), two committees and the plenary."""
    old, new = MinistryFactory(abbreviation="OUD"), MinistryFactory(abbreviation="NIEUW")
    old.successor = new
    old.save()
    committees = [CommitteeFactory(), CommitteeFactory(), None]
    for index, ministry in enumerate([old, new, new, None]):
        office = OfficeFactory(ministry=ministry) if ministry else None
        place = {"office": office, "committee": committees[index % 3]}
        if ministry is None:
            place.update(office=None, ministry=None, bewindspersoon=None)
        commitment(due_date=days(60), **place)
        commitment(due_date=days(10), **place)
        commitment(due_date=None, deadline_phrase="", deadline_precision="none", **place)
        for late in (-5, -100, -400, -900):
            commitment(due_date=days(late), **place)
        partly = commitment(due_date=days(-20), **place)
        close(partly, days(-40), Closure.Fulfilment.PARTIAL)
        close(commitment(due_date=days(-1), **place), days(-3))  # fulfilled late, recently
        close(commitment(due_date=days(-200), **place), days(-250))  # on time, long ago
        close(commitment(due_date=None, deadline_phrase="", deadline_precision="none", **place), days(-10))
        closing.mark_lapsed([commitment(due_date=days(-50), **place)], reason="Kabinet gevallen")


@pytest.mark.parametrize("kind", ["ministry", "current_ministry", "committee"])
def test_the_scorecards_per_body_are_the_querysets_scorecards(kind):
    mix()
    commitments = Commitment.objects.with_current_ministry() if kind == "current_ministry" else Commitment.objects
    expected = dict(commitments.scorecards_by(kind, TODAY))
    rows = figures.scorecards_per(kind, TODAY)
    counted = {(body.pk if body else None): card for body, card in rows}
    assert {key: card for key, card in counted.items() if card.total} == expected


def test_a_ministry_committee_and_bewindspersoon_page_show_their_querysets_scorecard(client):
    mix()
    ministry = Ministry.objects.get(abbreviation="NIEUW")
    committee = Committee.objects.first()
    person = Commitment.objects.filter(ministry=ministry).first().bewindspersoon
    pages = [
        (f"/ministeries/{ministry.abbreviation}/", Commitment.objects.filter(ministry=ministry)),
        (f"/commissies/{committee.abbreviation}/", Commitment.objects.filter(committee=committee)),
        ("/commissies/plenair/", Commitment.objects.filter(committee__isnull=True)),
        (f"/personen/{person.pk}/", Commitment.objects.filter(bewindspersoon=person)),
    ]
    for url, commitments in pages:
        card = client.get(url).context["scorecard"]
        assert card.total > 0
        assert card == commitments.scorecard(TODAY), url


def test_the_dashboard_counts_what_the_querysets_count():
    mix()
    board = figures.dashboard(TODAY)
    commitments = Commitment.objects.all()
    assert (board.counts.open, board.counts.overdue, board.counts.due_soon, board.counts.closed_recently) == (
        commitments.open().count(),
        commitments.overdue(TODAY).count(),
        commitments.due_within(figures.DUE_SOON_DAYS, TODAY).count(),
        commitments.fulfilled_since(days(-figures.RECENTLY_CLOSED_DAYS)).count(),
    )
    assert board.scorecard == commitments.scorecard(TODAY)
    over_time = commitments.overdue_counts_over_time(figures.over_time_days(TODAY))
    assert [bar.value for bar in board.charts[0].bars] == [count for _day, count in over_time]
    assert sum(bar.value for bar in board.charts[1].bars) == commitments.overdue(TODAY).count()


def test_a_change_through_a_service_shows_on_the_next_request(client):
    c = commitment(due_date=days(-5))
    assert client.get("/").context["counts"].overdue == 1
    assert client.get("/").context["counts"].overdue == 1  # from the cache
    close(c, days(-1))
    response = client.get("/")
    assert (response.context["counts"].overdue, response.context["counts"].closed_recently) == (0, 1)


def test_a_change_in_the_admin_shows_on_the_next_request(client, griffie_client):
    c = CommitmentFactory(due_date=days(30))
    assert client.get("/").context["counts"].overdue == 0
    url = reverse("admin:commitments_commitment_change", args=[c.pk])
    response = griffie_client.post(
        url, form_data(griffie_client, url, due_date=days(-3).isoformat(), deadline_reason="Afgesproken in de PV")
    )
    assert response.status_code == 302
    assert client.get("/").context["counts"].overdue == 1
    rows = dict(client.get(reverse("commitments:ministry_index")).context["rows"])
    assert rows[c.ministry].overdue == 1


def test_a_bulk_update_shows_on_the_next_request(client):
    commitment(due_date=days(30))
    assert client.get(reverse("commitments:committee_index")).context["rows"][-1][1].overdue == 0
    Commitment.objects.update(due_date=days(-30))
    assert client.get(reverse("commitments:committee_index")).context["rows"][-1][1].overdue == 1


def test_the_next_day_counts_again(client, frozen_today):
    commitment(due_date=TODAY)
    assert client.get("/").context["counts"].overdue == 0
    frozen_today(days(1))
    assert client.get("/").context["counts"].overdue == 1


def test_each_language_reads_the_same_figures_in_its_own_words(client):
    commitment(due_date=days(-5))
    dutch = client.get("/")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/")
    assert dutch.context["counts"].overdue == english.context["counts"].overdue == 1
    assert "Te late toezeggingen in het afgelopen jaar" in dutch.content.decode()
    assert "Overdue commitments over the last year" in english.content.decode()


# --------------------------------------------------------------------------- query counts

PAGES = [
    "/",
    reverse("commitments:ministry_index"),
    reverse("commitments:ministry_index") + "?naar=nu",
    reverse("commitments:committee_index"),
    reverse("commitments:person_index"),
    reverse("commitments:dossier_index"),
]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def _grow(total):
    template = Commitment.objects.order_by("pk").first()
    missing = total - Commitment.objects.count()
    copies_of(template, missing, vary=lambda i: {"due_date": days(i % 40 - 20), "number": f"TZ-{total}-{i}"})


@pytest.mark.parametrize("url", PAGES)
def test_cold_and_warm_requests_each_cost_the_same_at_5_and_500_rows(client, url):
    mix()
    client.get(url)  # the per-process caches of Django (content types, ...)
    cache.clear()
    cold = [_queries(client, url)]
    warm = [_queries(client, url)]
    _grow(500)  # a write: the next request counts again
    cold.append(_queries(client, url))
    warm.append(_queries(client, url))
    assert len(cold[0]) == len(cold[1])
    assert len(warm[0]) == len(warm[1])
    # Warm: the data version, and no count over the commitments.
    assert len(warm[0]) < len(cold[0])
    assert not [sql for sql in warm[1] if "commitments_commitment" in sql]
