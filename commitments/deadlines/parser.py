"""From a Dutch deadline phrase ("voor de zomer van 2021") to a due date.

Pure Python (no Django). The conventions are those of ``shared/docs/DEADLINES.md``; this module
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

import calendar as _calendar
import functools
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .calendar import (
    CHAMBER_NAMES,
    MONTH_NAMES,
    WEEKDAY_ABBREVIATIONS,
    Recess,
    RecessCalendar,
    default_calendar,
    format_date,
    format_day_month,
    normalise_chamber,
    prinsjesdag,
    verantwoordingsdag,
)

logger = logging.getLogger(__name__)

PRECISIONS = (
    "day",
    "week",
    "dekade",
    "month",
    "quarter",
    "half_year",
    "season",
    "year",
    "event",
    "vague",
    "none",
)
PRECISION_LABELS = {
    "day": "dag",
    "week": "week",
    "dekade": "decade (tien dagen)",
    "month": "maand",
    "quarter": "kwartaal",
    "half_year": "half jaar",
    "season": "seizoen",
    "year": "jaar",
    "event": "gebeurtenis",
    "vague": "vaag",
    "none": "geen",
}
ANCHORS = ("calendar", "recess", "budget_cycle", "duration", "event", "conditional", "vague", "none")
ANCHOR_LABELS = {
    "calendar": "kalender",
    "recess": "reces",
    "budget_cycle": "begrotingscyclus",
    "duration": "termijn na toezegging",
    "event": "gebeurtenis",
    "conditional": "voorwaarde",
    "vague": "vaag",
    "none": "geen",
}

RULES = (
    # calendar
    "voor_datum",
    "uiterlijk_datum",
    "voor_maand",
    "in_maand",
    "begin_maand",
    "medio_maand",
    "eind_maand",
    "in_kwartaal",
    "eerste_helft",
    "tweede_helft",
    "begin_jaar",
    "medio_jaar",
    "eind_jaar",
    "dit_jaar",
    "in_jaar",
    "in_voorjaar",
    "in_najaar",
    # recess
    "voor_zomerreces",
    "voor_kerstreces",
    "voor_meireces",
    "voor_voorjaarsreces",
    "voor_herfstreces",
    "voor_verkiezingsreces",
    "voor_reces",
    "in_zomer",
    "na_zomer",
    "na_kerstreces",
    # budget cycle
    "voor_prinsjesdag",
    "op_prinsjesdag",
    "bij_begroting",
    "bij_voorjaarsnota",
    "bij_najaarsnota",
    "bij_jaarverslag",
    "voor_verantwoordingsdag",
    "op_verantwoordingsdag",
    # duration after the promise
    "termijn_dagen",
    "termijn_weken",
    "termijn_maanden",
    "termijn_jaren",
    # recurrence without any other anchor
    "jaarlijks",
    "halfjaarlijks",
    "per_kwartaal",
    "maandelijks",
    # events
    "voortgangsrapportage",
    "volgende_document",
    "voor_commissiedebat",
    "voor_debat",
    "bij_activiteit",
    "voor_activiteit_datum",
    "bij_activiteit_datum",
    "begrotingsbehandeling",
    "brief_over",
    # conditions
    "zodra",
    "na_ontvangst",
    "bij_evaluatie",
    "na_gebeurtenis",
    "termijn_na_gebeurtenis",
    # vague
    "op_korte_termijn",
    "binnenkort",
    "zo_snel_mogelijk",
    "te_zijner_tijd",
    "komende_periode",
    # nothing recognised
    "unknown",
)

MAX_CANDIDATES = 200

UNKNOWN_EXPLANATION = "termijn niet herkend"


@dataclass(frozen=True)
class DeadlineResult:
    """What a deadline phrase means; ``due_date`` is the last day delivery is on time."""

    due_date: date | None
    earliest_date: date | None
    precision: str
    anchor: str
    rule: str
    explanation: str
    recurring: bool = False
    event: str | None = None
    matched_text: str = ""

    def as_dict(self) -> dict:
        """A JSON-able dict: dates as ISO strings or None, the other fields as they are."""
        return {
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "earliest_date": self.earliest_date.isoformat() if self.earliest_date else None,
            "precision": self.precision,
            "anchor": self.anchor,
            "rule": self.rule,
            "explanation": self.explanation,
            "recurring": self.recurring,
            "event": self.event,
            "matched_text": self.matched_text,
        }


def unknown_result(explanation: str = UNKNOWN_EXPLANATION) -> DeadlineResult:
    """The result for text without a recognisable deadline: no dates, precision "none"."""
    return DeadlineResult(None, None, "none", "none", "unknown", explanation)


# --------------------------------------------------------------------------------------------
# Normalising the text
# --------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """One character in, one character out, so positions in the folded text stay valid."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base, marks = decomposed[:1], decomposed[1:]
        # Only a letter plus accents ("ó" = "o" + U+0301); not ligatures such as "ĳ".
        if marks and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks):
            table[code] = base.lower()
    for code in (0x00A0, 0x2007, 0x2009, 0x200A, 0x202F, 0x2002, 0x2003):
        table[code] = " "
    for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014):
        table[code] = "-"
    table[0x2018] = table[0x2019] = "'"
    return table


_FOLD = _build_fold_table()
_WHITESPACE_RUN = re.compile(r"\s+")


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower-case, accent-free, single-spaced text and a map back to the original positions.

    The map is None when positions did not move (the common case, kept cheap for batches).
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower-case to two ("İ"); keep those as they are.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    folded = lowered if lowered.isascii() else lowered.translate(_FOLD)
    # str.split() and the regex \s agree on what whitespace is; comparing is cheaper than a scan.
    if " ".join(folded.split()) == folded:
        return folded, None
    parts: list[str] = []
    positions: list[int] = []
    previous = 0
    for match in _WHITESPACE_RUN.finditer(folded):
        start, end = match.span()
        parts.append(folded[previous:start])
        positions.extend(range(previous, start))
        parts.append(" ")
        positions.append(start)
        previous = end
    parts.append(folded[previous:])
    positions.extend(range(previous, len(folded)))
    return "".join(parts), positions


class _Context:
    __slots__ = ("text", "norm", "positions", "made", "chamber", "calendar")

    def __init__(self, text, norm, positions, made, chamber, calendar):
        self.text = text
        self.norm = norm
        self.positions = positions
        self.made = made
        self.chamber = chamber
        self.calendar = calendar

    def original(self, start: int, end: int) -> str:
        """The original text behind ``norm[start:end]``."""
        if start >= end:
            return ""
        if self.positions is None:
            return self.text[start:end].strip()
        return self.text[self.positions[start] : self.positions[end - 1] + 1].strip()


# --------------------------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------------------------

_ONE_DAY = timedelta(days=1)


