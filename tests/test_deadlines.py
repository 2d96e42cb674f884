"""The deadline engine without a database: phrases to due dates against the CSV calendar.

Expected dates are worked out by hand from shared/docs/DEADLINES.md and the recess calendar in
commitments/data/recesses.csv (e.g. the TK zomerreces 2021 starts on Friday 9 July, so "voor de
zomer" is due on Thursday 8 July).
"""

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.deadlines import (
    ANCHORS,
    PRECISIONS,
    RULES,
    DeadlineResult,
    Recess,
    RecessCalendar,
    add_months,
    default_calendar,
    derive_due_date,
    load_recesses_csv,
    pattern_recess,
    prinsjesdag,
    verantwoordingsdag,
)

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = default_calendar()
D = date.fromisoformat


def derive(phrase, made_on, chamber="TK", calendar=CALENDAR):
    return derive_due_date(phrase, D(made_on), chamber, calendar)


def assert_due(phrase, made_on, due, rule=None, chamber="TK", earliest=None):
    result = derive(phrase, made_on, chamber)
    assert result.due_date == D(due), result
    if rule is not None:
        assert result.rule == rule, result
    if earliest is not None:
        assert result.earliest_date == D(earliest), result
    return result


# --------------------------------------------------------------------------------------------
# One test per row of the conventions table (at least two examples each)
# --------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("eind 2020", "2020-06-01", "2020-12-31", "eind_jaar"),
        ("eind dit jaar", "2021-05-01", "2021-12-31", "eind_jaar"),
        ("voor het einde van het jaar", "2021-03-01", "2021-12-31", "dit_jaar"),
        ("voor de jaarwisseling", "2022-10-10", "2022-12-31", "dit_jaar"),
        ("nog dit jaar", "2023-02-02", "2023-12-31", "dit_jaar"),
    ],
)
def test_end_of_year_phrases_are_due_31_december(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("begin 2022", "2021-06-01", "2022-03-31"),
        ("begin volgend jaar", "2021-10-01", "2022-03-31"),
        ("in het nieuwe jaar", "2020-12-01", "2021-03-31"),
    ],
)
def test_beginning_of_a_year_is_due_31_march(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="begin_jaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("medio 2021", "2020-11-01", "2021-07-31"),
        ("halverwege 2022", "2022-01-15", "2022-07-31"),
        ("medio volgend jaar", "2021-05-01", "2022-07-31"),
    ],
)
def test_middle_of_a_year_is_due_31_july(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="medio_jaar")


@pytest.mark.parametrize(
    "phrase, made_on, due, rule, earliest",
    [
        ("in de eerste helft van 2021", "2020-10-01", "2021-06-30", "eerste_helft", "2021-01-01"),
        ("in de tweede helft van 2020", "2020-03-01", "2020-12-31", "tweede_helft", "2020-07-01"),
        ("de eerste helft van volgend jaar", "2021-05-01", "2022-06-30", "eerste_helft", "2022-01-01"),
    ],
)
def test_half_of_a_year_is_due_30_june_or_31_december(phrase, made_on, due, rule, earliest):
    result = assert_due(phrase, made_on, due, rule=rule, earliest=earliest)
    assert result.precision == "half_year"


