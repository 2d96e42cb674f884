"""From a Dutch deadline phrase ("voor de zomer van 2021") to a due date.

Pure Python (no Django). The conventions are those of ``docs/DEADLINES.md``; this module
docstring records the choices that document leaves open.

Reading the text
    The phrase may be a whole promise ("De minister zegt toe de Kamer vóór de zomer te
    informeren"). It is lower-cased, accents are dropped (vóór -> voor, geïnformeerd ->
    geinformeerd) and every run of whitespace becomes one space; ``matched_text`` is still cut
    from the original text. A phrase directly preceded by "niet" ("niet vóór de zomer") is
    ignored: it states the opposite of a deadline.

Which year
    Without an explicit year the first occurrence whose due date is on or after the day the
    promise was made is taken ("in januari" said on 20 January: this January; "voor het
    kerstreces" said during that recess: next year's). An explicit year is taken as said, even
    if the date has passed, except that a phrase whose due date falls in a calendar year before
    the promise ("in januari 2020" in a promise of 2021) is read as context, not as the deadline.

Several phrases in one text (deterministic choice)
    1. A phrase with a date beats an event, which beats a condition, which beats a recognised
       recess phrase whose recess is not in the calendar, which beats a bare recurrence
       ("jaarlijks"), which beats a vague phrase ("binnenkort"). So "bij de zesde
       voortgangsrapportage, voor de zomer van 2021" is due before the zomerreces; the event is
       kept in ``event``.
    2. Among dated phrases a match lying inside a longer one is dropped ("einde van het jaar"
       inside "voor het einde van het jaar"); then the finest precision wins (day before month
       before quarter ... before year), because a broad phrase in a promise is more often
       context ("we zitten nu eind 2020 ... in januari"); then the leftmost, then the longest.
    At most ``MAX_CANDIDATES`` matches are considered, so hostile input stays cheap.

Precision is the granularity the phrase names: "day" for a fixed cut-off (a date, the day
before a recess, Prinsjesdag), "dekade" for begin/medio/eind of a month, "quarter" for a
quarter and for begin/medio/eind of a year, "season" for voorjaar, najaar and "in de zomer",
"month" for a month, "voor <maand>" and the weeks after the summer or Christmas recess, and so
on. Conditional phrases get precision "event" (they wait for something to happen); a
recognised recess phrase whose recess is unknown gets due date None and precision "none", with
its own rule id and an explanation saying the calendar lacks the recess.

Activities named with their date
    "voor het Algemeen overleg Huiselijk geweld / Kindermishandeling van 8 februari" names an
    event and its day, so it is dated: anchor "event", precision "day", ``event`` the activity
    as said. "voor", "voorafgaand aan", "in aanloop naar" give the day before the activity;
    "bij", "in", "tijdens", "op" the day itself. Without a year the first activity day after
    the promise is taken, but an activity day that lies before the promise or on its day
    (without a year: when that day this year or last is nearer than the next one; or with
    "jl.") is where the promise was made or something that already happened ("in het AO van 8
    februari heb ik toegezegd ..."): context, not a deadline; the undated event rules still
    apply. The words between the activity and its date ("Huiselijk geweld /
    Kindermishandeling") may not hold a verb of the main clause or "uiterlijk" ("voor het
    debat en uiterlijk op 8 februari" is a date, not the debate's day).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import replace
from datetime import date, datetime
from typing import NamedTuple

from .calendar import RecessCalendar, default_calendar, format_date
from .dates import add_months
from .motion import request_span
from .result import UNKNOWN_EXPLANATION, Context, DeadlineResult, unknown_result
from .rules import FRAGMENT_RULES, RECURRING, RECURRING_INTERVALS, RECURRING_TRIGGERS, RULE_TABLE, TRIGGER_INDEX
from .text import normalise, words_of
from .vocabulary import Anchor, Chamber, Precision, normalise_chamber

logger = logging.getLogger(__name__)

MAX_CANDIDATES = 200

# Classes, best first: dated, event, condition, recess phrase without recess data, bare
# recurrence, vague.
_DATED, _EVENT, _CONDITIONAL, _UNDETERMINED, _RECURRENCE, _VAGUE = range(6)
_PRECISION_RANK = {precision: index for index, precision in enumerate(Precision)}
_NEGATION = ("niet ",)


class _Found(NamedTuple):
    klass: int
    precision: int
    start: int
    end: int
    order: int
    result: DeadlineResult


def _klass(result: DeadlineResult) -> int:
    if result.due_date is not None:
        return _DATED  # also an activity named with its day ("het AO van 8 februari")
    if result.anchor is Anchor.EVENT:
        return _EVENT
    if result.anchor is Anchor.CONDITIONAL:
        return _CONDITIONAL
    if result.anchor is Anchor.VAGUE:
        return _VAGUE
    return _UNDETERMINED


def _rules_to_run(norm: str, words: set[str]) -> list[int]:
    """Indexes of the rules whose trigger words occur, in table order."""
    selected: set[int] = set()
    get = TRIGGER_INDEX.get
    for word in words:
        indexes = get(word)
        if indexes:
            selected.update(indexes)
    for fragment, index in FRAGMENT_RULES:
        if fragment in norm:
            selected.add(index)
    return sorted(selected)


class _Analysis(NamedTuple):
    """What a text says regardless of when it was said (cached per text)."""

    text: str
    norm: str
    positions: list[int] | None
    matches: tuple[tuple[int, re.Match[str]], ...]  # (rule index, match), in rule order
    recurrence: re.Match[str] | None


def _scan(norm: str, words: set[str]) -> tuple[tuple[int, re.Match[str]], ...]:
    """Every rule match that starts at a word boundary and is not negated ("niet vóór ...")."""
    matches = []
    for order in _rules_to_run(norm, words):
        search = RULE_TABLE[order].pattern.search
        position = 0
        while (match := search(norm, position)) is not None:
            start, end = match.span()
            if start and norm[start - 1].isalnum():
                position = start + 1  # starts inside a word ("begin" is not "in")
                continue
            position = max(end, start + 1)
            if norm.endswith(_NEGATION, max(0, start - 5), start):
                continue
            matches.append((order, match))
            if len(matches) >= MAX_CANDIDATES:
                return tuple(matches)
    return tuple(matches)


def _analyse_uncached(text: str) -> _Analysis:
    norm, positions = normalise(text)
    words = words_of(norm)
    recurrence = None if RECURRING_TRIGGERS.isdisjoint(words) else RECURRING.search(norm)
    return _Analysis(text, norm, positions, _scan(norm, words), recurrence)


# Batches and services repeat the same phrases ("voor de zomer") with other dates: the text
# work is cached, the date work is not. Only short texts, so the cache stays small.
_analyse_cached = functools.lru_cache(maxsize=4096)(_analyse_uncached)
_CACHED_TEXT_LENGTH = 300


def _analyse(text: str) -> _Analysis:
    return _analyse_cached(text) if len(text) <= _CACHED_TEXT_LENGTH else _analyse_uncached(text)


def _collect(ctx: Context, matches: tuple[tuple[int, re.Match[str]], ...]) -> list[_Found]:
    """Resolve the matches against the promise's date; keep those that hold up."""
    found: list[_Found] = []
    made_year = ctx.made.year
    for order, match in matches:
        try:
            resolved = RULE_TABLE[order].resolve(ctx, match)
        except (ValueError, OverflowError):
            continue  # a date that does not exist ("31 februari") or lies beyond year 9999
        if resolved is None:
            continue
        result, explicit = resolved
        if explicit and result.due_date is not None and result.due_date.year < made_year:
            continue  # a period wholly before the promise is context, not the deadline
        start, end = match.span()
        found.append(_Found(_klass(result), _PRECISION_RANK[result.precision], start, end, order, result))
    return found


