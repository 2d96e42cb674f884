"""The recess calendar: the regular pattern, the CSV, lookups and the budget-cycle days."""

from dataclasses import replace

import pytest

from commitments.deadlines import (
    Recess,
    RecessCalendar,
    load_recesses_csv,
    pattern_recess,
)
from commitments.deadlines.calendar import PATTERN_NOTE
from tests.deadlines.helpers import CALENDAR, ROOT, D, assert_due, derive

# The regular pattern, for years without data
# --------------------------------------------------------------------------------------------


def test_a_year_without_data_uses_the_pattern_and_says_so():
    result = assert_due("voor de zomer van 2030", "2029-05-01", "2030-07-04")
    assert "volgens het gebruikelijke patroon" in result.explanation


def test_a_year_with_verified_data_does_not_mention_the_pattern():
    assert "patroon" not in derive("voor de zomer", "2024-03-01").explanation


def test_the_eerste_kamer_pattern_starts_on_the_wednesday_of_iso_week_28():
    result = assert_due("voor de zomer", "2025-03-01", "2025-07-08", chamber="EK")
    assert "volgens het gebruikelijke patroon" in result.explanation


def test_an_empty_calendar_resolves_summer_and_christmas_from_the_pattern():
    empty = RecessCalendar([])
    summer = derive("voor de zomer", "2021-01-27", calendar=empty)
    christmas = derive("voor het kerstreces", "2021-01-27", calendar=empty)
    assert summer.due_date == D("2021-07-08")
    assert christmas.due_date == D("2021-12-16")
    assert "volgens het gebruikelijke patroon" in summer.explanation


def test_a_recess_without_pattern_or_data_is_recognised_but_left_without_a_date():
    result = derive("voor het verkiezingsreces", "2019-03-01")
    assert (result.due_date, result.precision, result.anchor) == (None, "none", "recess")
    assert result.rule == "voor_verkiezingsreces"
    assert "staat niet in de receskalender" in result.explanation


CSV_RECESSES = load_recesses_csv(ROOT / "commitments" / "data" / "recesses.csv")


@pytest.mark.parametrize(
    "recess",
    [r for r in CSV_RECESSES if r.kind in ("zomerreces", "kerstreces")],
    ids=lambda r: f"{r.chamber}-{r.kind}-{r.year}",
)
def test_the_pattern_reproduces_every_summer_and_christmas_recess_in_the_csv(recess):
    pattern = pattern_recess(recess.chamber, recess.kind, recess.year)
    assert (pattern.start, pattern.end) == (recess.start, recess.end)


def test_only_the_election_recess_has_no_pattern():
    assert pattern_recess("TK", "verkiezingsreces", 2030) is None
    assert pattern_recess("TK", "herfstreces", 2030).confidence == "pattern"


@pytest.mark.parametrize(
    "recess",
    [r for r in CSV_RECESSES if r.kind == "meireces"],
    ids=lambda r: f"{r.chamber}-{r.kind}-{r.year}",
)
def test_the_meireces_pattern_reproduces_every_meireces_in_the_csv(recess):
    assert pattern_recess(recess.chamber, recess.kind, recess.year) == replace(
        recess, confidence="pattern", note=PATTERN_NOTE
    )


@pytest.mark.parametrize(
    "chamber, kind, year, start, end",
    [
        ("TK", "voorjaarsreces", 2024, "2024-02-16", "2024-02-26"),
        ("EK", "voorjaarsreces", 2027, "2027-02-17", "2027-03-01"),
        ("TK", "herfstreces", 2023, "2023-10-13", "2023-10-23"),
        ("EK", "herfstreces", 2023, "2023-10-11", "2023-10-23"),
    ],
)
def test_the_school_holiday_recess_patterns_match_the_usual_years(chamber, kind, year, start, end):
    recess = pattern_recess(chamber, kind, year)
    assert (recess.start, recess.end) == (D(start), D(end))


def test_the_election_recess_stands_in_for_the_herfstreces_it_replaced():
    # TK 2025: the verkiezingsreces (3-29 October) replaced the herfstreces.
    assert CALENDAR.get("TK", "herfstreces", 2025).kind == "verkiezingsreces"


def test_a_herfstreces_without_data_comes_from_the_pattern():
    assert CALENDAR.get("TK", "herfstreces", 2024).is_pattern


def test_the_csv_calendar_holds_both_chambers_with_inclusive_end_dates():
    summer_2021 = CALENDAR.get("TK", "zomerreces", 2021)
    assert (summer_2021.start, summer_2021.end, summer_2021.first_sitting_day) == (
        D("2021-07-09"),
        D("2021-09-06"),
        D("2021-09-07"),
    )
    assert {r.chamber for r in CALENDAR} == {"TK", "EK"}


def test_load_recesses_csv_names_the_line_of_a_bad_row(tmp_path):
    path = tmp_path / "recesses.csv"
    path.write_text(
        "kamer,soort,start,end,confidence,note\n"
        "TK,zomerreces,2021-07-09,2021-09-06,verified,\n"
        "TK,zomerreces,2021-13-01,2021-09-06,verified,\n"
    )
    with pytest.raises(ValueError, match="regel 3"):
        load_recesses_csv(path)


def test_a_recess_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        RecessCalendar([Recess("TK", "zomerreces", D("2021-09-06"), D("2021-07-09"))])


def test_kind_aliases_are_normalised_in_the_calendar():
    calendar = RecessCalendar([Recess("TK", "krokusreces", D("2030-02-15"), D("2030-02-25"), "verified")])
    assert calendar.get("TK", "voorjaarsreces", 2030).start == D("2030-02-15")