def _last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 (or 29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _first_due(made: date, due_in_year: Callable[[int], date], years: int = 2) -> tuple[int, date]:
    """(year, due) for the first year from ``made.year`` whose due date is not before ``made``.

    Raises ValueError when there is none (near year 9999); the caller drops the match.
    """
    for year in range(made.year, made.year + years):
        try:
            due = due_in_year(year)
        except ValueError:
            continue  # e.g. 29 February in a common year
        if due >= made:
            return year, due
    raise ValueError("geen volgende keer binnen het bereik van de kalender")


# --------------------------------------------------------------------------------------------
# Regular-expression building blocks (on the normalised text)
# --------------------------------------------------------------------------------------------

_MONTH_NUMBERS = {name: index + 1 for index, name in enumerate(MONTH_NAMES)}
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(MONTH_NAMES) + r")(?![a-z-])"
_DAY_MONTH = "(?P<month>" + "|".join(list(MONTH_NAMES) + list(_MONTH_ABBREVIATIONS)) + r")\.?(?![a-z-])"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
_REL_OFFSETS = {
    "dit jaar": 0,
    "dit kalenderjaar": 0,
    "het lopende jaar": 0,
    "het jaar": None,  # "voor het einde van het jaar": no fixed year, first occurrence
    "volgend jaar": 1,
    "komend jaar": 1,
    "het komende jaar": 1,
    "het volgende jaar": 1,
    "volgend kalenderjaar": 1,
}
_REL = "(?P<rel>" + "|".join(sorted(_REL_OFFSETS, key=len, reverse=True)) + r")(?![a-z])"
# " 2021", " van 2021", " in 2021", " van dit jaar", " volgend jaar" after a period word.
_YEAR_TAIL = rf"(?: (?:van |in )?(?:het jaar )?{_YEAR}| (?:van )?{_REL})?"

_NUMBER_WORDS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "negentig": 90,
}
_ORDINALS = {
    "eerste": 1,
    "1e": 1,
    "1ste": 1,
    "tweede": 2,
    "2e": 2,
    "2de": 2,
    "derde": 3,
    "3e": 3,
    "3de": 3,
    "vierde": 4,
    "4e": 4,
    "4de": 4,
    "laatste": None,  # the last one: depends on the count (half -> 2, quarter -> 4)
}
_ORDINAL = "(?P<which>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_DOC_ORDINALS = (
    "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|"
    "dertiende|veertiende|vijftiende|zestiende|[0-9]{1,2}e|[0-9]{1,2}ste|[0-9]{1,2}de|"
    "volgende|eerstvolgende|eerstkomende|komende|aankomende|nieuwe|halfjaarlijkse|jaarlijkse|"
    "reguliere|periodieke|gebruikelijke"
)
# Topic words after "over", cut at the first word that starts the rest of the sentence.
_TOPIC = r"(?P<topic>[^,.;:!?()\[\]]{1,80})"
_TOPIC_STOP = re.compile(
    r" (?:te|om|zodat|waarin|waarbij|waarmee|dat|die|wordt|worden|zal|zullen|is|zijn|kan|"
    r"kunnen|heeft|hebben|aan de kamer|de kamer|uw kamer|u|informeren|toesturen|sturen|toe|"
    r"nader|uiterlijk|voor|in|bij|na|binnen)(?![a-z])"
)


# A condition is a clause ("zodra het onderzoek is afgerond"): cut only where the main clause
# resumes ("..., zal ik de Kamer informeren").
_CLAUSE_STOP = re.compile(
    r" (?:zal|zullen|wil|willen|wordt|worden|informeer|informeert|stuur|stuurt|ontvangt|krijgt|"
    r"de kamer|uw kamer|te informeren|informeren)(?![a-z])"
)


_DANGLING_WORDS = frozenset(("en", "of", "de", "het", "een", "van", "voor", "met", "op", "in", "aan", "te", "over"))


def _topic(ctx: _Context, start: int, end: int, max_words: int = 8, stop_at: re.Pattern = _TOPIC_STOP) -> str:
    """The original words of ``norm[start:end]`` up to the first stop word, at most ``max_words``."""
    stop = stop_at.search(ctx.norm, start, end)
    if stop is not None:
        end = stop.start()
    words = ctx.original(start, end).split()[:max_words]
    while words and words[-1].lower() in _DANGLING_WORDS:
        words.pop()  # "het rapport van de Inspectie van Justitie en" reads better without "en"
    return " ".join(words)