@pytest.mark.parametrize(
    "phrase, made_on, due, earliest",
    [
        ("in het eerste kwartaal van 2022", "2021-11-01", "2022-03-31", "2022-01-01"),
        ("Q3 2021", "2021-01-01", "2021-09-30", "2021-07-01"),
        ("in het tweede kwartaal", "2021-07-01", "2022-06-30", "2022-04-01"),
        ("vierde kwartaal", "2021-05-01", "2021-12-31", "2021-10-01"),
    ],
)
def test_a_quarter_is_due_on_its_last_day(phrase, made_on, due, earliest):
    result = assert_due(phrase, made_on, due, rule="in_kwartaal", earliest=earliest)
    assert result.precision == "quarter"


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in het voorjaar van 2021", "2020-12-01", "2021-06-30"),
        ("in het voorjaar", "2021-08-01", "2022-06-30"),
        ("dit voorjaar", "2022-02-01", "2022-06-30"),
    ],
)
def test_in_the_spring_is_due_30_june(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="in_voorjaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in het najaar", "2021-04-01", "2021-12-31"),
        ("in het najaar van 2022", "2021-11-01", "2022-12-31"),
    ],
)
def test_in_the_autumn_is_due_31_december(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="in_najaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in januari", "2020-11-20", "2021-01-31"),
        ("in maart 2025", "2024-12-12", "2025-03-31"),
        ("in februari", "2024-01-10", "2024-02-29"),
        ("uiterlijk in juni", "2021-01-10", "2021-06-30"),
    ],
)
def test_in_a_month_is_due_on_its_last_day(phrase, made_on, due):
    result = assert_due(phrase, made_on, due, rule="in_maand")
    assert result.earliest_date == D(due).replace(day=1)


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("begin maart", "2021-01-05", "2021-03-10", "begin_maand"),
        ("medio april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("half april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("midden april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("eind februari 2023", "2023-01-05", "2023-02-28", "eind_maand"),
        ("eind juni", "2021-01-05", "2021-06-30", "eind_maand"),
    ],
)
def test_begin_middle_end_of_a_month_are_the_10th_20th_and_last_day(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.precision == "dekade"


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("voor 1 maart 2021", "2021-01-01", "2021-02-28", "voor_datum"),
        ("vóór 1 januari", "2021-06-01", "2021-12-31", "voor_datum"),
        ("uiterlijk 15 oktober", "2021-06-01", "2021-10-15", "uiterlijk_datum"),
        ("uiterlijk 1 april 2022", "2021-06-01", "2022-04-01", "uiterlijk_datum"),
        ("uiterlijk 15-03-2021", "2021-01-01", "2021-03-15", "uiterlijk_datum"),
        ("niet later dan 2021-04-01", "2021-01-01", "2021-04-01", "uiterlijk_datum"),
    ],
)
def test_before_a_date_is_the_day_before_and_at_the_latest_is_that_day(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("binnen drie weken", "2021-01-27", "2021-02-17", "termijn_weken"),
        ("binnen 14 dagen", "2021-01-27", "2021-02-10", "termijn_dagen"),
        ("over twee maanden", "2021-03-15", "2021-05-15", "termijn_maanden"),
        ("binnen een jaar", "2021-01-27", "2022-01-27", "termijn_jaren"),
        ("binnen een half jaar", "2021-01-27", "2021-07-27", "termijn_maanden"),
        ("binnen de komende 3 maanden", "2021-01-27", "2021-04-27", "termijn_maanden"),
    ],
)
def test_within_a_duration_counts_from_the_day_the_promise_was_made(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.anchor == "duration"


@pytest.mark.parametrize(
    "word, number",
    [
        ("een", 1), ("één", 1), ("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5), ("zes", 6),
        ("zeven", 7), ("acht", 8), ("negen", 9), ("tien", 10), ("elf", 11), ("twaalf", 12),
    ],
)
def test_number_words_count_like_digits(word, number):
    result = derive(f"binnen {word} weken", "2021-01-01")
    assert result.due_date == date.fromordinal(D("2021-01-01").toordinal() + 7 * number)


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
    "phrase, rule, event",
    [
        ("in de volgende voortgangsrapportage", "voortgangsrapportage", "volgende voortgangsrapportage"),
        ("bij de zesde voortgangsrapportage", "voortgangsrapportage", "zesde voortgangsrapportage"),
        ("voor het commissiedebat over jeugdzorg", "voor_commissiedebat", "commissiedebat over jeugdzorg"),
        ("voor het commissiedebat", "voor_commissiedebat", "commissiedebat"),
        ("voor de begrotingsbehandeling", "begrotingsbehandeling", "begrotingsbehandeling"),
        (
            "in de brief over de aanpak van kindermishandeling",
            "brief_over",
            "brief over de aanpak van kindermishandeling",
        ),
    ],
)
def test_event_phrases_have_no_date_until_the_event_is_known(phrase, rule, event):
    result = derive(phrase, "2021-01-27")
    assert (result.due_date, result.earliest_date) == (None, None)
    assert (result.anchor, result.precision, result.rule, result.event) == ("event", "event", rule, event)


# An activity named with its day is an event with a date: "voor" is the day before, "bij", "in",
# "tijdens" and "op" the day itself. The first two phrases are from the demo data.


@pytest.mark.parametrize(
    "phrase, made_on, due, event, explanation",
    [
        # The VSO of autumn 2020 lies between 15 October and 22 November 2020 (the WGO is on a Monday).
        (
            "bij het al genoemde wetgevingsoverleg van 23 november", "2020-10-15", "2020-11-23",
            "wetgevingsoverleg", "wetgevingsoverleg van 23 november 2020 (ma)",
        ),
        (
            "bij het al genoemde wetgevingsoverleg van 23 november", "2020-11-22", "2020-11-23",
            "wetgevingsoverleg", "wetgevingsoverleg van 23 november 2020 (ma)",
        ),
        (
            "tijdens het commissiedebat Jeugd op dinsdag 9 maart 2021", "2021-01-27", "2021-03-09",
            "commissiedebat Jeugd", "commissiedebat Jeugd van 9 maart 2021 (di)",
        ),
        ("in het WGO d.d. 23 november", "2020-11-01", "2020-11-23", "WGO", "WGO van 23 november 2020 (ma)"),
        ("op de hoorzitting van 3 maart", "2021-01-27", "2021-03-03", "hoorzitting", "hoorzitting van 3 maart 2021 (wo)"),
    ],
)
def test_at_an_activity_with_its_date_is_due_that_day(phrase, made_on, due, event, explanation):
    result = assert_due(phrase, made_on, due, rule="bij_activiteit_datum")
    assert (result.precision, result.anchor, result.event) == ("day", "event", event)
    assert result.explanation == explanation
    assert result.earliest_date is None


@pytest.mark.parametrize(
    "phrase, made_on, due, event",
    [
        (
            "voor het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari", "2021-01-27",
            "2021-02-07", "Algemeen overleg Huiselijk geweld / Kindermishandeling",
        ),
        ("voor het wetgevingsoverleg van 23 november", "2020-10-15", "2020-11-22", "wetgevingsoverleg"),
        ("voor het wetgevingsoverleg van 23 november", "2020-11-22", "2020-11-22", "wetgevingsoverleg"),
        ("voor het AO d.d. 8 februari", "2021-01-27", "2021-02-07", "AO"),
        ("voorafgaand aan het commissiedebat over jeugdzorg van 8 februari 2021", "2021-01-27", "2021-02-07",
         "commissiedebat over jeugdzorg"),
        ("voor de OCW-begrotingsbehandeling van 12 november", "2020-09-01", "2020-11-11", "OCW-begrotingsbehandeling"),
        ("vóór het tweeminutendebat van 25 februari", "2021-02-18", "2021-02-24", "tweeminutendebat"),
        ("voor het plenaire debat dat gepland staat op 8 februari", "2021-01-27", "2021-02-07", "plenaire debat"),
    ],
)
def test_before_an_activity_with_its_date_is_due_the_day_before(phrase, made_on, due, event):
    result = assert_due(phrase, made_on, due, rule="voor_activiteit_datum")
    assert (result.precision, result.anchor, result.event) == ("day", "event", event)
    assert result.explanation.startswith("dag vóór ")


def test_the_demo_general_meeting_explains_itself_in_dutch():
    result = derive("voor het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari", "2021-01-27")
    assert result.explanation == (
        "dag vóór het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari 2021 (ma)"
    )
    assert result.matched_text == "voor het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari"


def test_an_activity_date_without_a_year_is_the_next_one():
    assert_due("voor het AO van 8 februari", "2021-12-01", "2022-02-07", rule="voor_activiteit_datum")
    assert_due("bij het WGO van 23 november", "2020-06-01", "2020-11-23", rule="bij_activiteit_datum")


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        # Where the promise was made, or an activity already held, is context, not the deadline.
        ("In het AO van 8 februari heb ik toegezegd de Kamer voor de zomer te informeren", "2021-02-08",
         "2021-07-08", "voor_zomerreces"),
        ("In het AO van 8 februari heb ik toegezegd de Kamer voor de zomer te informeren", "2021-06-18",
         "2021-07-08", "voor_zomerreces"),
        ("de op het VAO van 25 februari 2021 aangenomen moties, uiterlijk eind 2021", "2021-06-18",
         "2021-12-31", "eind_jaar"),
        # A date of the main clause is not the activity's day.
        ("voor het commissiedebat en uiterlijk op 8 februari", "2021-01-27", "2021-02-08", "uiterlijk_datum"),
    ],
)
def test_an_activity_held_before_the_promise_or_a_date_of_the_main_clause_is_not_the_activity_day(
    phrase, made_on, due, rule
):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "phrase, made_on",
    [
        ("voor het AO van 8 februari jl.", "2021-01-27"),
        ("Dank u wel voor het debat van 8 februari.", "2021-01-27"),
        ("bij het WGO van 23 november", "2020-11-23"),  # said at the activity itself
        ("bij het WGO van 23 november", "2020-01-10"),  # the last one is nearer than the next
        ("bij het WGO van 23 november 2020", "2020-12-01"),
    ],
)
def test_a_past_or_thanked_for_activity_gets_no_date(phrase, made_on):
    assert derive(phrase, made_on).due_date is None