def _drop_contained(found: list[_Found]) -> list[_Found]:
    """Among dated matches, drop one that lies inside a longer one."""
    dated = [f for f in found if f.klass in (_DATED, _UNDETERMINED)]
    if len(dated) < 2:
        return found
    keep = []
    for item in found:
        if item.klass in (_DATED, _UNDETERMINED) and any(
            other is not item
            and other.klass in (_DATED, _UNDETERMINED)
            and other.start <= item.start
            and item.end <= other.end
            and (other.end - other.start) > (item.end - item.start)
            for other in dated
        ):
            continue
        keep.append(item)
    return keep


def _derive(text: str, made: date, chamber: Chamber, calendar: RecessCalendar) -> DeadlineResult:
    analysis = _analyse(text)
    if not analysis.norm.strip():
        return unknown_result(f"{UNKNOWN_EXPLANATION} (geen tekst)")
    ctx = Context(text, analysis.norm, analysis.positions, made, chamber, calendar)
    found = _drop_contained(_collect(ctx, analysis.matches))

    marker_match = analysis.recurrence
    if marker_match is not None and marker_match.lastgroup in RECURRING_INTERVALS:
        rule = marker_match.lastgroup
        months, precision, words = RECURRING_INTERVALS[rule]
        try:
            due = add_months(made, months)
        except ValueError:
            pass  # beyond year 9999: no first occurrence to offer
        else:
            explanation = f"eerstvolgende uiterlijk {words} na {format_date(made)}: {format_date(due)}"
            found.append(
                _Found(
                    _RECURRENCE,
                    _PRECISION_RANK[precision],
                    marker_match.start(),
                    marker_match.end(),
                    len(RULE_TABLE),
                    DeadlineResult(
                        due,
                        None,
                        precision,
                        Anchor.DURATION,
                        rule,
                        explanation,
                        matched_text=ctx.original(*marker_match.span()),
                    ),
                )
            )

    if not found:
        return unknown_result()
    best = min(found, key=lambda f: (f.klass, f.precision, f.start, f.start - f.end, f.order))
    result = best.result
    if best.klass == _DATED and result.event is None:
        events = [f for f in found if f.klass == _EVENT]
        if events:
            result = replace(result, event=min(events, key=lambda f: f.start).result.event)
    if marker_match is not None:
        said = ctx.original(*marker_match.span())
        result = replace(result, recurring=True, explanation=f"terugkerend ({said}); {result.explanation}")
    return result