def _year_from(match: re.Match, made: date) -> tuple[int | None, bool]:
    """(year, explicit): the year a match names, or None for "the first occurrence"."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"]), True
    rel = groups.get("rel")
    if rel:
        offset = _REL_OFFSETS[rel]
        return (None if offset is None else made.year + offset), False
    return None, False


# --------------------------------------------------------------------------------------------
# Building results
# --------------------------------------------------------------------------------------------

# A resolver returns (result, explicit_year_used) or None when the match does not hold up.
_Resolved = tuple[DeadlineResult, bool] | None


def _dated(ctx, match, rule, due, precision, anchor, explanation, earliest=None) -> DeadlineResult:
    if earliest is not None and earliest > due:
        earliest = None
    return DeadlineResult(
        due, earliest, precision, anchor, rule, explanation, False, None, ctx.original(*match.span())
    )


def _undated(ctx, match, rule, precision, anchor, explanation, event=None) -> DeadlineResult:
    return DeadlineResult(
        None, None, precision, anchor, rule, explanation, False, event, ctx.original(*match.span())
    )


def _recess_label(recess: Recess) -> str:
    label = f"het {recess.kind} {recess.year}"
    if recess.chamber == "EK":
        label += " van de Eerste Kamer"
    return label


def _pattern_note(recess: Recess | None) -> str:
    return ", volgens het gebruikelijke patroon" if recess is not None and recess.is_pattern else ""


def _missing_recess(ctx, match, rule, kind, year) -> DeadlineResult:
    when = str(year) if year is not None else f"na {format_date(ctx.made)}"
    return _undated(
        ctx,
        match,
        rule,
        "none",
        "recess",
        f"{kind} {when} van de {CHAMBER_NAMES[ctx.chamber]} staat niet in de receskalender: geen datum",
    )


# --------------------------------------------------------------------------------------------
# Resolvers: calendar
# --------------------------------------------------------------------------------------------


def _explicit_date(match: re.Match) -> tuple[int | None, int, int]:
    groups = match.groupdict()
    if groups.get("iso"):
        parsed = date.fromisoformat(groups["iso"])
        return parsed.year, parsed.month, parsed.day
    if groups.get("mnum"):
        return int(groups["year"]), int(groups["mnum"]), int(groups["day"])
    month_word = groups["month"]
    month = _MONTH_NUMBERS.get(month_word) or _MONTH_ABBREVIATIONS[month_word]
    return (int(groups["year"]) if groups.get("year") else None), month, int(groups["day"])


def _r_date(ctx: _Context, match: re.Match) -> _Resolved:
    before = match.group("kw") == "voor"
    year, month, day = _explicit_date(match)
    shift = _ONE_DAY if before else timedelta(0)
    if year is not None:
        due = date(year, month, day) - shift
    else:
        # Eight years so that "uiterlijk 29 februari" finds the next leap year.
        due = _first_due(ctx.made, lambda y: date(y, month, day) - shift, years=8)[1]
    if before:
        result = _dated(ctx, match, "voor_datum", due, "day", "calendar", f"dag vóór {format_date(due + shift)}")
    else:
        result = _dated(ctx, match, "uiterlijk_datum", due, "day", "calendar", f"uiterlijk {format_date(due)}")
    return result, year is not None


def _r_voor_maand(ctx: _Context, match: re.Match) -> _Resolved:
    month = _MONTH_NUMBERS[match.group("month")]
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = _first_due(ctx.made, lambda y: date(y, month, 1) - _ONE_DAY)[0]
    due = date(year, month, 1) - _ONE_DAY
    explanation = f"vóór {MONTH_NAMES[month - 1]} {year}: uiterlijk {format_date(due)}"
    return _dated(ctx, match, "voor_maand", due, "month", "calendar", explanation), explicit


def _r_in_maand(ctx: _Context, match: re.Match) -> _Resolved:
    groups = match.groupdict()
    explicit = False
    if groups.get("relmonth"):
        offset = 0 if groups["relmonth"] == "deze" else 1
        first = add_months(ctx.made.replace(day=1), offset)
        year, month = first.year, first.month
    else:
        month = _MONTH_NUMBERS[groups["month"]]
        year, explicit = _year_from(match, ctx.made)
        if year is None:
            year = _first_due(ctx.made, lambda y: _last_day(y, month))[0]
    due = _last_day(year, month)
    explanation = f"laatste dag van {MONTH_NAMES[month - 1]} {year}"
    return _dated(ctx, match, "in_maand", due, "month", "calendar", explanation, date(year, month, 1)), explicit


_DEKADE = {
    "begin": ("begin_maand", 10, 1),
    "medio": ("medio_maand", 20, 11),
    "half": ("medio_maand", 20, 11),
    "halverwege": ("medio_maand", 20, 11),
    "midden": ("medio_maand", 20, 11),
    "eind": ("eind_maand", 31, 21),
    "einde": ("eind_maand", 31, 21),
    "ultimo": ("eind_maand", 31, 21),
}


def _r_dekade(ctx: _Context, match: re.Match) -> _Resolved:
    groups = match.groupdict()
    rule, due_day, earliest_day = _DEKADE[groups["pos"]]

    def due_in(year: int, month: int) -> date:
        return _last_day(year, month) if due_day == 31 else date(year, month, due_day)

    explicit = False
    if groups.get("thismonth"):
        year, month = ctx.made.year, ctx.made.month
    else:
        month = _MONTH_NUMBERS[groups["month"]]
        year, explicit = _year_from(match, ctx.made)
        if year is None:
            year = _first_due(ctx.made, lambda y: due_in(y, month))[0]
    due = due_in(year, month)
    word = {"begin_maand": "begin", "medio_maand": "medio", "eind_maand": "eind"}[rule]
    explanation = f"{word} {MONTH_NAMES[month - 1]} {year}: uiterlijk {format_date(due)}"
    earliest = date(year, month, earliest_day)
    return _dated(ctx, match, rule, due, "dekade", "calendar", explanation, earliest), explicit


def _period_rule(rule, precision, due_in_year, earliest_in_year, describe):
    """A resolver for a period of a year (quarter, half, begin/medio/eind, season, year)."""

    def resolve(ctx: _Context, match: re.Match) -> _Resolved:
        year, explicit = _year_from(match, ctx.made)
        if year is None:
            year = _first_due(ctx.made, lambda y: due_in_year(match, y))[0]
        due = due_in_year(match, year)
        earliest = earliest_in_year(match, year) if earliest_in_year else None
        explanation = f"{describe(match, year)}: {format_date(due)}"
        rule_id = rule(match) if callable(rule) else rule
        return _dated(ctx, match, rule_id, due, precision, "calendar", explanation, earliest), explicit

    return resolve


def _quarter(match: re.Match) -> int:
    groups = match.groupdict()
    if groups.get("q"):
        return int(groups["q"])
    number = _ORDINALS[groups["which"]]
    return 4 if number is None else number


def _half(match: re.Match) -> int:
    number = _ORDINALS[match.group("which")]
    return 2 if number is None else number


_r_kwartaal = _period_rule(
    "in_kwartaal",
    "quarter",
    lambda m, y: _last_day(y, _quarter(m) * 3),
    lambda m, y: date(y, _quarter(m) * 3 - 2, 1),
    lambda m, y: f"{('eerste', 'tweede', 'derde', 'vierde')[_quarter(m) - 1]} kwartaal {y}",
)
_r_helft = _period_rule(
    lambda m: "eerste_helft" if _half(m) == 1 else "tweede_helft",
    "half_year",
    lambda m, y: date(y, 6, 30) if _half(m) == 1 else date(y, 12, 31),
    lambda m, y: date(y, 1, 1) if _half(m) == 1 else date(y, 7, 1),
    lambda m, y: f"{'eerste' if _half(m) == 1 else 'tweede'} helft van {y}",
)
_r_begin_jaar = _period_rule(
    "begin_jaar", "quarter", lambda m, y: date(y, 3, 31), lambda m, y: date(y, 1, 1), lambda m, y: f"begin {y}"
)
_r_medio_jaar = _period_rule(
    "medio_jaar", "quarter", lambda m, y: date(y, 7, 31), None, lambda m, y: f"medio {y}"
)
_r_eind_jaar = _period_rule(
    "eind_jaar", "quarter", lambda m, y: date(y, 12, 31), None, lambda m, y: f"eind {y}"
)
_r_dit_jaar = _period_rule(
    "dit_jaar", "year", lambda m, y: date(y, 12, 31), None, lambda m, y: f"vóór het einde van {y}"
)
_r_in_jaar = _period_rule(
    "in_jaar", "year", lambda m, y: date(y, 12, 31), lambda m, y: date(y, 1, 1), lambda m, y: f"in {y}"
)
_r_voorjaar = _period_rule(
    "in_voorjaar", "season", lambda m, y: date(y, 6, 30), None, lambda m, y: f"voorjaar {y}"
)
_r_najaar = _period_rule(
    "in_najaar", "season", lambda m, y: date(y, 12, 31), None, lambda m, y: f"najaar {y}"
)


# --------------------------------------------------------------------------------------------
# Resolvers: recesses
# --------------------------------------------------------------------------------------------

_RECESS_WORDS = {
    "zomerreces": "zomerreces",
    "zomervakantie": "zomerreces",
    "zomerperiode": "zomerreces",
    "zomermaanden": "zomerreces",
    "zomer": "zomerreces",
    "kerstreces": "kerstreces",
    "kerstvakantie": "kerstreces",
    "kerstdagen": "kerstreces",
    "kerstperiode": "kerstreces",
    "kerstmis": "kerstreces",
    "kerst": "kerstreces",
    "meireces": "meireces",
    "mei-reces": "meireces",
    "meivakantie": "meireces",
    "voorjaarsreces": "voorjaarsreces",
    "krokusreces": "voorjaarsreces",
    "voorjaarsvakantie": "voorjaarsreces",
    "krokusvakantie": "voorjaarsreces",
    "herfstreces": "herfstreces",
    "herfstvakantie": "herfstreces",
    "verkiezingsreces": "verkiezingsreces",
}
_RECESS_WORD = "(?P<what>" + "|".join(sorted(_RECESS_WORDS, key=len, reverse=True)) + r")(?![a-z-])"


def _r_voor_recess(ctx: _Context, match: re.Match) -> _Resolved:
    kind = _RECESS_WORDS[match.group("what")]
    rule = f"voor_{kind}"
    year, explicit = _year_from(match, ctx.made)
    if year is not None:
        recess = ctx.calendar.get(ctx.chamber, kind, year)
    else:
        recess = ctx.calendar.next_starting_after(ctx.chamber, kind, ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, rule, kind, year), explicit
    explanation = f"dag vóór {_recess_label(recess)} ({format_day_month(recess.start)}){_pattern_note(recess)}"
    return _dated(ctx, match, rule, recess.start - _ONE_DAY, "day", "recess", explanation), explicit


def _r_voor_reces(ctx: _Context, match: re.Match) -> _Resolved:
    recess = ctx.calendar.next_recess(ctx.chamber, ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, "voor_reces", "het volgende reces", None), False
    explanation = (
        f"dag vóór het volgende reces: {_recess_label(recess)} ({format_day_month(recess.start)})"
        f"{_pattern_note(recess)}"
    )
    return _dated(ctx, match, "voor_reces", recess.start - _ONE_DAY, "day", "recess", explanation), False


def _r_in_zomer(ctx: _Context, match: re.Match) -> _Resolved:
    year, explicit = _year_from(match, ctx.made)
    if year is not None:
        recess = ctx.calendar.get(ctx.chamber, "zomerreces", year)
    else:
        recess = ctx.calendar.next_ending_on_or_after(ctx.chamber, "zomerreces", ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, "in_zomer", "zomerreces", year), explicit
    explanation = f"laatste dag van {_recess_label(recess)} ({format_day_month(recess.end)}){_pattern_note(recess)}"
    return _dated(ctx, match, "in_zomer", recess.end, "season", "recess", explanation, recess.start), explicit


def _after_recess(ctx: _Context, match: re.Match, *, kind: str, rule: str, season: str,
                  month: int, day: int, next_year: bool) -> _Resolved:
    """"Na de zomer/kerst": due on `day`-`month` after the recess of `kind` (in the year after the
    recess starts when `next_year`); the earliest delivery is the first sitting day after it."""
    offset = 1 if next_year else 0
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = _first_due(ctx.made, lambda y: date(y, month, day))[0] - offset
    due = date(year + offset, month, day)
    recess = ctx.calendar.get(ctx.chamber, kind, year)
    if recess is None:
        explanation = f"na de {season} van {year}: {format_date(due)}"
        return _dated(ctx, match, rule, due, "month", "recess", explanation), explicit
    earliest = recess.first_sitting_day
    explanation = (
        f"{format_day_month(due, weekday=False)} na {_recess_label(recess)} (weer vergaderd vanaf "
        f"{format_day_month(earliest)}){_pattern_note(recess)}"
    )
    return _dated(ctx, match, rule, due, "month", "recess", explanation, earliest), explicit


def _r_na_zomer(ctx: _Context, match: re.Match) -> _Resolved:
    return _after_recess(ctx, match, kind="zomerreces", rule="na_zomer", season="zomer",
                         month=9, day=30, next_year=False)


def _r_na_kerst(ctx: _Context, match: re.Match) -> _Resolved:
    return _after_recess(ctx, match, kind="kerstreces", rule="na_kerstreces", season="kerst",
                         month=1, day=31, next_year=True)


# --------------------------------------------------------------------------------------------
# Resolvers: budget cycle
# --------------------------------------------------------------------------------------------


def _budget_rule(rule, day_in_year, describe, shift_days=0, year_offset=0):
    """``day_in_year(y)`` is the cycle's date; an explicit year is moved by ``year_offset``."""
    shift = timedelta(days=shift_days)

    def resolve(ctx: _Context, match: re.Match) -> _Resolved:
        year, explicit = _year_from(match, ctx.made)
        if year is not None:
            year += year_offset
        else:
            year = _first_due(ctx.made, lambda y: day_in_year(y) - shift)[0]
        day = day_in_year(year)
        due = day - shift
        return _dated(ctx, match, rule, due, "day", "budget_cycle", describe(year, day)), explicit

    return resolve