def test_a_dated_activity_beats_an_undated_event():
    result = derive("bij de zesde voortgangsrapportage, voor het AO van 8 februari", "2021-01-27")
    assert (result.due_date, result.rule, result.event) == (D("2021-02-07"), "voor_activiteit_datum", "AO")


@pytest.mark.parametrize(
    "phrase, rule, event",
    [
        ("bij het al genoemde wetgevingsoverleg", "bij_activiteit", "wetgevingsoverleg"),
        ("bij het eerder genoemde commissiedebat over jeugdzorg", "bij_activiteit", "commissiedebat over jeugdzorg"),
        ("bij het aangekondigde notaoverleg", "bij_activiteit", "notaoverleg"),
        ("tijdens het geplande rondetafelgesprek", "bij_activiteit", "rondetafelgesprek"),
        ("voor het al genoemde wetgevingsoverleg", "voor_commissiedebat", "wetgevingsoverleg"),
        ("voor het commissiedebat", "voor_commissiedebat", "commissiedebat"),
        ("voor de technische briefing", "voor_debat", "technische briefing"),
    ],
)
def test_an_announced_activity_without_a_date_is_an_event(phrase, rule, event):
    result = derive(phrase, "2020-11-01")
    assert (result.due_date, result.earliest_date) == (None, None)
    assert (result.anchor, result.precision, result.rule, result.event) == ("event", "event", rule, event)


