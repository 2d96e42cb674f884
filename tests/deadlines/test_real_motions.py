"""The engine on real motion texts: the hand-checked sample in tests/data/motions/.

See tests/data/motions/README.md for where the texts come from and how the 200 were chosen; the
expected term and due date (or class) of each were decided by reading the motion, following
docs/DEADLINES.md, not taken from the engine.
"""

import csv
import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from commitments.deadlines import DeadlineResult, default_calendar, derive_due_date
from commitments.deadlines.motion import MotionText, dictum, motion_from_xml, request_span

DATA = Path(__file__).resolve().parents[1] / "data" / "motions"
AGREEMENT_FLOOR = 0.95


def _publications() -> dict[str, str]:
    with gzip.open(DATA / "publications.jsonl.gz", "rt", encoding="utf-8") as handle:
        return {record["DocumentPublicatie_Id"]: record["xml"] for record in map(json.loads, handle)}


PUBLICATIONS = _publications()
with open(DATA / "sample.csv", newline="", encoding="utf-8") as _handle:
    SAMPLE = list(csv.DictReader(_handle))


def engine_class(result: DeadlineResult) -> str:
    if result.due_date is not None:
        return "date"
    return {"event": "event", "conditional": "conditional", "vague": "vague"}.get(result.anchor.value, "none")


def agrees(row: dict[str, str], result: DeadlineResult) -> bool:
    if row["expected_class"] == "date":
        return result.due_date is not None and result.due_date.isoformat() == row["expected_due"]
    return engine_class(result) == row["expected_class"]


def run(row: dict[str, str]) -> DeadlineResult:
    motion = motion_from_xml(PUBLICATIONS[row["publication"]])
    return derive_due_date(motion.text, motion.made_on, motion.chamber, default_calendar())


def test_the_sample_holds_200_hand_checked_texts_of_every_class():
    assert len(SAMPLE) == 200
    assert {row["expected_class"] for row in SAMPLE} == {"date", "event", "conditional", "vague", "none"}
    assert all(row["publication"] in PUBLICATIONS for row in SAMPLE)


def test_the_engine_agrees_with_the_clerk_on_the_sample():
    disagreements = [
        (
            row["id"],
            row["expected_term"],
            row["expected_due"] or row["expected_class"],
            result.matched_text,
            result.due_date,
        )
        for row in SAMPLE
        if not agrees(row, result := run(row))
    ]
    agreement = 1 - len(disagreements) / len(SAMPLE)
    assert agreement >= AGREEMENT_FLOOR, disagreements


@pytest.mark.parametrize("row", [row for row in SAMPLE if row["expected_class"] == "date"][:40], ids=lambda r: r["id"])
def test_a_dated_request_says_which_words_it_used(row):
    result = run(row)
    if result.due_date is not None and result.due_date.isoformat() == row["expected_due"]:
        motion = motion_from_xml(PUBLICATIONS[row["publication"]])
        assert result.matched_text and result.matched_text in motion.dictum


# ---- reading the publications


def test_a_publication_gives_its_identifier_date_chamber_and_paragraphs():
    xml = PUBLICATIONS[SAMPLE[0]["publication"]]
    motion = motion_from_xml(xml)
    assert isinstance(motion, MotionText)
    assert (motion.identifier, motion.made_on, motion.chamber) == ("kst-36471-81", date(2024, 7, 4), "TK")
    assert motion.paragraphs[0] == "De Kamer,"
    assert motion.dictum.startswith("verzoekt de nieuwe regering")


def test_unreadable_xml_is_a_value_error():
    with pytest.raises(ValueError):
        motion_from_xml("<officiele-publicatie><stuk>")


# ---- the request inside a whole motion

MOTION = (
    "De Kamer,\ngehoord de beraadslaging,\n"
    "constaterende dat het kabinet voor de zomer van 2023 een brief zou sturen;\n"
    "overwegende dat die brief er binnen drie maanden moet komen;\n"
    "verzoekt de regering de Kamer voor de Voorjaarsnota te informeren,\n"
    "en gaat over tot de orde van de dag."
)


def test_the_dictum_runs_from_the_request_to_the_closing_formula():
    assert dictum(MOTION) == "verzoekt de regering de Kamer voor de Voorjaarsnota te informeren"


def test_the_term_of_the_request_wins_over_terms_in_the_considerations():
    result = derive_due_date(MOTION, date(2024, 1, 10))
    assert (result.due_date, result.matched_text) == (date(2024, 5, 30), "voor de Voorjaarsnota")


def test_a_motion_without_a_term_in_its_request_has_no_term():
    text = MOTION.replace("voor de Voorjaarsnota ", "")
    assert derive_due_date(text, date(2024, 1, 10)).rule == "unknown"


def test_a_promise_without_a_motion_structure_is_read_whole():
    text = "De minister zegt toe de Kamer voor de zomer te informeren; verzoekt om begrip."
    assert request_span(text) is None
    assert derive_due_date(text, date(2024, 1, 10)).rule == "voor_zomerreces"


def test_a_request_that_opens_the_text_is_the_dictum():
    assert request_span("verzoekt de regering voor 1 mei te rapporteren") == (0, 46)


def test_spreekt_uit_is_a_request_and_betreurt_is_not():
    text = "De Kamer,\nbetreurt dat dit voor de zomer gebeurde;\nspreekt uit dat dit voor 2026 moet stoppen"
    assert dictum(text) == "spreekt uit dat dit voor 2026 moet stoppen"