_r_voor_prinsjesdag = _budget_rule(
    "voor_prinsjesdag", prinsjesdag, lambda y, d: f"dag vóór Prinsjesdag {y} ({format_day_month(d)})", 1
)
_r_op_prinsjesdag = _budget_rule(
    "op_prinsjesdag", prinsjesdag, lambda y, d: f"Prinsjesdag {y} ({format_day_month(d)})"
)
# The budget "voor 2022" and the Miljoenennota 2022 are presented on Prinsjesdag 2021.
_r_bij_begroting = _budget_rule(
    "bij_begroting",
    prinsjesdag,
    lambda y, d: f"begroting voor {y + 1}: Prinsjesdag {y} ({format_day_month(d)})",
    year_offset=-1,
)
_r_voorjaarsnota = _budget_rule(
    "bij_voorjaarsnota", lambda y: date(y, 5, 31), lambda y, d: f"Voorjaarsnota {y}: {format_date(d)}"
)
_r_najaarsnota = _budget_rule(
    "bij_najaarsnota", lambda y: date(y, 11, 30), lambda y, d: f"Najaarsnota {y}: {format_date(d)}"
)
# The jaarverslag over 2021 is sent on Verantwoordingsdag 2022.
_r_jaarverslag = _budget_rule(
    "bij_jaarverslag",
    verantwoordingsdag,
    lambda y, d: f"jaarverslag over {y - 1}: Verantwoordingsdag {y} ({format_day_month(d)})",
    year_offset=1,
)
_r_voor_verantwoordingsdag = _budget_rule(
    "voor_verantwoordingsdag",
    verantwoordingsdag,
    lambda y, d: f"dag vóór Verantwoordingsdag {y} ({format_day_month(d)})",
    1,
)
_r_op_verantwoordingsdag = _budget_rule(
    "op_verantwoordingsdag", verantwoordingsdag, lambda y, d: f"Verantwoordingsdag {y} ({format_day_month(d)})"
)


# --------------------------------------------------------------------------------------------
# Resolvers: durations
# --------------------------------------------------------------------------------------------

_UNITS = {
    "dag": ("termijn_dagen", "day", "days", 1),
    "dagen": ("termijn_dagen", "day", "days", 1),
    "week": ("termijn_weken", "week", "days", 7),
    "weken": ("termijn_weken", "week", "days", 7),
    "maand": ("termijn_maanden", "month", "months", 1),
    "maanden": ("termijn_maanden", "month", "months", 1),
    "kwartaal": ("termijn_maanden", "quarter", "months", 3),
    "kwartalen": ("termijn_maanden", "quarter", "months", 3),
    "jaar": ("termijn_jaren", "year", "months", 12),
    "jaren": ("termijn_jaren", "year", "months", 12),
}
# "na dit debat", "na vandaag": counted from the promise itself.
_SELF_REFERENCE = re.compile(r" (?:na|vanaf) (?:dit|deze|vandaag|heden|nu)(?![a-z])")
_NUMBER = (
    "(?P<n>[0-9]{1,3}|een half|een halve|anderhalf|anderhalve|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + ")"
)


def _r_duration(ctx: _Context, match: re.Match) -> _Resolved:
    number_text = match.group("n")
    unit = match.group("unit")
    rule, precision, kind, factor = _UNITS[unit]
    if number_text in ("een half", "een halve", "anderhalf", "anderhalve"):
        if unit != "jaar":
            return None  # "een halve maand" is not a whole number of anything we count
        amount = 18 if number_text.startswith("anderhal") else 6
        rule, precision = "termijn_maanden", "half_year"
    else:
        count = int(number_text) if number_text.isdigit() else _NUMBER_WORDS[number_text]
        amount = count * factor
    after = match.group("after")
    if after and _SELF_REFERENCE.match(after) is None:
        topic = _topic(ctx, match.start("topic") + 1, match.end("topic"), stop_at=_CLAUSE_STOP)
        event = f"{ctx.original(match.start('n'), match.end('unit'))} {match.group('afterkw')} {topic}".strip()
        return _undated(
            ctx, match, "termijn_na_gebeurtenis", "event", "conditional",
            f"termijn na een gebeurtenis ({event}): geen datum", event,
        ), False
    if kind == "days":
        due = ctx.made + timedelta(days=amount)
        note = ""
    else:
        due = add_months(ctx.made, amount)
        note = " (afgekapt op de laatste dag van de maand)" if due.day != ctx.made.day else ""
    spoken = ctx.original(match.start("n"), match.end("unit"))
    explanation = f"{spoken} na {format_date(ctx.made)}: {format_date(due)}{note}"
    return _dated(ctx, match, rule, due, precision, "duration", explanation), False


# --------------------------------------------------------------------------------------------
# Resolvers: events, conditions, vague phrases
# --------------------------------------------------------------------------------------------


def _event_result(ctx, match, rule, event) -> DeadlineResult:
    return _undated(ctx, match, rule, "event", "event", f"gebeurtenis ({event}): nog geen datum", event)


def _r_progress_report(ctx: _Context, match: re.Match) -> _Resolved:
    start = match.start("which") if match.group("which") else match.start("what")
    return _event_result(ctx, match, "voortgangsrapportage", ctx.original(start, match.end("what"))), False


def _r_next_document(ctx: _Context, match: re.Match) -> _Resolved:
    return _event_result(ctx, match, "volgende_document", ctx.original(match.start("which"), match.end("what"))), False


_COMMITTEE_DEBATES = {
    "commissiedebat",
    "algemeen overleg",
    "ao",
    "notaoverleg",
    "wetgevingsoverleg",
    "wgo",
    "schriftelijk overleg",
    "mondeling overleg",
}


