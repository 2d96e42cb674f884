"""The rules about a set of commitments, each in one place on CommitmentQuerySet: open, overdue
(at its boundaries), days late, on-time figures, search; and a commitment's deadline display."""

import datetime

import pytest

from commitments.models import Commitment, DocumentSeries
from tests.factories import CommitmentFactory, RecipientFactory, derived_commitment

TODAY = datetime.date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def days(n):
    return TODAY + datetime.timedelta(days=n)


def overdue_ids():
    return set(Commitment.objects.overdue(TODAY).values_list("pk", flat=True))


# ----------------------------------------------------------------------------------- open


def test_open_means_open_or_partly_fulfilled():
    open_ = CommitmentFactory()
    partly = CommitmentFactory(partly_fulfilled=True)
    CommitmentFactory(fulfilled=True)
    CommitmentFactory(lapsed=True)
    assert set(Commitment.objects.open().values_list("pk", flat=True)) == {open_.pk, partly.pk}


# -------------------------------------------------------------------------------- overdue


def test_open_commitment_due_yesterday_is_overdue():
    commitment = CommitmentFactory(due_date=days(-1))
    assert overdue_ids() == {commitment.pk}


def test_open_commitment_due_today_is_not_overdue():
    CommitmentFactory(due_date=TODAY)
    assert overdue_ids() == set()


def test_commitment_without_due_date_is_never_overdue():
    CommitmentFactory(due_date=None, deadline_phrase="op korte termijn")
    assert overdue_ids() == set()


def test_partly_fulfilled_commitment_past_due_is_overdue():
    commitment = CommitmentFactory(
        due_date=days(-10), made_on=days(-60), partly_fulfilled=True, partly_fulfilled__on=days(-20)
    )
    assert overdue_ids() == {commitment.pk}


def test_fulfilled_commitment_past_due_is_not_overdue():
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-1))
    assert overdue_ids() == set()


def test_lapsed_commitment_past_due_is_not_overdue():
    CommitmentFactory(due_date=days(-10), lapsed=True)
    assert overdue_ids() == set()


def test_annotation_marks_a_late_commitment_overdue():
    late = CommitmentFactory(due_date=days(-12))
    assert Commitment.objects.with_overdue(TODAY).get(pk=late.pk).is_overdue is True


def test_annotation_marks_a_commitment_due_today_not_overdue():
    on_time = CommitmentFactory(due_date=TODAY)
    assert Commitment.objects.with_overdue(TODAY).get(pk=on_time.pk).is_overdue is False


def test_days_late_counts_whole_days_past_the_due_date():
    late = CommitmentFactory(due_date=days(-12))
    assert Commitment.objects.with_overdue(TODAY).get(pk=late.pk).days_late == 12


def test_days_late_is_none_when_not_overdue():
    on_time = CommitmentFactory(due_date=TODAY)
    assert Commitment.objects.with_overdue(TODAY).get(pk=on_time.pk).days_late is None


def test_not_overdue_is_the_complement_of_overdue():
    late = CommitmentFactory(due_date=days(-1))
    undated = CommitmentFactory(due_date=None)
    later = CommitmentFactory(due_date=days(3))
    assert set(Commitment.objects.overdue(TODAY).values_list("pk", flat=True)) == {late.pk}
    assert set(Commitment.objects.not_overdue(TODAY).values_list("pk", flat=True)) == {undated.pk, later.pk}


def test_due_within_counts_from_today_inclusive():
    inside = CommitmentFactory(due_date=days(30))
    CommitmentFactory(due_date=days(31))
    CommitmentFactory(due_date=days(-1))
    assert set(Commitment.objects.due_within(30, TODAY).values_list("pk", flat=True)) == {inside.pk}


# ------------------------------------------------------------------------------- on time


def test_fulfilled_on_the_due_date_is_on_time():
    commitment = CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-10))
    assert list(Commitment.objects.fulfilled_on_time()) == [commitment]


