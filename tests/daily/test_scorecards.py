"""Honest figures: the on-time rate counts fulfilled-late and open-past-due against it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import ON_TIME_DEFINITION, Commitment, lateness_in_words
from commitments.services import closing
from tests.daily.helpers import TODAY, close, commitment, days, frozen_today  # noqa: F401
from tests.factories import CommitteeFactory, MinistryFactory, OfficeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_a_ministry_with_overdue_commitments_does_not_headline_100_percent(client):
    vws = MinistryFactory(abbreviation="VWS")
    office = OfficeFactory(ministry=vws)
    close(commitment(office=office, due_date=days(-100)), days(-120))  # the one fulfilled, on time
    for _ in range(3):
        commitment(office=office, due_date=days(-10))  # overdue
    response = client.get(vws.get_absolute_url())
    card = response.context["scorecard"]
    assert (card.fulfilled_on_time, card.overdue, card.percentage) == (1, 3, 25)
    html = response.content.decode()
    assert 'id="scorecard-rate">25%<' in html
    assert "100%" not in html
    assert str(ON_TIME_DEFINITION)[:40] in html or "Op tijd voldaan: van alle toezeggingen" in html


def test_the_scorecard_buckets_do_not_overlap():
    commitment(due_date=days(10))  # open
    commitment(due_date=None)  # open, no date
    commitment(due_date=days(-1))  # overdue
    partly = commitment(due_date=days(-5))
    close(partly, days(-20), "gedeeltelijk")  # partly fulfilled past due: overdue
    close(commitment(due_date=days(-30)), days(-40))  # on time
    close(commitment(due_date=days(-300)), days(-2))  # late
    close(commitment(due_date=None), days(-2))  # fulfilled, no due date
    closing.mark_lapsed([commitment(due_date=days(-50))], reason="Kabinet gevallen")
    card = Commitment.objects.scorecard(TODAY)
    assert (
        card.open,
        card.overdue,
        card.fulfilled_on_time,
        card.fulfilled_late,
        card.fulfilled_undated,
        card.lapsed,
    ) == (2, 2, 1, 1, 1, 1)
    assert card.total == Commitment.objects.count()
    assert card.rate == pytest.approx(1 / 4)


def test_scorecards_per_ministry_are_one_grouped_query(django_assert_num_queries):
    for abbreviation in ("VWS", "JenV", "OCW"):
        office = OfficeFactory(ministry=MinistryFactory(abbreviation=abbreviation))
        commitment(office=office, due_date=days(-3))
        close(commitment(office=office, due_date=days(-3)), days(-9))
    with django_assert_num_queries(1):
        cards = Commitment.objects.scorecards_by("ministry", TODAY)
    assert [(card.overdue, card.fulfilled_on_time) for _ministry, card in cards] == [(1, 1)] * 3


def test_the_dashboard_shows_the_scorecard_and_charts_each_with_a_table(client):
    commitment(due_date=days(-400))
    close(commitment(due_date=days(-30)), days(-40))
    html = client.get("/").content.decode()
    assert 'id="scorecard-rate">50%<' in html
    for chart in ("chart-overdue-over-time", "chart-days-late", "chart-on-time-per-ministry"):
        assert f'id="{chart}"' in html
    assert html.count('role="img"') == html.count("<details>") >= 2  # every chart has its table
    assert "1 tot 2 jaar" in html


def test_overdue_over_time_counts_what_was_overdue_on_each_day():
    late_then_closed = commitment(due_date=days(-100))
    close(late_then_closed, days(-50))
    commitment(due_date=days(-20))
    counts = dict(Commitment.objects.overdue_counts_over_time([days(-150), days(-60), days(-30), TODAY]))
    assert [counts[d] for d in (days(-150), days(-60), days(-30), TODAY)] == [0, 1, 0, 1]


@pytest.mark.parametrize(
    "count",
    [
        lambda: Commitment.objects.overdue_counts_over_time([days(-60 * i) for i in range(12)]),
        lambda: Commitment.objects.scorecard(TODAY),
    ],
    ids=["overdue_over_time", "scorecard"],
)
def test_dashboard_counts_join_the_closures_once_instead_of_a_subquery_per_count(count):
    # PostgreSQL repeats a correlated subquery for every count that reads it: the twelve-month
    # chart took 11 s at 100,000 commitments that way (README, "Load test").
    with CaptureQueriesContext(connection) as queries:
        count()
    [query] = queries.captured_queries
    assert 'JOIN "commitments_closure"' in query["sql"]
    assert 'FROM "commitments_closure"' not in query["sql"]


def test_the_ministry_index_groups_by_the_promising_or_the_answering_ministry(client):
    old = MinistryFactory(abbreviation="OUD", name="Oud ministerie")
    new = MinistryFactory(abbreviation="NIEUW", name="Nieuw ministerie")
    old.successor = new
    old.save()
    commitment(office=OfficeFactory(ministry=old), due_date=days(-3))
    by_promise = dict(client.get(reverse("commitments:ministry_index")).context["rows"])
    by_now = dict(client.get(reverse("commitments:ministry_index") + "?naar=nu").context["rows"])
    assert (by_promise[old].overdue, by_promise[new].overdue) == (1, 0)
    assert (by_now[old].overdue, by_now[new].overdue) == (0, 1)


def test_the_list_filters_by_the_ministry_answering_now(client):
    old = MinistryFactory(abbreviation="OUD")
    new = MinistryFactory(abbreviation="NIEUW", successor=None)
    old.successor = new
    old.save()
    c = commitment(office=OfficeFactory(ministry=old))
    rows = client.get(reverse("commitments:commitment_list") + "?responsible_ministry=NIEUW").context["page_obj"]
    assert [row.pk for row in rows] == [c.pk]


def test_the_committee_index_has_the_plenary_bucket(client):
    committee = CommitteeFactory(abbreviation="VWS")
    commitment(committee=committee, due_date=days(-3))
    commitment(committee=None, source_activity=None, due_date=days(-3))
    rows = client.get(reverse("commitments:committee_index")).context["rows"]
    assert [(body, card.overdue) for body, card in rows] == [(committee, 1), (None, 1)]


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ((2021, 6, 1), (2026, 11, 27), "5 jaar en 5 maanden"),
        ((2026, 10, 1), (2026, 11, 27), "1 maand"),
        ((2026, 11, 20), (2026, 11, 27), "7 dagen"),
        ((2025, 11, 27), (2026, 11, 27), "1 jaar"),
    ],
)
def test_lateness_in_words(start, end, words):
    import datetime

    from django.utils import translation

    with translation.override("nl"):
        assert lateness_in_words(datetime.date(*start), datetime.date(*end)) == words


def test_a_bewindspersoons_page_has_the_scorecard_of_what_they_promised(client):
    office = OfficeFactory()
    commitment(office=office, due_date=days(-3))
    close(commitment(office=office, due_date=days(-3)), days(-9))
    response = client.get(office.person.get_absolute_url())
    assert response.context["scorecard"].percentage == 50
    assert 'id="scorecard-rate">50%<' in response.content.decode()