def _activity_name(ctx: _Context, match: re.Match) -> str:
    event = ctx.original(*match.span("what"))
    if match.group("topic"):
        topic = _topic(ctx, match.start("topic"), match.end("topic"), max_words=6)
        if topic:
            event = f"{event} {match.group('prep')} {topic}"
    return event


def _r_debate(ctx: _Context, match: re.Match) -> _Resolved:
    rule = "voor_commissiedebat" if match.group("what") in _COMMITTEE_DEBATES else "voor_debat"
    return _event_result(ctx, match, rule, _activity_name(ctx, match)), False


def _r_forward_activity(ctx: _Context, match: re.Match) -> _Resolved:
    """An announced activity without a day ("bij het al genoemde wetgevingsoverleg"): no date yet."""
    return _event_result(ctx, match, "bij_activiteit", _activity_name(ctx, match)), False


# Words between an activity and its date that belong to the main clause: then the date is not
# the activity's ("voor het debat en uiterlijk op 8 februari", "in het AO heb ik op 8 februari").
_ACTIVITY_TOPIC_REJECT = re.compile(
    r" (?:uiterlijk|laatste|zal|zullen|wil|willen|wordt|worden|informeer|informeert|stuur|stuurt|"
    r"ontvangt|krijgt|heb|heeft|hebben|is|zijn|de kamer|uw kamer|te)(?![a-z])"
)
# Where the name of the activity ends ("het AO dat gepland staat op 8 februari").
_ACTIVITY_TOPIC_CUT = re.compile(
    r" (?:dat|die|welke|waarin|zoals|gepland|voorzien|geagendeerd|aangekondigd|gehouden|te houden)(?![a-z])"
)
_BEFORE_ACTIVITY = frozenset(("voor", "voorafgaand aan", "in aanloop naar", "voor aanvang van"))
_FEMININE_ACTIVITIES = ("begrotingsbehandeling", "hoorzitting", "technische briefing")


def _r_activity_date(ctx: _Context, match: re.Match) -> _Resolved:
    """An activity named with its day: "voor het AO ... van 8 februari" (see the module docstring)."""
    if match.group("past"):
        return None  # "het AO van 8 februari jl.": already held
    if match.group("topic") and _ACTIVITY_TOPIC_REJECT.search(ctx.norm, *match.span("topic")):
        return None
    year, month, day = _explicit_date(match)
    made = ctx.made
    if year is not None:
        held = date(year, month, day)
    else:
        candidates = []
        for each in (made.year - 1, made.year, made.year + 1):
            try:
                candidates.append(date(each, month, day))
            except ValueError:
                continue  # 29 February in a common year, or beyond the ends of the calendar
        if not candidates:
            return None
        held = min(candidates, key=lambda d: abs((d - made).days))
    if held <= made:
        return None  # held before or on the day of the promise: context, not a deadline
    event = ctx.original(*match.span("what"))
    if match.group("topic"):
        topic = _topic(ctx, match.start("topic"), match.end("topic"), stop_at=_ACTIVITY_TOPIC_CUT)
        if topic:
            event = f"{event} {topic}"
    when = f"van {format_date(held)} ({WEEKDAY_ABBREVIATIONS[held.weekday()]})"
    if match.group("kw") in _BEFORE_ACTIVITY:
        article = match.group("art") or ("de" if match.group("what").endswith(_FEMININE_ACTIVITIES) else "het")
        rule, due, explanation = "voor_activiteit_datum", held - _ONE_DAY, f"dag vóór {article} {event} {when}"
    else:
        rule, due, explanation = "bij_activiteit_datum", held, f"{event} {when}"
    result = DeadlineResult(due, None, "day", "event", rule, explanation, False, event, ctx.original(*match.span()))
    return result, year is not None


def _r_budget_debate(ctx: _Context, match: re.Match) -> _Resolved:
    event = ctx.original(*match.span("what"))
    if match.group("topic"):
        event = f"{event} {_topic(ctx, match.start('topic'), match.end('topic'), max_words=4)}".strip()
    return _event_result(ctx, match, "begrotingsbehandeling", event), False


def _r_letter(ctx: _Context, match: re.Match) -> _Resolved:
    topic = _topic(ctx, match.start("topic"), match.end("topic"))
    if not topic:
        return None
    event = f"{ctx.original(*match.span('what'))} {ctx.original(*match.span('prep'))} {topic}"
    return _event_result(ctx, match, "brief_over", event), False


def _conditional_rule(rule):
    def resolve(ctx: _Context, match: re.Match) -> _Resolved:
        end = match.end("topic") if match.groupdict().get("topic") else match.end()
        topic_start = match.start("topic") if match.groupdict().get("topic") else end
        lead = ctx.original(match.start(), topic_start)
        topic = _topic(ctx, topic_start, end, max_words=12, stop_at=_CLAUSE_STOP) if topic_start < end else ""
        event = f"{lead} {topic}".strip()
        return _undated(ctx, match, rule, "event", "conditional", f"voorwaardelijk ({event}): geen datum", event), False

    return resolve


def _vague_rule(rule):
    def resolve(ctx: _Context, match: re.Match) -> _Resolved:
        explanation = f"vage termijn ({ctx.original(*match.span())}): geen vervaldatum, wel opvolgen"
        return _undated(ctx, match, rule, "vague", "vague", explanation), False

    return resolve


# --------------------------------------------------------------------------------------------
# The rule table
# --------------------------------------------------------------------------------------------


class _Rule(NamedTuple):
    triggers: frozenset[str]  # whole words of the normalised text; one must occur for the rule to run
    fragments: tuple[str, ...]  # or one of these substrings (compounds such as "wetsevaluatie")
    pattern: re.Pattern
    resolve: Callable[[_Context, re.Match], _Resolved]


def _rule(triggers, pattern, resolve, fragments=()) -> _Rule:
    # Each pattern has its own trigger words, so a batch line runs only the few patterns that
    # can match. No leading word-boundary assertion in the patterns: it would stop `re` from
    # skipping ahead on the first character; `_scan` checks the boundary instead.
    return _Rule(frozenset(triggers), tuple(fragments), re.compile(pattern), resolve)


_MONTH_WORDS = frozenset(MONTH_NAMES)
_YEAR_WORDS = frozenset(str(year) for year in range(1900, 2100))
# Not "tot en met": in the papers it mostly closes a range ("van 25 mei tot en met 9 juni").
_DATE_KW = r"(?P<kw>voor|uiterlijk op|uiterlijk|niet later dan|ten laatste op|ten laatste|tot uiterlijk)"
_WEEKDAY = r"(?:(?:op )?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) )?"
_SEASON_LEAD = (
    r"(?:(?:in|tijdens|gedurende|in de loop van|ergens in) (?:het |de )?(?:komende |aankomende )?|"
    r"(?:dit|deze|komend|komende|aankomend|aankomende|het komende|het aankomende|ieder|iedere|elk|elke) )"
)
_NOT_AFTER_VOOR_NA = r"(?<!voor het )(?<!voor de )(?<!na het )(?<!na de )(?<!voor )(?<!na )"
_SUMMER_WORDS = ("zomer", "zomerreces", "zomerperiode", "zomermaanden", "zomervakantie")
_CHRISTMAS_WORDS = ("kerst", "kerstreces", "kerstvakantie", "kerstdagen", "kerstmis", "kerstperiode")

_PERIOD_POSITIONS = ("begin", "medio", "half", "halverwege", "midden", "einde", "eind", "ultimo")

