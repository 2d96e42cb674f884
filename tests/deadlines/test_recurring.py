"""Recurring promises get the next due date."""

from tests.deadlines.helpers import assert_due, derive

# Recurring promises
# --------------------------------------------------------------------------------------------


def test_yearly_before_the_summer_gets_the_next_due_date_and_is_recurring():
    result = assert_due("jaarlijks voor het zomerreces", "2021-08-01", "2022-07-07", rule="voor_zomerreces")
    assert result.recurring


def test_every_year_in_january_is_recurring():
    result = assert_due("ieder jaar in januari", "2021-02-01", "2022-01-31", rule="in_maand")
    assert result.recurring


def test_every_half_year_is_first_due_half_a_year_after_the_promise():
    result = assert_due("elk half jaar", "2021-01-27", "2021-07-27", rule="halfjaarlijks")
    assert result.recurring and result.anchor == "duration"


def test_a_yearly_progress_report_is_a_recurring_event():
    result = derive("jaarlijks in de voortgangsrapportage", "2021-01-27")
    assert (result.anchor, result.recurring) == ("event", True)


def test_a_single_deadline_is_not_recurring():
    assert not derive("voor de zomer", "2021-01-27").recurring
