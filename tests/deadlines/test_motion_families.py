"""The term families of the Kamer's real motions (issue 9), each with both chambers, the year
around the turn of the year, and words around the phrase.

Expected dates are worked out by hand from docs/DEADLINES.md and commitments/data/recesses.csv:
Prinsjesdag 2025 is Tuesday 16 September; the TK meireces 2025 has no row, so its pattern starts
on Friday 25 April (the last Friday on or before Koningsdag), the EK's two days earlier.
"""

import pytest

from commitments.deadlines import Anchor, Precision
from tests.deadlines.helpers import assert_due, derive

# ---- the budget cycle


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("voor de Voorjaarsnota", "2025-02-01", "2025-05-30"),
        ("vóór de Voorjaarsnota 2026", "2025-02-01", "2026-05-30"),
        ("uiterlijk voor de Voorjaarsnota", "2025-02-01", "2025-05-30"),
        ("in aanloop naar de Voorjaarsnota", "2025-02-01", "2025-05-30"),
    ],
)
def test_before_the_voorjaarsnota_is_the_day_before_31_may(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="voor_voorjaarsnota")


@pytest.mark.parametrize(
    "phrase", ["bij de Voorjaarsnota", "in de Voorjaarsnota 2025", "uiterlijk bij de Voorjaarsnota"]
)
def test_with_the_voorjaarsnota_is_31_may(phrase):
    assert_due(phrase, "2025-02-01", "2025-05-31", rule="bij_voorjaarsnota")


def test_before_the_voorjaarsnota_said_after_it_means_next_years():
    assert_due("voor de Voorjaarsnota", "2025-06-10", "2026-05-30")


def test_before_the_najaarsnota_is_29_november():
    assert_due("voor de Najaarsnota", "2025-02-01", "2025-11-29", rule="voor_najaarsnota")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("voor de Miljoenennota", "2025-03-01", "2025-09-15"),
        ("vóór de begroting 2026", "2025-03-01", "2025-09-15"),
        ("voor de begroting van 2026", "2025-03-01", "2025-09-15"),
        ("voor de Miljoenennota", "2025-09-20", "2026-09-14"),
    ],
)
def test_before_the_budget_is_the_day_before_prinsjesdag(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="voor_begroting")


@pytest.mark.parametrize(
    "phrase",
    ["in de begroting voor 2026", "in de volgende begroting", "bij de aanbieding van de begroting"],
)
def test_in_the_budget_with_a_year_or_next_is_prinsjesdag(phrase):
    assert_due(phrase, "2025-03-01", "2025-09-16", rule="bij_begroting")


@pytest.mark.parametrize(
    "phrase",
    ["de dekking te vinden in de begroting van OCW", "extra geld voor de begroting van Defensie vrij te maken"],
)
def test_the_budget_as_a_source_of_money_is_not_a_term(phrase):
    assert derive(phrase, "2025-03-01").rule == "unknown"


@pytest.mark.parametrize(
    "phrase, event",
    [
        ("voor de behandeling van de begroting van OCW", "behandeling van de begroting van OCW"),
        ("voor behandeling van de onderwijsbegroting", "behandeling van de onderwijsbegroting"),
        ("voor het begrotingsdebat", "begrotingsdebat"),
    ],
)
def test_the_budget_debate_is_an_event(phrase, event):
    result = derive(phrase, "2025-03-01")
    assert (result.due_date, result.anchor, result.rule, result.event) == (
        None,
        Anchor.EVENT,
        "begrotingsbehandeling",
        event,
    )


def test_before_the_next_prinsjesdag():
    assert_due("voor komende Prinsjesdag", "2025-06-19", "2025-09-15", rule="voor_prinsjesdag")


# ---- recesses by name, both chambers


@pytest.mark.parametrize(
    "chamber, due, explanation",
    [
        ("TK", "2025-04-24", "dag vóór het meireces 2025 (vr 25 april), volgens het gebruikelijke patroon"),
        (
            "EK",
            "2025-04-22",
            "dag vóór het meireces 2025 van de Eerste Kamer (wo 23 april), volgens het gebruikelijke patroon",
        ),
    ],
)
def test_before_the_meireces_without_data_uses_the_pattern_and_says_so(chamber, due, explanation):
    result = assert_due("voor het meireces", "2025-03-01", due, rule="voor_meireces", chamber=chamber)
    assert result.explanation == explanation


@pytest.mark.parametrize("chamber, due", [("TK", "2026-04-23"), ("EK", "2026-04-21")])
def test_before_the_meireces_with_data_uses_the_data(chamber, due):
    result = assert_due("voor het meireces", "2026-01-10", due, chamber=chamber)
    assert "patroon" not in result.explanation


@pytest.mark.parametrize("chamber, due", [("TK", "2024-10-10"), ("EK", "2024-10-08")])
def test_before_the_herfstreces_uses_the_pattern(chamber, due):
    assert_due("voor het herfstreces", "2024-05-01", due, rule="voor_herfstreces", chamber=chamber)