# Activities of the Kamer a promise can be tied to ("voor het commissiedebat", "bij het AO").
_DEBATE_WORDS = (
    r"commissiedebat|algemeen overleg|notaoverleg|wetgevingsoverleg|schriftelijk overleg|mondeling overleg|"
    r"plenaire debat|plenair debat|verantwoordingsdebat|tweeminutendebat|rondetafelgesprek|hoorzitting|"
    r"technische briefing|debat|ao|wgo|vao|vso"
)
_DEBATE_TRIGGERS = (
    "commissiedebat", "overleg", "notaoverleg", "wetgevingsoverleg", "debat", "verantwoordingsdebat",
    "tweeminutendebat", "rondetafelgesprek", "hoorzitting", "briefing", "ao", "wgo", "vao", "vso",
)
# "het geplande", "het al genoemde", "het eerder aangekondigde" ...
_ACTIVITY_MODIFIER = (
    r"(?:(?:al |reeds |eerder |hiervoor |zojuist )?(?:eerder )?(?:genoemde|aangekondigde|geplande|voorgenomen|"
    r"aanstaande|volgende|eerstvolgende|eerstkomende|komende|aankomende) )"
)
_WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"

_RULES: tuple[_Rule, ...] = (
    # ---- explicit dates
    _rule(
        _MONTH_WORDS | set(_MONTH_ABBREVIATIONS),
        _DATE_KW + " " + _WEEKDAY + r"(?P<day>[0-9]{1,2})(?:e|ste|de)? " + _DAY_MONTH + rf"(?: {_YEAR})?",
        _r_date,
    ),
    _rule(
        (),
        _DATE_KW + " " + _WEEKDAY + r"(?P<day>[0-9]{1,2})[-/](?P<mnum>[0-9]{1,2})[-/]" + _YEAR,
        _r_date,
        fragments=("-", "/"),
    ),
    _rule(
        (),
        _DATE_KW + " " + _WEEKDAY + r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])",
        _r_date,
        fragments=("-",),
    ),
    # ---- months
    _rule(_MONTH_WORDS, r"voor (?:de maand )?" + _MONTH + rf"(?: {_YEAR})?", _r_voor_maand),
    _rule(
        _MONTH_WORDS,
        r"(?:uiterlijk in|uiterlijk|in de loop van|in) (?:de maand )?" + _MONTH + rf"(?: {_YEAR})?",
        _r_in_maand,
    ),
    _rule(("maand",), r"(?:in |uiterlijk |nog )?(?P<relmonth>deze|volgende|komende) maand(?![a-z])", _r_in_maand),
    _rule(
        _PERIOD_POSITIONS,
        r"(?:(?:aan|in|tegen) het )?(?P<pos>begin|medio|half|halverwege|midden|einde|eind|ultimo)(?: van)? "
        r"(?:de maand )?" + _MONTH + rf"(?: {_YEAR})?",
        _r_dekade,
    ),
    _rule(
        ("maand",),
        r"(?:(?:aan|tegen) het )?(?P<pos>einde|eind|ultimo) van (?P<thismonth>de|deze) maand(?![a-z])",
        _r_dekade,
    ),
    # ---- quarters and halves
    _rule(
        ("kwartaal",),
        _ORDINAL + r" kwartaal(?: (?:van )?(?:het jaar )?" + _YEAR + rf"| (?:van )?{_REL})?(?! van )",
        _r_kwartaal,
    ),
    _rule(("q1", "q2", "q3", "q4"), r"q(?P<q>[1-4])(?:(?: |-|/|')" + _YEAR + r")?(?![a-z0-9])", _r_kwartaal),
    _rule(("kwartaal",), r"kwartaal (?P<q>[1-4])(?: (?:van )?" + _YEAR + r")?(?![0-9])", _r_kwartaal),
    _rule(
        ("helft",),
        _ORDINAL + r" helft(?: (?:van )?(?:het jaar )?" + _YEAR + rf"| (?:van )?{_REL})?(?! van )",
        _r_helft,
    ),
    # ---- begin / medio / eind of a year, the year itself
    _rule(
        ("begin", "start"),
        r"(?:(?:aan|in) het )?(?:begin|start)(?: van)? (?:" + _YEAR + "|" + _REL + ")",
        _r_begin_jaar,
    ),
    _rule(("nieuwe",), r"(?:in|begin) het nieuwe jaar(?![a-z])", _r_begin_jaar),
    _rule(
        ("medio", "halverwege", "midden", "half"),
        r"(?:medio|halverwege|midden|half)(?: van)? " + _YEAR,
        _r_medio_jaar,
    ),
    _rule(("medio", "halverwege"), r"(?:medio|halverwege)(?: van)? " + _REL, _r_medio_jaar),
    _rule(
        ("eind", "einde", "ultimo"),
        r"(?:(?:aan|tegen) het )?(?:einde|eind|ultimo)(?: van)? (?:" + _YEAR + "|" + _REL + ")",
        _r_eind_jaar,
    ),
    _rule(
        ("dit", "jaarwisseling"),
        r"(?:nog (?:in )?dit (?:kalender)?jaar|later dit jaar|binnen dit jaar|voor de jaarwisseling)(?![a-z])",
        _r_dit_jaar,
    ),
    _rule(("einde", "eind"), r"(?:nog )?voor het (?:einde|eind) van (?:" + _YEAR + "|" + _REL + ")", _r_dit_jaar),
    _rule(_YEAR_WORDS, r"(?:in de loop van|ergens in|in het jaar|gedurende|in) " + _YEAR, _r_in_jaar),
    _rule(
        ("volgend", "komend", "komende"),
        r"(?:(?:in de loop van|ergens in|in) )?"
        r"(?P<rel>volgend jaar|komend jaar|het komende jaar|volgend kalenderjaar)(?![a-z])",
        _r_in_jaar,
    ),
    _rule(("loop",), r"in de loop van (?P<rel>dit jaar)(?![a-z])", _r_in_jaar),
    # ---- seasons
    _rule(
        ("voorjaar", "lente"),
        _SEASON_LEAD + r"(?:voorjaar|lente)(?![a-z-])(?: (?:van )?" + _YEAR + rf"| van {_REL})?",
        _r_voorjaar,
    ),
    _rule(("voorjaar", "lente"), _NOT_AFTER_VOOR_NA + r"(?:voorjaar|lente) (?:van )?" + _YEAR, _r_voorjaar),
    _rule(
        ("najaar", "herfst"),
        _SEASON_LEAD + r"(?:najaar|herfst)(?![a-z-])(?: (?:van )?" + _YEAR + rf"| van {_REL})?",
        _r_najaar,
    ),
    _rule(("najaar", "herfst"), _NOT_AFTER_VOOR_NA + r"(?:najaar|herfst) (?:van )?" + _YEAR, _r_najaar),
    # ---- recesses
    _rule(
        {word.split("-")[0] for word in _RECESS_WORDS},
        r"voor (?:het |de )?" + _RECESS_WORD + _YEAR_TAIL,
        _r_voor_recess,
    ),
    _rule(
        ("reces",),
        r"voor het (?:volgende |komende |eerstvolgende |aankomende |eerstkomende )?reces(?![a-z])",
        _r_voor_reces,
    ),
    _rule(
        _SUMMER_WORDS,
        r"(?:in de loop van|in|rond|tijdens|gedurende) (?:de|het) (?:komende |aankomende )?"
        r"(?P<what>zomerreces|zomerperiode|zomermaanden|zomervakantie|zomer)(?![a-z-])" + _YEAR_TAIL,
        _r_in_zomer,
    ),
    _rule(("zomer",), r"(?:deze|komende|aankomende|ieder|iedere|elke|elk) zomer(?![a-z-])" + _YEAR_TAIL, _r_in_zomer),
    _rule(("zomer",), _NOT_AFTER_VOOR_NA + r"zomer (?:van )?" + _YEAR, _r_in_zomer),
    _rule(
        _SUMMER_WORDS,
        r"na (?:de |het )?(?:zomerreces|zomervakantie|zomerperiode|zomer)(?![a-z-])" + _YEAR_TAIL,
        _r_na_zomer,
    ),
    _rule(
        _CHRISTMAS_WORDS,
        r"na (?:de |het )?(?:kerstreces|kerstvakantie|kerstdagen|kerstmis|kerst)(?![a-z-])" + _YEAR_TAIL,
        _r_na_kerst,
    ),
    # ---- budget cycle
    _rule(("prinsjesdag",), r"voor prinsjesdag(?: (?:van )?" + _YEAR + ")?", _r_voor_prinsjesdag),
    _rule(("prinsjesdag",), r"(?:op|met|bij) prinsjesdag(?: (?:van )?" + _YEAR + ")?", _r_op_prinsjesdag),
    _rule(
        ("begroting", "ontwerpbegroting", "miljoenennota"),
        r"(?:bij|met) de (?:ontwerp)?(?:begroting|miljoenennota)"
        r"(?: (?:voor |van )?(?:het jaar )?" + _YEAR + r")?(?![a-z])",
        _r_bij_begroting,
    ),
    _rule(("voorjaarsnota",), r"(?:bij|met) de voorjaarsnota(?: (?:van )?" + _YEAR + ")?", _r_voorjaarsnota),
    _rule(("najaarsnota",), r"(?:bij|met) de najaarsnota(?: (?:van )?" + _YEAR + ")?", _r_najaarsnota),
    _rule(
        ("jaarverslag", "jaarverslagen"),
        r"(?:bij|met) (?:het|de) (?:financieel )?jaarverslag(?:en)?"
        r"(?: (?:over |van )?(?:het jaar )?" + _YEAR + ")?(?![a-z])",
        _r_jaarverslag,
    ),
    _rule(("verantwoordingsdag",), r"voor verantwoordingsdag(?: (?:van )?" + _YEAR + ")?", _r_voor_verantwoordingsdag),
    _rule(
        ("verantwoordingsdag",),
        r"(?:op|met|bij) verantwoordingsdag(?: (?:van )?" + _YEAR + ")?",
        _r_op_verantwoordingsdag,
    ),
    # ---- durations after the promise ("na ..." afterwards turns it into a condition)
    _rule(
        _UNITS,
        r"(?:uiterlijk )?(?:binnen de komende|in de komende|de komende|binnen nu en|binnen|over) "
        + _NUMBER
        + r" (?P<unit>dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)(?![a-z])"
        r"(?P<after> (?P<afterkw>na|nadat|vanaf|volgend op|te rekenen vanaf)(?![a-z])(?P<topic>[^,.;:!?()]{0,80}))?",
        _r_duration,
    ),
    # ---- events
    _rule(
        ("voortgangsrapportages", "voortgangsrapportage", "voortgangsrapport", "voortgangsbrief", "voortgangsverslag"),
        r"(?:in|bij|met|via) (?:de|het|een) (?:(?P<which>" + _DOC_ORDINALS + r") )?"
        r"(?P<what>voortgangsrapportages|voortgangsrapportage|voortgangsrapport|voortgangsbrief|"
        r"voortgangsverslag)(?![a-z])",
        _r_progress_report,
    ),
    _rule(
        ("volgende", "eerstvolgende", "eerstkomende", "komende", "aankomende"),
        r"(?:in|bij|met|via) (?:de|het) (?P<which>volgende|eerstvolgende|eerstkomende|komende|aankomende) "
        r"(?!voortgangs)(?P<what>[a-z]*(?:rapportage|rapport|brief|monitor|nota|verslag|analyse|update))(?![a-z])",
        _r_next_document,
    ),
    _rule(
        _DEBATE_TRIGGERS,
        r"(?<!dank )(?<!bedankt )(?<!wel )(?:voor|voorafgaand aan|in aanloop naar|voor aanvang van) (?:het|de) "
        + _ACTIVITY_MODIFIER + "?"
        r"(?P<what>" + _DEBATE_WORDS + r")(?![a-z])"
        r"(?: (?P<prep>over|inzake|van|op|met betrekking tot) " + _TOPIC + ")?",
        _r_debate,
    ),
    _rule(
        _DEBATE_TRIGGERS,
        r"(?:bij|in|tijdens|op) (?:het|de) " + _ACTIVITY_MODIFIER + r"(?P<what>" + _DEBATE_WORDS + r")(?![a-z])"
        r"(?: (?P<prep>over|inzake|van|op|met betrekking tot) " + _TOPIC + ")?",
        _r_forward_activity,
    ),
    _rule(
        _DEBATE_TRIGGERS + ("begrotingsbehandeling", "begrotingsbehandelingen"),
        r"(?P<kw>voorafgaand aan|in aanloop naar|voor aanvang van|(?<!dank )(?<!bedankt )(?<!wel )voor|"
        r"bij|tijdens|in|op) (?:(?P<art>het|de) )?" + _ACTIVITY_MODIFIER + "?"
        r"(?P<what>(?:[a-z]+-)?begrotingsbehandelingen|(?:[a-z]+-)?begrotingsbehandeling|" + _DEBATE_WORDS + r")"
        r"(?![a-z])(?P<topic> [^,.;:!?()\[\]]{1,80}?)? (?:van|op|d\.d\.?) (?:" + _WEEKDAYS + r" )?"
        r"(?P<day>[0-9]{1,2})(?:e|ste|de)? " + _DAY_MONTH + rf"(?: {_YEAR})?"
        r"(?P<past> jl\.?| j\.l\.?| ll\.?| l\.l\.?)?(?![a-z])",
        _r_activity_date,
    ),
    _rule(
        ("begrotingsbehandeling", "begrotingsbehandelingen"),
        r"(?:voor|bij|voorafgaand aan|in aanloop naar|voor aanvang van) de "
        r"(?:komende |volgende |eerstvolgende |aankomende )?(?P<what>(?:[a-z]+-)?begrotingsbehandelingen|"
        r"(?:[a-z]+-)?begrotingsbehandeling)(?![a-z])(?P<topic> (?:van|voor) [^,.;:!?()]{1,40})?",
        _r_budget_debate,
    ),
    _rule(
        ("brief", "kamerbrief", "verzamelbrief", "beleidsbrief", "beleidsreactie", "kabinetsreactie", "reactie"),
        r"in de (?:volgende |eerstvolgende |komende |aangekondigde |nog te verschijnen |nieuwe |aparte |"
        r"afzonderlijke |separate )?(?P<what>kamerbrief|verzamelbrief|beleidsbrief|brief|beleidsreactie|"
        r"kabinetsreactie|reactie)(?![a-z]) (?P<prep>over|inzake|op|omtrent|met betrekking tot) " + _TOPIC,
        _r_letter,
    ),
    # ---- conditions
    _rule(("zodra",), r"zodra " + _TOPIC, _conditional_rule("zodra")),
    _rule(("ontvangst",), r"na (?:de )?ontvangst van " + _TOPIC, _conditional_rule("na_ontvangst")),
    _rule(
        (),
        r"(?:bij|na|in|met) (?:de|het) (?:volgende |eerstvolgende |komende |geplande |aangekondigde )?"
        r"[a-z]*evaluatie(?:rapport)?(?![a-z])(?: (?:van|over) " + _TOPIC + ")?",
        _conditional_rule("bij_evaluatie"),
        fragments=("evaluatie",),
    ),
    _rule(
        (
            "nadat", "afronding", "afloop", "publicatie", "verschijning", "verschijnen", "oplevering",
            "vaststelling", "inwerkingtreding", "besluitvorming", "uitkomsten", "uitkomst", "resultaten",
        ),
        r"(?:nadat|na afronding van|na afloop van|na (?:de |het )?(?:publicatie|verschijning|verschijnen|"
        r"oplevering|vaststelling|inwerkingtreding|afronding|besluitvorming|uitkomsten|uitkomst|resultaten)"
        r"(?: van| over)?) " + _TOPIC,
        _conditional_rule("na_gebeurtenis"),
    ),
    # ---- vague
    _rule(
        ("termijn",),
        r"(?:op|binnen) (?:zo |zeer |heel |zo kort )?(?:korte|kort mogelijke) termijn(?![a-z])",
        _vague_rule("op_korte_termijn"),
    ),
    _rule(
        ("binnenkort", "afzienbare", "nabije", "spoedig"),
        r"(?:binnenkort|op afzienbare termijn|binnen afzienbare (?:tijd|termijn)|in de nabije toekomst|"
        r"spoedig)(?![a-z])",
        _vague_rule("binnenkort"),
    ),
    _rule(
        ("snel", "spoedig", "vlug", "zsm", "z", "spoed"),
        r"(?:zo (?:snel|spoedig|vlug) (?:als )?(?:mogelijk|dat kan|het kan)|zsm|z\.s\.m\.?|met spoed)(?![a-z])",
        _vague_rule("zo_snel_mogelijk"),
    ),
    _rule(
        ("zijner", "gelegener", "t", "tzt", "later", "latere", "termijn"),
        r"(?:te zijner tijd|te gelegener tijd|t\.z\.t\.?|tzt|op een later(?:e)? (?:moment|datum|tijdstip)|"
        r"op termijn)(?![a-z])",
        _vague_rule("te_zijner_tijd"),
    ),
    _rule(
        ("komende", "aankomende", "eerstkomende"),
        r"(?:in |binnen |gedurende )?de (?:komende|aankomende|eerstkomende) "
        r"(?:tijd|periode|dagen|weken|maanden|jaren)(?![a-z])",
        _vague_rule("komende_periode"),
    ),
    _rule(
        ("enkele", "paar", "korte"),
        r"(?:binnen|over|na) (?:enkele|een paar|korte) (?:dagen|weken|maanden|tijd)(?![a-z])",
        _vague_rule("komende_periode"),
    ),
)

