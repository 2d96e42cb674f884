"""Both chambers: the Eerste Kamer resolves against its own recesses."""

import pytest

from tests.deadlines.helpers import D, assert_due, derive

# Both chambers
# --------------------------------------------------------------------------------------------


def test_the_eerste_kamer_uses_its_own_summer_recess():
    tk = derive("voor de zomer", "2023-03-01", "TK")
    ek = derive("voor de zomer", "2023-03-01", "EK")
    assert tk.due_date == D("2023-07-06")
    assert ek.due_date == D("2023-07-11")  # the EK zomerreces starts on Wednesday 12 July
    assert "Eerste Kamer" in ek.explanation and "Eerste Kamer" not in tk.explanation


def test_the_eerste_kamer_uses_its_own_christmas_recess():
    assert_due("voor het kerstreces", "2026-09-01", "2026-12-15", chamber="EK")
    assert_due("voor het kerstreces", "2026-09-01", "2026-12-17", chamber="TK")


def test_after_the_summer_in_the_eerste_kamer_starts_when_it_sits_again():
    assert_due("na de zomer", "2024-03-01", "2024-09-30", chamber="EK", earliest="2024-09-10")


def test_chamber_is_read_case_insensitively():
    assert derive("voor de zomer", "2023-03-01", "ek").due_date == D("2023-07-11")


def test_an_unknown_chamber_is_a_programming_error():
    with pytest.raises(ValueError):
        derive("voor de zomer", "2023-03-01", "XX")