def test_before_a_herfstreces_replaced_by_the_election_recess_is_before_that_recess():
    result = assert_due("voor het herfstreces", "2025-05-27", "2025-10-02")
    assert "verkiezingsreces 2025" in result.explanation


@pytest.mark.parametrize("chamber, due", [("TK", "2026-02-12"), ("EK", "2026-02-10")])
def test_before_the_voorjaarsreces_said_in_december_means_the_coming_february(chamber, due):
    assert_due("voor het voorjaarsreces", "2025-12-20", due, rule="voor_voorjaarsreces", chamber=chamber)


def test_in_the_run_up_to_the_coming_summer_recess_is_before_it():
    assert_due("in aanloop naar het komende zomerreces", "2024-12-19", "2025-07-03", rule="voor_zomerreces")


@pytest.mark.parametrize(
    "chamber, made_on, due, earliest",
    [
        ("TK", "2025-01-10", "2025-03-24", "2025-02-25"),
        ("EK", "2024-01-10", "2024-03-25", "2024-02-27"),
    ],
)
def test_after_the_voorjaarsreces_is_four_weeks_after_it_ends(chamber, made_on, due, earliest):
    assert_due("na het voorjaarsreces", made_on, due, rule="na_voorjaarsreces", chamber=chamber, earliest=earliest)


@pytest.mark.parametrize(
    "phrase, made_on, due, earliest",
    [
        ("direct na het zomerreces", "2025-03-01", "2025-09-15", "2025-09-01"),
        ("kort na het kerstreces", "2025-12-01", "2026-01-26", "2026-01-12"),
        ("meteen na het meireces", "2026-01-10", "2026-05-25", "2026-05-11"),
    ],
)
def test_directly_after_a_recess_is_two_weeks_after_it_ends(phrase, made_on, due, earliest):
    assert_due(phrase, made_on, due, rule="direct_na_reces", earliest=earliest)


# ---- the calendar


@pytest.mark.parametrize(
    "made_on, due, earliest",
    [("2025-01-05", "2025-01-31", "2024-12-15"), ("2025-02-01", "2026-01-31", "2025-12-15")],
)
def test_around_the_turn_of_the_year_is_31_january(made_on, due, earliest):
    assert_due("rond de jaarwisseling", made_on, due, rule="rond_jaarwisseling", earliest=earliest)


