"""Date arithmetic: months added and clamped to the end of a shorter month."""

import pytest

from commitments.deadlines import (
    add_months,
)
from tests.deadlines.helpers import D, assert_due

# Month-end clamping
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("binnen een maand", "2021-01-31", "2021-02-28"),
        ("binnen een maand", "2020-01-31", "2020-02-29"),
        ("over drie maanden", "2021-11-30", "2022-02-28"),
        ("binnen een jaar", "2020-02-29", "2021-02-28"),
    ],
)
def test_durations_in_months_are_clamped_to_the_end_of_a_shorter_month(phrase, made_on, due):
    result = assert_due(phrase, made_on, due)
    assert "afgekapt" in result.explanation


@pytest.mark.parametrize(
    "day, months, expected",
    [
        ("2021-01-31", 1, "2021-02-28"),
        ("2021-03-31", -1, "2021-02-28"),
        ("2021-12-15", 1, "2022-01-15"),
        ("2021-08-31", 6, "2022-02-28"),
    ],
)
def test_add_months_clamps_to_the_last_day_of_the_month(day, months, expected):
    assert add_months(D(day), months) == D(expected)