@pytest.mark.parametrize(
    "phrase, made_on, event",
    [
        ("in de reguliere voortgangsrapportages van het programma", "2020-07-20", "reguliere voortgangsrapportages"),
        ("bij de periodieke voortgangsrapportage", "2021-01-27", "periodieke voortgangsrapportage"),
    ],
)
def test_regular_progress_reports_are_a_recurring_event(phrase, made_on, event):
    result = derive(phrase, made_on)
    assert (result.due_date, result.anchor, result.precision, result.rule) == (
        None, "event", "event", "voortgangsrapportage",
    )
    assert (result.recurring, result.event) == (True, event)


@pytest.mark.parametrize(
    "phrase, rule",
    [
        ("zodra het onderzoek is afgerond", "zodra"),
        ("na ontvangst van het advies van de Raad van State", "na_ontvangst"),
        ("bij de evaluatie van de wet", "bij_evaluatie"),
        ("binnen zes weken na ontvangst van het verzoek", "termijn_na_gebeurtenis"),
    ],
)
def test_conditional_phrases_have_no_date(phrase, rule):
    result = derive(phrase, "2021-01-27")
    assert result.due_date is None
    assert (result.anchor, result.rule) == ("conditional", rule)
    assert result.event


def test_a_condition_keeps_its_clause_for_the_clerk():
    result = derive("zodra het onderzoek is afgerond, informeer ik de Kamer", "2021-01-27")
    assert result.event == "zodra het onderzoek is afgerond"


@pytest.mark.parametrize(
    "phrase, rule",
    [
        ("op korte termijn", "op_korte_termijn"),
        ("binnenkort", "binnenkort"),
        ("zo snel mogelijk", "zo_snel_mogelijk"),
        ("zo spoedig mogelijk", "zo_snel_mogelijk"),
        ("te zijner tijd", "te_zijner_tijd"),
        ("t.z.t.", "te_zijner_tijd"),
        ("in de komende weken", "komende_periode"),
    ],
)
def test_vague_phrases_have_no_due_date(phrase, rule):
    result = derive(phrase, "2021-01-27")
    assert (result.due_date, result.earliest_date) == (None, None)
    assert (result.anchor, result.precision, result.rule) == ("vague", "vague", rule)


@pytest.mark.parametrize(
    "phrase", ["", "   ", "bla bla", "tweede helft van de looptijd", "voor 31 februari", "binnen 10 werkdagen"]
)
def test_unrecognised_text_has_no_date_and_says_so(phrase):
    result = derive(phrase, "2021-01-27")
    assert (result.due_date, result.earliest_date, result.precision, result.anchor, result.rule) == (
        None, None, "none", "none", "unknown",
    )
    assert "termijn niet herkend" in result.explanation


# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
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
    result = derive("voor het herfstreces", "2019-03-01")
    assert (result.due_date, result.precision, result.anchor) == (None, "none", "recess")
    assert result.rule == "voor_herfstreces"
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


def test_only_summer_and_christmas_recesses_have_a_pattern():
    assert pattern_recess("TK", "herfstreces", 2030) is None
    assert pattern_recess("TK", "zomerreces", 2030).confidence == "pattern"


# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# Phrases inside sentences, variants, and choosing among several phrases
# --------------------------------------------------------------------------------------------


def test_a_phrase_is_found_inside_a_whole_promise_and_matched_text_is_the_original():
    result = derive("De minister zegt toe de Kamer vóór het Kerstreces te informeren.", "2021-01-27")
    assert result.due_date == D("2021-12-16")
    assert result.matched_text == "vóór het Kerstreces"


def test_real_register_texts_resolve():
    assert_due(
        "De Kamer wordt voor de zomer geïnformeerd over welke concrete extra acties...", "2025-04-10", "2025-07-03"
    )
    assert_due(
        "De minister stuurt in maart 2025 de terugkoppeling op het emissiereductieplan...", "2024-12-12", "2025-03-31"
    )


def test_extra_whitespace_capitals_and_accents_do_not_matter():
    result = derive("De minister zegt toe de Kamer\n  NOG   vóór\u00a0het\tZomerreces te informeren", "2021-01-27")
    assert result.due_date == D("2021-07-08")
    assert result.matched_text == "vóór\u00a0het\tZomerreces"


def test_at_the_latest_before_a_phrase_still_finds_it():
    assert_due("de Kamer uiterlijk eind maart te informeren", "2021-01-01", "2021-03-31", rule="eind_maand")


def test_the_seed_chain_prefers_the_date_and_keeps_the_event():
    result = derive("bij de zesde voortgangsrapportage … voor de zomer van 2021", "2021-01-27")
    assert result.due_date == D("2021-07-08")
    assert result.event == "zesde voortgangsrapportage"


def test_a_date_beats_a_vague_phrase():
    assert_due("op korte termijn, in ieder geval voor het kerstreces", "2021-01-27", "2021-12-16")


def test_a_date_beats_a_condition():
    assert_due("zodra het rapport er is, en uiterlijk voor de zomer", "2021-01-27", "2021-07-08")


def test_the_finer_phrase_wins_over_a_broad_one():
    # Blokhuis in the debate of November 2020: the broad "eind 2020" is context.
    result = derive("We zitten nu eind 2020. Ik wil de Kamer in januari informeren.", "2020-11-20")
    assert (result.due_date, result.rule) == (D("2021-01-31"), "in_maand")


def test_a_phrase_inside_a_longer_phrase_is_not_chosen():
    result = derive("voor het einde van het jaar", "2021-03-01")
    assert (result.rule, result.matched_text) == ("dit_jaar", "voor het einde van het jaar")


def test_a_negated_phrase_is_not_a_deadline():
    assert derive("niet voor de zomer", "2021-01-27").rule == "unknown"


def test_a_date_range_in_the_narrative_is_not_a_deadline():
    assert derive("in de eerste weken (van 25 mei tot en met 9 juni) ruim 1000 gesprekken", "2021-01-27").rule == "unknown"


def test_thanks_for_the_debate_is_not_an_event():
    assert derive("Dank u wel voor het debat.", "2021-01-27").rule == "unknown"


def test_a_huge_text_is_handled():
    result = derive("bla " * 50_000 + "voor de zomer" + " bla" * 50_000, "2021-01-27")
    assert result.due_date == D("2021-07-08")


def test_text_full_of_matches_is_capped_and_still_answers():
    result = derive("in januari " * 5_000, "2021-01-27")
    assert result.due_date == D("2021-01-31")


def test_a_datetime_for_made_on_is_taken_as_its_date():
    assert derive_due_date("voor de zomer", datetime(2021, 1, 27, 15, 30), "TK", CALENDAR).due_date == D("2021-07-08")


def test_made_on_must_be_a_date():
    with pytest.raises(TypeError):
        derive_due_date("voor de zomer", "2021-01-27")


@pytest.mark.parametrize("made_on", ["0001-01-01", "9999-12-31", "9999-06-01"])
def test_dates_at_the_ends_of_the_calendar_do_not_raise(made_on):
    phrases = ("voor de zomer", "binnen een jaar", "in januari", "jaarlijks", "na het kerstreces", "bij de begroting")
    for phrase in phrases:
        assert isinstance(derive(phrase, made_on), DeadlineResult)


