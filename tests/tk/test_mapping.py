"""The mapping's rules on their own (pure Python)."""

import datetime

import pytest

from commitments.tk import mapping


def test_the_order_rule_names_the_zaak_at_the_decisions_position():
    cases = [["a", "Motie"], ["b", "Motie"], ["c", "Motie"]]
    assert mapping.decided_case(cases, 2) == "b"
    assert mapping.decided_case(cases, 4) is None
    assert mapping.decided_case(cases, None) is None
    assert mapping.decided_case([["only", "Wetgeving"]], 7) == "only"
    # A bill with its amendments: never guessed.
    assert mapping.decided_case([["bill", "Wetgeving"], ["amendment", "Amendement"]], 1) is None


@pytest.mark.parametrize(
    ("soort", "status"),
    [
        ("Stemmen - aangenomen", "aangenomen"),
        ("Stemmen - zonder stemming aannemen", "aangenomen"),
        ("Stemmen - aangehouden (al tijdens debat)", "aangehouden"),
        ("Stemmen - uitstellen", "ingediend"),
        ("Behandelen [en afdoen]", None),
        (None, None),
    ],
)
def test_decisions_on_votes_give_a_motion_status(soort, status):
    assert mapping.decision_status(soort) == status


def test_the_kst_identifier_gives_dossier_and_number():
    assert mapping.split_kst("kst-21501-08-921") == ("21501-08", "921")
    assert mapping.split_kst("kst-36600-XV-58") == ("36600-XV", "58")
    assert mapping.split_kst("2024D27368") is None


def test_dates_the_sentinel_and_the_local_day():
    assert mapping.local_date("0001-01-01T00:00:00Z") is None
    assert mapping.local_date("2024-06-27T00:00:00+02:00") == datetime.date(2024, 6, 27)
    with pytest.raises(mapping.Malformed):
        mapping.local_date("27 juni")


def test_names_as_the_papers_write_them():
    record = {"Achternaam": "Baarle", "Tussenvoegsel": "van", "Initialen": "S.R.T."}
    assert mapping.person_names(record) == ("Van Baarle", "S.R.T. van Baarle")
    assert mapping.name_from_register("Herbert, H.G.") == ("Herbert", "H.G. Herbert")


def test_register_statuses_including_the_live_words():
    assert mapping.commitment_status("Deels Afgedaan") == "deels voldaan"
    assert mapping.commitment_status("Afgedaan") == "voldaan"
    with pytest.raises(mapping.Malformed):
        mapping.commitment_status("Onbekend")


def test_a_week_dated_activity_has_bounds_not_a_day():
    record = {"Datum": "2025-03-03T00:00:00+01:00", "DatumSoort": "Weeknummer"}
    assert mapping.activity_dates(record) == (None, datetime.date(2025, 3, 3), datetime.date(2025, 3, 9))
