"""Events, activities named with their date, conditions, vague and unrecognised phrases."""

import pytest

from tests.deadlines.helpers import D, assert_due, derive


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
            "bij het al genoemde wetgevingsoverleg van 23 november",
            "2020-10-15",
            "2020-11-23",
            "wetgevingsoverleg",
            "wetgevingsoverleg van 23 november 2020 (ma)",
        ),
        (
            "bij het al genoemde wetgevingsoverleg van 23 november",
            "2020-11-22",
            "2020-11-23",
            "wetgevingsoverleg",
            "wetgevingsoverleg van 23 november 2020 (ma)",
        ),
        (
            "tijdens het commissiedebat Jeugd op dinsdag 9 maart 2021",
            "2021-01-27",
            "2021-03-09",
            "commissiedebat Jeugd",
            "commissiedebat Jeugd van 9 maart 2021 (di)",
        ),
        ("in het WGO d.d. 23 november", "2020-11-01", "2020-11-23", "WGO", "WGO van 23 november 2020 (ma)"),
        (
            "op de hoorzitting van 3 maart",
            "2021-01-27",
            "2021-03-03",
            "hoorzitting",
            "hoorzitting van 3 maart 2021 (wo)",
        ),
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
            "voor het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari",
            "2021-01-27",
            "2021-02-07",
            "Algemeen overleg Huiselijk geweld / Kindermishandeling",
        ),
        ("voor het wetgevingsoverleg van 23 november", "2020-10-15", "2020-11-22", "wetgevingsoverleg"),
        ("voor het wetgevingsoverleg van 23 november", "2020-11-22", "2020-11-22", "wetgevingsoverleg"),
        ("voor het AO d.d. 8 februari", "2021-01-27", "2021-02-07", "AO"),
        (
            "voorafgaand aan het commissiedebat over jeugdzorg van 8 februari 2021",
            "2021-01-27",
            "2021-02-07",
            "commissiedebat over jeugdzorg",
        ),
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
        (
            "In het AO van 8 februari heb ik toegezegd de Kamer voor de zomer te informeren",
            "2021-02-08",
            "2021-07-08",
            "voor_zomerreces",
        ),
        (
            "In het AO van 8 februari heb ik toegezegd de Kamer voor de zomer te informeren",
            "2021-06-18",
            "2021-07-08",
            "voor_zomerreces",
        ),
        (
            "de op het VAO van 25 februari 2021 aangenomen moties, uiterlijk eind 2021",
            "2021-06-18",
            "2021-12-31",
            "eind_jaar",
        ),
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
        None,
        "event",
        "event",
        "voortgangsrapportage",
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
        None,
        None,
        "none",
        "none",
        "unknown",
    )
    assert "termijn niet herkend" in result.explanation