# --------------------------------------------------------------------------------------------
# Result and calendar API
# --------------------------------------------------------------------------------------------


def test_as_dict_is_json_with_iso_dates():
    data = derive("na de zomer", "2021-06-15").as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["due_date"] == "2021-09-30" and data["earliest_date"] == "2021-09-07"
    assert {"due_date", "earliest_date", "precision", "anchor", "rule", "explanation"} <= set(data)


def test_as_dict_of_an_undated_result_has_null_dates():
    data = derive("binnenkort", "2021-06-15").as_dict()
    assert (data["due_date"], data["earliest_date"]) == (None, None)


@pytest.mark.parametrize(
    "year, prinsjes, verantwoording",
    [(2020, "2020-09-15", "2020-05-20"), (2021, "2021-09-21", "2021-05-19"), (2022, "2022-09-20", "2022-05-18")],
)
def test_budget_cycle_days_follow_their_rules(year, prinsjes, verantwoording):
    assert prinsjesdag(year) == D(prinsjes)
    assert verantwoordingsdag(year) == D(verantwoording)


def test_the_csv_calendar_holds_both_chambers_with_inclusive_end_dates():
    summer_2021 = CALENDAR.get("TK", "zomerreces", 2021)
    assert (summer_2021.start, summer_2021.end, summer_2021.first_sitting_day) == (
        D("2021-07-09"), D("2021-09-06"), D("2021-09-07"),
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


def test_the_pure_package_does_not_import_django():
    code = "import sys, commitments.deadlines; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


# --------------------------------------------------------------------------------------------
# Property: any text gives a well-formed result
# --------------------------------------------------------------------------------------------

DEADLINE_WORDS = [
    "voor", "vóór", "VOOR", "de", "het", "zomer", "zomerreces", "kerst", "kerstreces", "reces", "meireces",
    "in", "na", "van", "eind", "begin", "medio", "half", "januari", "februari", "maart", "mei", "december",
    "2020", "2021", "9999", "0001", "31", "29", "1", "binnen", "over", "een", "drie", "twaalf", "weken",
    "maanden", "jaar", "dagen", "kwartaal", "Q3", "helft", "eerste", "tweede", "laatste", "voorjaar", "najaar",
    "Prinsjesdag", "begroting", "Voorjaarsnota", "jaarverslag", "voortgangsrapportage", "volgende",
    "commissiedebat", "zodra", "ontvangst", "evaluatie", "binnenkort", "zo", "snel", "mogelijk", "niet",
    "jaarlijks", "elk", "half", "uiterlijk", "nog", "dit", "volgend", "t/m", "-", "/", ".", ",", "…",
    "AO", "wetgevingsoverleg", "debat", "bij", "tijdens", "op", "al", "genoemde", "reguliere", "d.d.", "jl.",
    "23", "november", "15-03-2021", "2021-02-30", "\u00a0", "\t", "\n", "İ", "ß", "ĳ", "\u200b", "\u202e", "🙂", "\x00",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(DEADLINE_WORDS), max_size=25).map(" ".join),
    st.lists(st.one_of(st.sampled_from(DEADLINE_WORDS), st.text(max_size=5)), max_size=25).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    phrase=texts,
    made_on=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    chamber=st.sampled_from(["TK", "EK"]),
)
def test_any_text_gives_a_well_formed_result(phrase, made_on, chamber):
    result = derive_due_date(phrase, made_on, chamber, CALENDAR)
    assert isinstance(result, DeadlineResult)
    assert result.precision in PRECISIONS
    assert result.anchor in ANCHORS
    assert result.rule in RULES
    assert result.explanation and "interne fout" not in result.explanation
    if result.due_date is not None and result.earliest_date is not None:
        assert result.earliest_date <= result.due_date
    if result.anchor in ("conditional", "vague") or result.precision == "event":
        assert (result.due_date, result.earliest_date) == (None, None)
    if result.anchor == "event" and result.due_date is not None:
        # Only an activity named with its day, never before the promise.
        assert (result.precision, result.earliest_date) == ("day", None)
        assert result.rule in ("voor_activiteit_datum", "bij_activiteit_datum")
        assert result.due_date >= made_on
    assert (result.due_date is None) == (result.precision in ("event", "vague", "none"))
    assert result.matched_text in phrase
    assert json.loads(json.dumps(result.as_dict())) == result.as_dict()
