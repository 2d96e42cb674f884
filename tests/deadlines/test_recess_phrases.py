"""Recess phrases (voor / in / na a recess) against the recess calendar."""

import pytest

from tests.deadlines.helpers import assert_due, derive


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("voor de zomer van 2021", "2021-01-27", "2021-07-08"),  # the seed chain (zomerreces vr 9 juli)
        ("voor het zomerreces", "2024-03-01", "2024-07-04"),
        ("Vóór de zomer", "2022-02-01", "2022-07-07"),
        ("voor zomerreces", "2019-01-10", "2019-07-04"),
        ("voor de zomer 2023", "2023-01-10", "2023-07-06"),
    ],
)
def test_before_the_summer_is_due_the_day_before_the_tk_zomerreces(phrase, made_on, due):
    result = assert_due(phrase, made_on, due, rule="voor_zomerreces")
    assert (result.precision, result.anchor) == ("day", "recess")


def test_seed_phrase_explains_which_recess_it_used_in_dutch():
    result = derive("voor de zomer van 2021", "2021-01-27")
    assert result.explanation == "dag vóór het zomerreces 2021 (vr 9 juli)"


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("voor het kerstreces", "2020-11-20", "2020-12-17"),
        ("voor de kerst", "2023-09-01", "2023-12-21"),
        ("voor kerst", "2024-10-01", "2024-12-19"),
        ("voor het Kerstreces van 2022", "2022-01-05", "2022-12-22"),
    ],
)
def test_before_christmas_is_due_the_day_before_the_kerstreces(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="voor_kerstreces")


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("voor het meireces", "2024-01-10", "2024-04-25", "voor_meireces"),
        ("voor het mei-reces", "2023-02-01", "2023-04-20", "voor_meireces"),
        ("voor het voorjaarsreces", "2024-01-10", "2024-02-15", "voor_voorjaarsreces"),
        ("voor het krokusreces", "2026-01-05", "2026-02-12", "voor_voorjaarsreces"),
        ("voor het herfstreces", "2023-06-01", "2023-10-12", "voor_herfstreces"),
        ("voor het verkiezingsreces", "2021-01-10", "2021-02-11", "voor_verkiezingsreces"),
    ],
)
def test_before_a_named_recess_is_due_the_day_before_it_starts(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "made_on, due, kind",
    [
        ("2023-09-10", "2023-10-12", "herfstreces"),
        ("2024-03-01", "2024-04-25", "meireces"),
        ("2021-01-27", "2021-02-11", "verkiezingsreces"),
    ],
)
def test_before_the_recess_means_the_next_recess_of_any_kind(made_on, due, kind):
    result = assert_due("voor het reces", made_on, due, rule="voor_reces")
    assert kind in result.explanation


@pytest.mark.parametrize(
    "phrase, made_on, due, earliest",
    [
        ("in de zomer", "2021-03-01", "2021-09-06", "2021-07-09"),
        ("deze zomer", "2022-05-01", "2022-09-05", "2022-07-08"),
        ("rond de zomer", "2023-01-01", "2023-09-04", "2023-07-07"),
        ("in de zomer van 2024", "2023-11-01", "2024-09-02", "2024-07-05"),
    ],
)
def test_in_the_summer_is_due_the_last_day_of_the_zomerreces(phrase, made_on, due, earliest):
    result = assert_due(phrase, made_on, due, rule="in_zomer", earliest=earliest)
    assert result.precision == "season"


@pytest.mark.parametrize(
    "phrase, made_on, due, earliest",
    [
        ("na de zomer", "2021-06-15", "2021-09-30", "2021-09-07"),
        ("na het zomerreces", "2024-05-01", "2024-09-30", "2024-09-03"),
    ],
)
def test_after_the_summer_is_due_30_september_and_starts_on_the_first_sitting_day(phrase, made_on, due, earliest):
    assert_due(phrase, made_on, due, rule="na_zomer", earliest=earliest)


@pytest.mark.parametrize(
    "made_on, due, earliest",
    [
        ("2020-12-01", "2021-01-31", "2021-01-12"),
        ("2023-11-01", "2024-01-31", "2024-01-16"),
    ],
)
def test_after_the_christmas_recess_is_due_31_january(made_on, due, earliest):
    assert_due("na het kerstreces", made_on, due, rule="na_kerstreces", earliest=earliest)
