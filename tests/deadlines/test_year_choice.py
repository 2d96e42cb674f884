"""Which year a phrase without a year means."""

import pytest

from tests.deadlines.helpers import assert_due, derive

# Which year
# --------------------------------------------------------------------------------------------


def test_before_the_summer_said_in_august_means_next_summer():
    assert_due("voor de zomer", "2021-08-15", "2022-07-07")


def test_before_the_summer_said_during_the_recess_means_next_summer():
    assert_due("voor de zomer", "2021-07-20", "2022-07-07")


def test_before_christmas_said_after_that_recess_began_means_next_years():
    assert_due("voor het kerstreces", "2021-12-20", "2022-12-22")


def test_before_the_recess_said_on_the_day_before_it_starts_is_due_that_day():
    assert_due("voor het zomerreces", "2021-07-08", "2021-07-08")


def test_before_the_recess_said_on_its_first_day_means_next_year():
    assert_due("voor het zomerreces", "2021-07-09", "2022-07-07")


def test_in_the_summer_said_during_the_recess_means_this_recess():
    assert_due("in de zomer", "2021-08-01", "2021-09-06")


@pytest.mark.parametrize("made_on", ["2021-01-01", "2021-01-20", "2021-01-31"])
def test_in_january_said_in_january_means_this_month(made_on):
    assert_due("in januari", made_on, "2021-01-31")


def test_in_january_said_in_february_means_next_january():
    assert_due("in januari", "2021-02-01", "2022-01-31")


def test_end_of_a_month_said_in_that_month_means_this_month():
    assert_due("eind maart", "2021-03-25", "2021-03-31")


def test_an_explicit_year_is_taken_as_said_even_when_it_has_passed():
    assert_due("voor de zomer van 2021", "2021-08-01", "2021-07-08")


def test_a_period_in_a_year_before_the_promise_is_context_not_the_deadline():
    assert derive("in januari 2020", "2021-03-01").rule == "unknown"
    assert_due("Het onderzoek dat in 2020 startte, rapporteren we voor de zomer", "2021-03-01", "2021-07-08")
