"""The budget cycle: Prinsjesdag, the budget, the Voorjaarsnota, Najaarsnota and jaarverslag."""

import pytest

from commitments.deadlines import (
    prinsjesdag,
    verantwoordingsdag,
)
from tests.deadlines.helpers import D, assert_due


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("voor Prinsjesdag", "2021-01-27", "2021-09-20", "voor_prinsjesdag"),
        ("op Prinsjesdag", "2023-03-01", "2023-09-19", "op_prinsjesdag"),
        ("bij de begroting voor 2023", "2022-02-01", "2022-09-20", "bij_begroting"),
        ("bij de Miljoenennota", "2021-10-01", "2022-09-20", "bij_begroting"),
        ("bij de begroting", "2021-01-27", "2021-09-21", "bij_begroting"),
    ],
)
def test_prinsjesdag_phrases_are_due_on_or_the_day_before_the_third_tuesday_of_september(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.anchor == "budget_cycle"


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("bij de Voorjaarsnota", "2021-01-27", "2021-05-31", "bij_voorjaarsnota"),
        ("bij de Voorjaarsnota", "2021-06-01", "2022-05-31", "bij_voorjaarsnota"),
        ("bij de Najaarsnota", "2021-01-27", "2021-11-30", "bij_najaarsnota"),
        ("bij het jaarverslag", "2022-01-10", "2022-05-18", "bij_jaarverslag"),
        ("bij het jaarverslag over 2021", "2021-06-01", "2022-05-18", "bij_jaarverslag"),
    ],
)
def test_budget_documents_are_due_on_their_fixed_days(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "year, prinsjes, verantwoording",
    [(2020, "2020-09-15", "2020-05-20"), (2021, "2021-09-21", "2021-05-19"), (2022, "2022-09-20", "2022-05-18")],
)
def test_budget_cycle_days_follow_their_rules(year, prinsjes, verantwoording):
    assert prinsjesdag(year) == D(prinsjes)
    assert verantwoordingsdag(year) == D(verantwoording)