def test_fulfilled_after_the_due_date_is_not_on_time():
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-9))
    assert list(Commitment.objects.fulfilled_on_time()) == []


def test_the_scorecard_puts_each_commitment_in_one_bucket():
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-20))
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-1))
    CommitmentFactory(due_date=None, made_on=days(-60), fulfilled=True, fulfilled__on=days(-1))
    CommitmentFactory(due_date=days(-10), made_on=days(-60), partly_fulfilled=True, partly_fulfilled__on=days(-20))
    CommitmentFactory(due_date=days(10), made_on=days(-60))
    card = Commitment.objects.scorecard(TODAY)
    assert (card.fulfilled_on_time, card.fulfilled_late, card.fulfilled_undated, card.overdue, card.open) == (
        1,
        1,
        1,
        1,
        1,
    )


def test_the_on_time_rate_counts_late_and_still_overdue_against_it():
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-20))
    CommitmentFactory(due_date=days(-10), made_on=days(-60), fulfilled=True, fulfilled__on=days(-1))
    CommitmentFactory(due_date=days(-10), made_on=days(-60), partly_fulfilled=True, partly_fulfilled__on=days(-20))
    assert Commitment.objects.scorecard(TODAY).rate == pytest.approx(1 / 3)


def test_on_time_rate_is_none_when_nothing_is_due():
    CommitmentFactory(due_date=days(10))
    assert Commitment.objects.scorecard(TODAY).rate is None


# -------------------------------------------------------------------------------- search


def test_search_finds_a_word_of_the_text_in_any_case():
    match = CommitmentFactory(text="Een gesprek met de Nationaal Rapporteur")
    CommitmentFactory(text="Iets anders")
    assert list(Commitment.objects.search("rapporteur")) == [match]


def test_search_needs_every_word_to_match():
    both = CommitmentFactory(text="Een gesprek met de Nationaal Rapporteur")
    CommitmentFactory(text="Een gesprek met de minister")
    assert list(Commitment.objects.search("gesprek rapporteur")) == [both]


def test_search_finds_a_member_promised_to():
    to_member = RecipientFactory(person__name="Wörsdörfer").commitment
    CommitmentFactory()
    assert list(Commitment.objects.search("Wörsdörfer")) == [to_member]


def test_search_for_a_superscript_digit_reads_it_as_the_digit_instead_of_failing():
    CommitmentFactory(text="Een gewone toezegging")
    CommitmentFactory(text="Toezegging 2 van 3")
    assert list(Commitment.objects.search("²")) == list(Commitment.objects.search("2")) != []


# ------------------------------------------------------------------------ deadline display


def test_event_deadline_waits_for_the_named_series():
    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    commitment = derived_commitment("bij de volgende voortgangsrapportage", TODAY, expected_series=series)
    assert (commitment.due_date, commitment.deadline_anchor) == (None, Commitment.Anchor.EVENT)
    assert commitment.waiting_for == series.name
    assert commitment.deadline_display == f"wacht op {series.name}"


def test_event_deadline_shows_the_expected_date_when_known():
    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    commitment = derived_commitment(
        "bij de volgende voortgangsrapportage",
        TODAY,
        expected_series=series,
        expected_event_date=datetime.date(2027, 6, 18),
    )
    assert commitment.deadline_display == f"wacht op {series.name} (verwacht 18 juni 2027)"


def test_event_deadline_is_never_overdue():
    derived_commitment("bij de volgende voortgangsrapportage", TODAY)
    assert not Commitment.objects.overdue(datetime.date(2030, 1, 1)).exists()


def test_event_without_a_named_series_waits_for_the_phrase_as_said():
    commitment = derived_commitment("voor het commissiedebat", TODAY)
    assert commitment.due_date is None
    assert commitment.deadline_display == "wacht op “voor het commissiedebat”"


def test_dated_commitment_is_not_waiting():
    commitment = derived_commitment("voor de zomer van 2021", datetime.date(2021, 1, 27))
    assert commitment.waiting_for is None
    assert commitment.deadline_display == "8 juli 2021"
