"""The engine is a pure-Python package, and any text gives a well-formed result."""

import json
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.deadlines import (
    RULES,
    Anchor,
    DeadlineResult,
    Precision,
    derive_due_date,
)
from tests.deadlines.helpers import CALENDAR, ROOT

ENGINE_MODULES = sorted(
    f"commitments.deadlines.{path.stem}"
    for path in (ROOT / "commitments" / "deadlines").glob("*.py")
    if path.stem != "__init__"
)


def test_the_engine_has_the_modules_this_test_checks():
    assert "commitments.deadlines.parser" in ENGINE_MODULES
    assert "commitments.deadlines.vocabulary" in ENGINE_MODULES


@pytest.mark.parametrize("module", ["commitments.deadlines", *ENGINE_MODULES, "commitments.citations"])
def test_every_module_of_the_pure_package_imports_without_django(module):
    # A fresh interpreter: importing the module must not pull Django in, directly or not.
    code = f"import sys, {module}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'django'}}))"
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------
# Property: any text gives a well-formed result
# --------------------------------------------------------------------------------------------

DEADLINE_WORDS = [
    "voor",
    "vóór",
    "VOOR",
    "de",
    "het",
    "zomer",
    "zomerreces",
    "kerst",
    "kerstreces",
    "reces",
    "meireces",
    "in",
    "na",
    "van",
    "eind",
    "begin",
    "medio",
    "half",
    "januari",
    "februari",
    "maart",
    "mei",
    "december",
    "2020",
    "2021",
    "9999",
    "0001",
    "31",
    "29",
    "1",
    "binnen",
    "over",
    "een",
    "drie",
    "twaalf",
    "weken",
    "maanden",
    "jaar",
    "dagen",
    "kwartaal",
    "Q3",
    "helft",
    "eerste",
    "tweede",
    "laatste",
    "voorjaar",
    "najaar",
    "Prinsjesdag",
    "begroting",
    "Voorjaarsnota",
    "jaarverslag",
    "voortgangsrapportage",
    "volgende",
    "commissiedebat",
    "zodra",
    "ontvangst",
    "evaluatie",
    "binnenkort",
    "zo",
    "snel",
    "mogelijk",
    "niet",
    "jaarlijks",
    "elk",
    "half",
    "uiterlijk",
    "nog",
    "dit",
    "volgend",
    "t/m",
    "-",
    "/",
    ".",
    ",",
    "…",
    "AO",
    "wetgevingsoverleg",
    "debat",
    "bij",
    "tijdens",
    "op",
    "al",
    "genoemde",
    "reguliere",
    "d.d.",
    "jl.",
    "23",
    "november",
    "15-03-2021",
    "2021-02-30",
    "\u00a0",
    "\t",
    "\n",
    "İ",
    "ß",
    "ĳ",
    "\u200b",
    "\u202e",
    "🙂",
    "\x00",
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
    assert isinstance(result.precision, Precision)
    assert isinstance(result.anchor, Anchor)
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
