"""Finding the phrase inside a text, variants, and choosing among several phrases."""

import json
from datetime import datetime

import pytest

from commitments.deadlines import (
    DeadlineResult,
    derive_due_date,
)
from tests.deadlines.helpers import CALENDAR, D, assert_due, derive

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
    assert (
        derive("in de eerste weken (van 25 mei tot en met 9 juni) ruim 1000 gesprekken", "2021-01-27").rule == "unknown"
    )


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