def test_during_the_next_turn_of_the_year_is_31_december():
    assert_due("tijdens de volgende jaarwisseling", "2025-01-28", "2025-12-31", rule="dit_jaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("voor het najaar", "2025-03-01", "2025-08-31"),
        ("voor het voorjaar", "2025-03-10", "2026-02-28"),
        ("voor het voorjaar van 2028", "2025-03-10", "2028-02-29"),
    ],
)
def test_before_a_season_is_the_day_before_it_starts(phrase, made_on, due):
    result = assert_due(phrase, made_on, due)
    assert result.precision == Precision.SEASON


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("vóór 2025", "2024-03-01", "2024-12-31", "voor_jaar"),
        ("voor 2030", "2024-03-01", "2029-12-31", "voor_jaar"),
        ("uiterlijk 2040", "2024-03-01", "2040-12-31", "uiterlijk_jaar"),
        ("uiterlijk in 2026", "2024-03-01", "2026-12-31", "uiterlijk_jaar"),
    ],
)
def test_a_bare_year_is_due_at_the_end_of_it_or_of_the_year_before(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.precision == Precision.YEAR


@pytest.mark.parametrize(
    "phrase", ["de doelen voor 2030 te halen", "de begroting voor 2026 aan te passen", "10 miljoen voor 2025"]
)
def test_for_a_year_after_its_noun_is_not_a_term(phrase):
    assert derive(phrase, "2024-03-01").rule == "unknown"


def test_vóór_with_accents_is_before_even_after_a_noun():
    assert_due("de doelen vóór 2030 te halen", "2024-03-01", "2029-12-31", rule="voor_jaar")


@pytest.mark.parametrize(
    "phrase, due, precision",
    [
        ("per 1 januari 2026", "2026-01-01", Precision.DAY),
        ("met ingang van 1 juli", "2025-07-01", Precision.DAY),
        ("per 2026", "2026-01-01", Precision.YEAR),
        ("vanaf 2027", "2027-01-01", Precision.YEAR),
    ],
)
def test_an_effective_date_is_due_that_day(phrase, due, precision):
    result = assert_due(phrase, "2025-03-01", due, rule="per_datum")
    assert result.precision == precision


def test_not_per_a_date_is_not_a_term():
    assert derive("de bekostiging niet per 1 augustus 2025 te beëindigen", "2025-03-01").rule == "unknown"


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("deze week", "2025-03-05", "2025-03-07", "deze_week"),
        ("volgende week", "2025-03-05", "2025-03-14", "volgende_week"),
        ("komende week", "2025-12-31", "2026-01-09", "volgende_week"),
    ],
)
def test_this_or_next_week_is_its_friday(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize("phrase", ["nog dit jaar", "dit jaar", "uiterlijk dit jaar"])
def test_this_year_is_31_december(phrase):
    assert_due(phrase, "2025-03-05", "2025-12-31", rule="dit_jaar")


def test_the_summer_of_this_year_is_not_this_year():
    assert derive("in de zomer van dit jaar", "2025-03-05").rule == "in_zomer"


# ---- events, vague and conditional phrases


@pytest.mark.parametrize(
    "phrase, event",
    [
        ("voor de volgende JBZ-Raad", "volgende JBZ-Raad"),
        ("bij de komende Energieraad", "komende Energieraad"),
        ("voor de eerstvolgende Europese Raad", "eerstvolgende Europese Raad"),
    ],
)
def test_before_the_next_council_is_an_event(phrase, event):
    result = derive(phrase, "2025-03-05")
    assert (result.due_date, result.anchor, result.rule, result.event) == (None, Anchor.EVENT, "volgende_raad", event)


def test_a_council_as_a_place_is_not_a_term():
    assert derive("in de Raad te pleiten voor een staakt-het-vuren", "2025-03-05").rule == "unknown"


@pytest.mark.parametrize("phrase", ["per direct", "onverwijld", "zonder uitstel"])
def test_immediately_is_vague(phrase):
    result = derive(f"de maatregel {phrase} in te trekken", "2025-03-05")
    assert (result.due_date, result.anchor) == (None, Anchor.VAGUE)


@pytest.mark.parametrize("phrase", ["na een jaar te evalueren", "na twee jaar te evalueren", "na 4 maanden"])
def test_a_period_after_an_unnamed_start_is_conditional(phrase):
    result = derive(phrase, "2025-03-05")
    assert (result.due_date, result.anchor, result.rule) == (None, Anchor.CONDITIONAL, "termijn_na_gebeurtenis")


# ---- words around the phrase


@pytest.mark.parametrize(
    "text, due, matched",
    [
        (
            "verzoekt de regering de Kamer hierover uiterlijk vóór de Voorjaarsnota 2026 te informeren",
            "2026-05-30",
            "uiterlijk vóór de Voorjaarsnota 2026",
        ),
        ("verzoekt de regering om voor het meireces met een plan te komen,", "2025-04-24", "voor het meireces"),
        ("en de Kamer hier vóór 2027 over te informeren", "2026-12-31", "vóór 2027"),
    ],
)
def test_the_term_is_found_among_the_words_of_a_request(text, due, matched):
    result = assert_due(text, "2025-03-01", due)
    assert result.matched_text == matched


# ---- found on the hand-checked sample


def test_before_a_quarter_is_the_day_before_it_starts():
    assert_due("uiterlijk vóór het vierde kwartaal van 2025", "2025-05-27", "2025-09-30", rule="voor_kwartaal")


def test_the_spring_decision_making_is_the_voorjaarsnota():
    assert_due("de middelen bij voorjaarsbesluitvorming te reserveren", "2025-03-27", "2025-05-31")


def test_money_reserved_at_the_voorjaarsnota_is_not_a_term():
    assert derive("middelen uit de bij de Voorjaarsnota gereserveerde middelen", "2025-09-10").rule == "unknown"


@pytest.mark.parametrize(
    "phrase",
    [
        "een groeipad uit te werken naar 2% R&T-investeringen in 2030",
        "om aan de doelstellingen uit de nationale strategie in 2040 te voldoen",
        "een gebiedsdoel van maximaal 2 kiloton in 2035 op te leggen",
    ],
)
def test_a_year_that_belongs_to_a_target_is_not_the_term(phrase):
    assert derive(phrase, "2024-12-10").rule == "unknown"


def test_a_year_after_a_comma_following_a_target_is_a_term():
    assert_due("de doelen te halen, en dit in 2026 te regelen", "2024-12-10", "2026-12-31", rule="in_jaar")


def test_an_effective_year_already_begun_is_context():
    assert derive("af te zien van de salarisverhoging per 2024", "2024-01-18").rule == "unknown"


@pytest.mark.parametrize("phrase", ["bij het aantreden van een nieuw kabinet", "na de verkiezingen"])
def test_the_next_cabinet_or_election_is_a_condition(phrase):
    result = derive(f"{phrase} een plan uit te werken", "2024-05-23")
    assert (result.due_date, result.anchor) == (None, Anchor.CONDITIONAL)


def test_a_period_before_an_event_is_a_condition():
    result = derive("uiterlijk drie maanden voor het aflopen van de gedoogperiode duidelijkheid te geven", "2024-10-16")
    assert (result.anchor, result.rule) == (Anchor.CONDITIONAL, "termijn_voor_gebeurtenis")


def test_more_than_days_before_an_event_is_no_term():
    assert derive("langer dan drie dagen voor het einde van hun detentie", "2025-03-25").rule == "unknown"


@pytest.mark.parametrize(
    "phrase, event",
    [
        ("in het aankomende nationaal plan tegen discriminatie", "aankomende nationaal plan"),
        ("bij de volgende doorrekening van verkiezingsprogramma's", "volgende doorrekening"),
    ],
)
def test_the_next_plan_or_calculation_is_an_event(phrase, event):
    result = derive(phrase, "2024-06-12")
    assert (result.due_date, result.rule, result.event) == (None, "volgende_document", event)