# word -> indexes of the rules it triggers; and the rules triggered by a substring.
_TRIGGER_INDEX: dict[str, tuple[int, ...]] = {}
for _index, _each in enumerate(_RULES):
    for _word in _each.triggers:
        _TRIGGER_INDEX[_word] = _TRIGGER_INDEX.get(_word, ()) + (_index,)
_FRAGMENT_RULES = tuple((fragment, index) for index, each in enumerate(_RULES) for fragment in each.fragments)
_WORD = re.compile(r"[a-z0-9]+")
# Punctuation that separates words, for the cheap way of listing the words of ASCII text.
_SEPARATORS = str.maketrans({character: " " for character in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})


def _words(norm: str) -> set[str]:
    """The words ([a-z0-9]+) of the normalised text, to pick the rules worth running."""
    if norm.isascii():
        return set(norm.translate(_SEPARATORS).split())
    return set(_WORD.findall(norm))

# Recurrence markers. Those with an interval give a first due date when nothing else does
# ("elk half jaar": half a year after the promise); the others only set ``recurring``.
_RECURRING = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?P<halfjaarlijks>halfjaarlijks|(?:ieder|iedere|elk|elke) half jaar|"
    r"(?:twee ?keer|twee ?maal|2 ?x|2 keer) per jaar)|"
    r"(?P<jaarlijks>jaarlijks|(?:ieder|iedere|elk|elke) jaar)|"
    r"(?P<per_kwartaal>per kwartaal|(?:ieder|iedere|elk|elke) kwartaal|driemaandelijks)|"
    r"(?P<maandelijks>maandelijks|(?:ieder|iedere|elke) maand)|"
    r"(?P<other>(?:ieder|iedere|elk|elke) (?:voorjaar|najaar|zomer)|"
    r"(?:(?:half)?jaarlijkse|reguliere|periodieke) voortgangs[a-z]*)"
    r")(?![a-z])"
)
_RECURRING_TRIGGERS = frozenset(
    ("halfjaarlijks", "jaarlijks", "ieder", "iedere", "elk", "elke", "per", "driemaandelijks", "maandelijks",
     "jaarlijkse", "halfjaarlijkse", "reguliere", "periodieke")
)
_RECURRING_INTERVALS = {
    "halfjaarlijks": (6, "half_year", "een half jaar"),
    "jaarlijks": (12, "year", "een jaar"),
    "per_kwartaal": (3, "quarter", "drie maanden"),
    "maandelijks": (1, "month", "een maand"),
}