def derive_due_date(
    phrase: str,
    made_on: date,
    chamber: str = "TK",
    calendar: RecessCalendar | None = None,
) -> DeadlineResult:
    """Derive the due date of a Dutch deadline phrase said on ``made_on`` in ``chamber``.

    ``phrase`` may be a whole promise text; see the module docstring for how one phrase is
    chosen. ``calendar`` defaults to :func:`default_calendar` (the CSV shipped with the app);
    inside Django pass the calendar built from the ``Recess`` table. Never raises on any text: unrecognised
    text gives rule "unknown" with no dates. Raises TypeError if ``made_on`` is not a date and
    ValueError for a chamber other than TK or EK.
    """
    if isinstance(made_on, datetime):
        made_on = made_on.date()
    if not isinstance(made_on, date):
        raise TypeError(f"made_on moet een datum zijn, niet {type(made_on).__name__}")
    chamber = normalise_chamber(chamber)
    if phrase is None:
        phrase = ""
    elif not isinstance(phrase, str):
        phrase = str(phrase)
    if calendar is None:
        calendar = default_calendar()
    span = request_span(phrase)
    if span is not None:
        # A motion: the term the request is bound to, not one in the considerations.
        phrase = phrase[span[0] : span[1]]
    try:
        return _derive(phrase, made_on, chamber, calendar)
    except Exception:  # noqa: BLE001 - the contract is "never raise on text"; one bad line must not stop a batch
        logger.exception("deadline phrase could not be parsed: %r", phrase[:200])
        return unknown_result(f"{UNKNOWN_EXPLANATION} (interne fout)")