# Classes, best first: dated, event, condition, recess phrase without recess data, bare
# recurrence, vague.
_DATED, _EVENT, _CONDITIONAL, _UNDETERMINED, _RECURRENCE, _VAGUE = range(6)
_PRECISION_RANK = {name: index for index, name in enumerate(PRECISIONS)}
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
    if result.anchor == "event":
        return _EVENT
    if result.anchor == "conditional":
        return _CONDITIONAL
    if result.anchor == "vague":
        return _VAGUE
    return _UNDETERMINED


def _rules_to_run(norm: str, words: set[str]) -> list[int]:
    """Indexes of the rules whose trigger words occur, in table order."""
    selected: set[int] = set()
    get = _TRIGGER_INDEX.get
    for word in words:
        indexes = get(word)
        if indexes:
            selected.update(indexes)
    for fragment, index in _FRAGMENT_RULES:
        if fragment in norm:
            selected.add(index)
    return sorted(selected)


class _Analysis(NamedTuple):
    """What a text says regardless of when it was said (cached per text)."""

    text: str
    norm: str
    positions: list[int] | None
    matches: tuple[tuple[int, re.Match], ...]  # (rule index, match), in rule order
    recurrence: re.Match | None


def _scan(norm: str, words: set[str]) -> tuple[tuple[int, re.Match], ...]:
    """Every rule match that starts at a word boundary and is not negated ("niet vóór ...")."""
    matches = []
    for order in _rules_to_run(norm, words):
        search = _RULES[order].pattern.search
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
    norm, positions = _normalise(text)
    words = _words(norm)
    recurrence = None if _RECURRING_TRIGGERS.isdisjoint(words) else _RECURRING.search(norm)
    return _Analysis(text, norm, positions, _scan(norm, words), recurrence)


# Batches and services repeat the same phrases ("voor de zomer") with other dates: the text
# work is cached, the date work is not. Only short texts, so the cache stays small.
_analyse_cached = functools.lru_cache(maxsize=4096)(_analyse_uncached)
_CACHED_TEXT_LENGTH = 300


def _analyse(text: str) -> _Analysis:
    return _analyse_cached(text) if len(text) <= _CACHED_TEXT_LENGTH else _analyse_uncached(text)


def _collect(ctx: _Context, matches: tuple[tuple[int, re.Match], ...]) -> list[_Found]:
    """Resolve the matches against the promise's date; keep those that hold up."""
    found: list[_Found] = []
    made_year = ctx.made.year
    for order, match in matches:
        try:
            resolved = _RULES[order].resolve(ctx, match)
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


def _derive(text: str, made: date, chamber: str, calendar: RecessCalendar) -> DeadlineResult:
    analysis = _analyse(text)
    if not analysis.norm.strip():
        return unknown_result(f"{UNKNOWN_EXPLANATION} (geen tekst)")
    ctx = _Context(text, analysis.norm, analysis.positions, made, chamber, calendar)
    found = _drop_contained(_collect(ctx, analysis.matches))

    marker_match = analysis.recurrence
    if marker_match is not None and marker_match.lastgroup in _RECURRING_INTERVALS:
        rule = marker_match.lastgroup
        months, precision, words = _RECURRING_INTERVALS[rule]
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
                    len(_RULES),
                    DeadlineResult(
                        due, None, precision, "duration", rule, explanation,
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
    pass ``calendar_from_database()`` inside Django. Never raises on any text: unrecognised
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
    try:
        return _derive(phrase, made_on, chamber, calendar)
    except Exception:  # noqa: BLE001 - the contract is "never raise on text"; one bad line must not stop a batch
        logger.exception("deadline phrase could not be parsed: %r", phrase[:200])
        return unknown_result(f"{UNKNOWN_EXPLANATION} (interne fout)")
