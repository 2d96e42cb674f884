"""Resolvers: from a rule's match to a ``DeadlineResult`` (or None when the match does not hold).

Each resolver gets the ``Context`` (the text, the day the promise was made, the chamber and the
recess calendar) and the regular-expression match of its rule, and returns ``(result,
explicit_year)``: whether the phrase named its year matters when candidates are compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .calendar import (
    MONTH_NAMES,
    WEEKDAY_ABBREVIATIONS,
    Recess,
    format_date,
    format_day_month,
    prinsjesdag,
    verantwoordingsdag,
)
from .dates import ONE_DAY, add_months, first_due, last_day
from .result import Context, DeadlineResult, Resolved, Resolver
from .text import MONTH_ABBREVIATIONS, MONTH_NUMBERS, NUMBER_WORDS, ORDINALS, REL_OFFSETS
from .vocabulary import CHAMBER_NAMES, Anchor, Chamber, Precision

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


def _topic(ctx: Context, start: int, end: int, max_words: int = 8, stop_at: re.Pattern[str] = _TOPIC_STOP) -> str:
    """The original words of ``norm[start:end]`` up to the first stop word, at most ``max_words``."""
    stop = stop_at.search(ctx.norm, start, end)
    if stop is not None:
        end = stop.start()
    words = ctx.original(start, end).split()[:max_words]
    while words and words[-1].lower() in _DANGLING_WORDS:
        words.pop()  # "het rapport van de Inspectie van Justitie en" reads better without "en"
    return " ".join(words)


def _year_from(match: re.Match[str], made: date) -> tuple[int | None, bool]:
    """(year, explicit): the year a match names, or None for "the first occurrence"."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"]), True
    rel = groups.get("rel")
    if rel:
        offset = REL_OFFSETS[rel]
        return (None if offset is None else made.year + offset), False
    return None, False


# --------------------------------------------------------------------------------------------
# Building results
# --------------------------------------------------------------------------------------------


def _dated(
    ctx: Context,
    match: re.Match[str],
    rule: str,
    due: date,
    precision: Precision,
    anchor: Anchor,
    explanation: str,
    earliest: date | None = None,
) -> DeadlineResult:
    if earliest is not None and earliest > due:
        earliest = None
    return DeadlineResult(due, earliest, precision, anchor, rule, explanation, False, None, ctx.original(*match.span()))


def _undated(
    ctx: Context,
    match: re.Match[str],
    rule: str,
    precision: Precision,
    anchor: Anchor,
    explanation: str,
    event: str | None = None,
) -> DeadlineResult:
    return DeadlineResult(None, None, precision, anchor, rule, explanation, False, event, ctx.original(*match.span()))


def _recess_label(recess: Recess) -> str:
    label = f"het {recess.kind} {recess.year}"
    if recess.chamber is Chamber.EK:
        label += " van de Eerste Kamer"
    return label


def _pattern_note(recess: Recess | None) -> str:
    return ", volgens het gebruikelijke patroon" if recess is not None and recess.is_pattern else ""


def _missing_recess(ctx: Context, match: re.Match[str], rule: str, kind: str, year: int | None) -> DeadlineResult:
    when = str(year) if year is not None else f"na {format_date(ctx.made)}"
    return _undated(
        ctx,
        match,
        rule,
        Precision.NONE,
        Anchor.RECESS,
        f"{kind} {when} van de {CHAMBER_NAMES[ctx.chamber]} staat niet in de receskalender: geen datum",
    )


# --------------------------------------------------------------------------------------------
# Resolvers: calendar
# --------------------------------------------------------------------------------------------


def _explicit_date(match: re.Match[str]) -> tuple[int | None, int, int]:
    groups = match.groupdict()
    if groups.get("iso"):
        parsed = date.fromisoformat(groups["iso"])
        return parsed.year, parsed.month, parsed.day
    if groups.get("mnum"):
        return int(groups["year"]), int(groups["mnum"]), int(groups["day"])
    month_word = groups["month"]
    month = MONTH_NUMBERS.get(month_word) or MONTH_ABBREVIATIONS[month_word]
    return (int(groups["year"]) if groups.get("year") else None), month, int(groups["day"])


# "Per 1 januari", "met ingang van 1 juli": an effective date, due that day.
_EFFECTIVE_KEYWORDS = frozenset(("per", "met ingang van", "vanaf"))


def resolve_date(ctx: Context, match: re.Match[str]) -> Resolved:
    before = match.group("kw") == "voor"
    year, month, day = _explicit_date(match)
    shift = ONE_DAY if before else timedelta(0)
    if year is not None:
        due = date(year, month, day) - shift
    else:
        # Eight years so that "uiterlijk 29 februari" finds the next leap year.
        due = first_due(ctx.made, lambda y: date(y, month, day) - shift, years=8)[1]
    if before:
        result = _dated(
            ctx, match, "voor_datum", due, Precision.DAY, Anchor.CALENDAR, f"dag vóór {format_date(due + shift)}"
        )
    elif match.group("kw") in _EFFECTIVE_KEYWORDS:
        result = _dated(
            ctx, match, "per_datum", due, Precision.DAY, Anchor.CALENDAR, f"per {format_date(due)} (ingangsdatum)"
        )
    else:
        result = _dated(
            ctx, match, "uiterlijk_datum", due, Precision.DAY, Anchor.CALENDAR, f"uiterlijk {format_date(due)}"
        )
    return result, year is not None


def resolve_voor_maand(ctx: Context, match: re.Match[str]) -> Resolved:
    month = MONTH_NUMBERS[match.group("month")]
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = first_due(ctx.made, lambda y: date(y, month, 1) - ONE_DAY)[0]
    due = date(year, month, 1) - ONE_DAY
    explanation = f"vóór {MONTH_NAMES[month - 1]} {year}: uiterlijk {format_date(due)}"
    return _dated(ctx, match, "voor_maand", due, Precision.MONTH, Anchor.CALENDAR, explanation), explicit


def resolve_in_maand(ctx: Context, match: re.Match[str]) -> Resolved:
    groups = match.groupdict()
    explicit = False
    if groups.get("relmonth"):
        offset = 0 if groups["relmonth"] == "deze" else 1
        first = add_months(ctx.made.replace(day=1), offset)
        year, month = first.year, first.month
    else:
        month = MONTH_NUMBERS[groups["month"]]
        named, explicit = _year_from(match, ctx.made)
        year = named if named is not None else first_due(ctx.made, lambda y: last_day(y, month))[0]
    due = last_day(year, month)
    explanation = f"laatste dag van {MONTH_NAMES[month - 1]} {year}"
    return _dated(
        ctx, match, "in_maand", due, Precision.MONTH, Anchor.CALENDAR, explanation, date(year, month, 1)
    ), explicit


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


def resolve_dekade(ctx: Context, match: re.Match[str]) -> Resolved:
    groups = match.groupdict()
    rule, due_day, earliest_day = _DEKADE[groups["pos"]]

    def due_in(year: int, month: int) -> date:
        return last_day(year, month) if due_day == 31 else date(year, month, due_day)

    explicit = False
    if groups.get("thismonth"):
        year, month = ctx.made.year, ctx.made.month
    else:
        month = MONTH_NUMBERS[groups["month"]]
        named, explicit = _year_from(match, ctx.made)
        year = named if named is not None else first_due(ctx.made, lambda y: due_in(y, month))[0]
    due = due_in(year, month)
    word = {"begin_maand": "begin", "medio_maand": "medio", "eind_maand": "eind"}[rule]
    explanation = f"{word} {MONTH_NAMES[month - 1]} {year}: uiterlijk {format_date(due)}"
    earliest = date(year, month, earliest_day)
    return _dated(ctx, match, rule, due, Precision.DEKADE, Anchor.CALENDAR, explanation, earliest), explicit


def _period_rule(
    rule: str | Callable[[re.Match[str]], str],
    precision: Precision,
    due_in_year: Callable[[re.Match[str], int], date],
    earliest_in_year: Callable[[re.Match[str], int], date] | None,
    describe: Callable[[re.Match[str], int], str],
) -> Resolver:
    """A resolver for a period of a year (quarter, half, begin/medio/eind, season, year)."""

    def resolve(ctx: Context, match: re.Match[str]) -> Resolved:
        year, explicit = _year_from(match, ctx.made)
        if year is None:
            year = first_due(ctx.made, lambda y: due_in_year(match, y))[0]
        due = due_in_year(match, year)
        earliest = earliest_in_year(match, year) if earliest_in_year else None
        explanation = f"{describe(match, year)}: {format_date(due)}"
        rule_id = rule(match) if callable(rule) else rule
        return _dated(ctx, match, rule_id, due, precision, Anchor.CALENDAR, explanation, earliest), explicit

    return resolve


def _quarter(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("q"):
        return int(groups["q"])
    number = ORDINALS[groups["which"]]
    return 4 if number is None else number


def _half(match: re.Match[str]) -> int:
    number = ORDINALS[match.group("which")]
    return 2 if number is None else number


resolve_kwartaal = _period_rule(
    "in_kwartaal",
    Precision.QUARTER,
    lambda m, y: last_day(y, _quarter(m) * 3),
    lambda m, y: date(y, _quarter(m) * 3 - 2, 1),
    lambda m, y: f"{('eerste', 'tweede', 'derde', 'vierde')[_quarter(m) - 1]} kwartaal {y}",
)
resolve_helft = _period_rule(
    lambda m: "eerste_helft" if _half(m) == 1 else "tweede_helft",
    Precision.HALF_YEAR,
    lambda m, y: date(y, 6, 30) if _half(m) == 1 else date(y, 12, 31),
    lambda m, y: date(y, 1, 1) if _half(m) == 1 else date(y, 7, 1),
    lambda m, y: f"{'eerste' if _half(m) == 1 else 'tweede'} helft van {y}",
)
resolve_begin_jaar = _period_rule(
    "begin_jaar", Precision.QUARTER, lambda m, y: date(y, 3, 31), lambda m, y: date(y, 1, 1), lambda m, y: f"begin {y}"
)
resolve_medio_jaar = _period_rule(
    "medio_jaar", Precision.QUARTER, lambda m, y: date(y, 7, 31), None, lambda m, y: f"medio {y}"
)
resolve_eind_jaar = _period_rule(
    "eind_jaar", Precision.QUARTER, lambda m, y: date(y, 12, 31), None, lambda m, y: f"eind {y}"
)
resolve_dit_jaar = _period_rule(
    "dit_jaar", Precision.YEAR, lambda m, y: date(y, 12, 31), None, lambda m, y: f"vóór het einde van {y}"
)
resolve_in_jaar = _period_rule(
    "in_jaar", Precision.YEAR, lambda m, y: date(y, 12, 31), lambda m, y: date(y, 1, 1), lambda m, y: f"in {y}"
)
resolve_voorjaar = _period_rule(
    "in_voorjaar", Precision.SEASON, lambda m, y: date(y, 6, 30), None, lambda m, y: f"voorjaar {y}"
)
resolve_najaar = _period_rule(
    "in_najaar", Precision.SEASON, lambda m, y: date(y, 12, 31), None, lambda m, y: f"najaar {y}"
)


# --------------------------------------------------------------------------------------------
# Resolvers: recesses
# --------------------------------------------------------------------------------------------

RECESS_WORDS = {
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


def resolve_voor_recess(ctx: Context, match: re.Match[str]) -> Resolved:
    kind = RECESS_WORDS[match.group("what")]
    rule = f"voor_{kind}"
    year, explicit = _year_from(match, ctx.made)
    if year is not None:
        recess = ctx.calendar.get(ctx.chamber, kind, year)
    else:
        recess = ctx.calendar.next_starting_after(ctx.chamber, kind, ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, rule, kind, year), explicit
    explanation = f"dag vóór {_recess_label(recess)} ({format_day_month(recess.start)}){_pattern_note(recess)}"
    return _dated(ctx, match, rule, recess.start - ONE_DAY, Precision.DAY, Anchor.RECESS, explanation), explicit


def resolve_voor_reces(ctx: Context, match: re.Match[str]) -> Resolved:
    recess = ctx.calendar.next_recess(ctx.chamber, ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, "voor_reces", "het volgende reces", None), False
    explanation = (
        f"dag vóór het volgende reces: {_recess_label(recess)} ({format_day_month(recess.start)})"
        f"{_pattern_note(recess)}"
    )
    return _dated(ctx, match, "voor_reces", recess.start - ONE_DAY, Precision.DAY, Anchor.RECESS, explanation), False


def resolve_in_zomer(ctx: Context, match: re.Match[str]) -> Resolved:
    year, explicit = _year_from(match, ctx.made)
    if year is not None:
        recess = ctx.calendar.get(ctx.chamber, "zomerreces", year)
    else:
        recess = ctx.calendar.next_ending_on_or_after(ctx.chamber, "zomerreces", ctx.made)
    if recess is None:
        return _missing_recess(ctx, match, "in_zomer", "zomerreces", year), explicit
    explanation = f"laatste dag van {_recess_label(recess)} ({format_day_month(recess.end)}){_pattern_note(recess)}"
    return _dated(
        ctx, match, "in_zomer", recess.end, Precision.SEASON, Anchor.RECESS, explanation, recess.start
    ), explicit


def _after_recess(
    ctx: Context, match: re.Match[str], *, kind: str, rule: str, season: str, month: int, day: int, next_year: bool
) -> Resolved:
    """ "Na de zomer/kerst": due on `day`-`month` after the recess of `kind` (in the year after the
    recess starts when `next_year`); the earliest delivery is the first sitting day after it."""
    offset = 1 if next_year else 0
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = first_due(ctx.made, lambda y: date(y, month, day))[0] - offset
    due = date(year + offset, month, day)
    recess = ctx.calendar.get(ctx.chamber, kind, year)
    if recess is None:
        explanation = f"na de {season} van {year}: {format_date(due)}"
        return _dated(ctx, match, rule, due, Precision.MONTH, Anchor.RECESS, explanation), explicit
    earliest = recess.first_sitting_day
    explanation = (
        f"{format_day_month(due, weekday=False)} na {_recess_label(recess)} (weer vergaderd vanaf "
        f"{format_day_month(earliest)}){_pattern_note(recess)}"
    )
    return _dated(ctx, match, rule, due, Precision.MONTH, Anchor.RECESS, explanation, earliest), explicit


def resolve_na_zomer(ctx: Context, match: re.Match[str]) -> Resolved:
    return _after_recess(
        ctx, match, kind="zomerreces", rule="na_zomer", season="zomer", month=9, day=30, next_year=False
    )


def resolve_na_kerst(ctx: Context, match: re.Match[str]) -> Resolved:
    return _after_recess(
        ctx, match, kind="kerstreces", rule="na_kerstreces", season="kerst", month=1, day=31, next_year=True
    )


# --------------------------------------------------------------------------------------------
# Resolvers: budget cycle
# --------------------------------------------------------------------------------------------


def _budget_rule(
    rule: str,
    day_in_year: Callable[[int], date],
    describe: Callable[[int, date], str],
    shift_days: int = 0,
    year_offset: int = 0,
) -> Resolver:
    """``day_in_year(y)`` is the cycle's date; an explicit year is moved by ``year_offset``."""
    shift = timedelta(days=shift_days)

    def resolve(ctx: Context, match: re.Match[str]) -> Resolved:
        year, explicit = _year_from(match, ctx.made)
        if year is not None:
            year += year_offset
        else:
            year = first_due(ctx.made, lambda y: day_in_year(y) - shift)[0]
        day = day_in_year(year)
        due = day - shift
        return _dated(ctx, match, rule, due, Precision.DAY, Anchor.BUDGET_CYCLE, describe(year, day)), explicit

    return resolve


resolve_voor_prinsjesdag = _budget_rule(
    "voor_prinsjesdag", prinsjesdag, lambda y, d: f"dag vóór Prinsjesdag {y} ({format_day_month(d)})", 1
)
resolve_op_prinsjesdag = _budget_rule(
    "op_prinsjesdag", prinsjesdag, lambda y, d: f"Prinsjesdag {y} ({format_day_month(d)})"
)
# The budget "voor 2022" and the Miljoenennota 2022 are presented on Prinsjesdag 2021.
resolve_bij_begroting = _budget_rule(
    "bij_begroting",
    prinsjesdag,
    lambda y, d: f"begroting voor {y + 1}: Prinsjesdag {y} ({format_day_month(d)})",
    year_offset=-1,
)
resolve_voorjaarsnota = _budget_rule(
    "bij_voorjaarsnota", lambda y: date(y, 5, 31), lambda y, d: f"Voorjaarsnota {y}: {format_date(d)}"
)
resolve_voor_voorjaarsnota = _budget_rule(
    "voor_voorjaarsnota",
    lambda y: date(y, 5, 31),
    lambda y, d: f"dag vóór de Voorjaarsnota {y} ({format_date(d)})",
    1,
)
resolve_voor_najaarsnota = _budget_rule(
    "voor_najaarsnota",
    lambda y: date(y, 11, 30),
    lambda y, d: f"dag vóór de Najaarsnota {y} ({format_date(d)})",
    1,
)
# "Voor de begroting 2026", "voor de Miljoenennota": the day before Prinsjesdag 2025.
_resolve_voor_begroting = _budget_rule(
    "voor_begroting",
    prinsjesdag,
    lambda y, d: f"dag vóór de begroting voor {y + 1}: Prinsjesdag {y} ({format_day_month(d)})",
    1,
    year_offset=-1,
)
resolve_najaarsnota = _budget_rule(
    "bij_najaarsnota", lambda y: date(y, 11, 30), lambda y, d: f"Najaarsnota {y}: {format_date(d)}"
)
# The jaarverslag over 2021 is sent on Verantwoordingsdag 2022.
resolve_jaarverslag = _budget_rule(
    "bij_jaarverslag",
    verantwoordingsdag,
    lambda y, d: f"jaarverslag over {y - 1}: Verantwoordingsdag {y} ({format_day_month(d)})",
    year_offset=1,
)
resolve_voor_verantwoordingsdag = _budget_rule(
    "voor_verantwoordingsdag",
    verantwoordingsdag,
    lambda y, d: f"dag vóór Verantwoordingsdag {y} ({format_day_month(d)})",
    1,
)
resolve_op_verantwoordingsdag = _budget_rule(
    "op_verantwoordingsdag", verantwoordingsdag, lambda y, d: f"Verantwoordingsdag {y} ({format_day_month(d)})"
)


# --------------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------------
# Resolvers: durations
# --------------------------------------------------------------------------------------------

UNITS = {
    "dag": ("termijn_dagen", Precision.DAY, "days", 1),
    "dagen": ("termijn_dagen", Precision.DAY, "days", 1),
    "week": ("termijn_weken", Precision.WEEK, "days", 7),
    "weken": ("termijn_weken", Precision.WEEK, "days", 7),
    "maand": ("termijn_maanden", Precision.MONTH, "months", 1),
    "maanden": ("termijn_maanden", Precision.MONTH, "months", 1),
    "kwartaal": ("termijn_maanden", Precision.QUARTER, "months", 3),
    "kwartalen": ("termijn_maanden", Precision.QUARTER, "months", 3),
    "jaar": ("termijn_jaren", Precision.YEAR, "months", 12),
    "jaren": ("termijn_jaren", Precision.YEAR, "months", 12),
}
# "na dit debat", "na vandaag": counted from the promise itself.
_SELF_REFERENCE = re.compile(r" (?:na|vanaf) (?:dit|deze|vandaag|heden|nu)(?![a-z])")


def resolve_duration(ctx: Context, match: re.Match[str]) -> Resolved:
    number_text = match.group("n")
    unit = match.group("unit")
    rule, precision, kind, factor = UNITS[unit]
    if number_text in ("een half", "een halve", "anderhalf", "anderhalve"):
        if unit != "jaar":
            return None  # "een halve maand" is not a whole number of anything we count
        amount = 18 if number_text.startswith("anderhal") else 6
        rule, precision = "termijn_maanden", Precision.HALF_YEAR
    else:
        count = int(number_text) if number_text.isdigit() else NUMBER_WORDS[number_text]
        amount = count * factor
    after = match.group("after")
    if after and _SELF_REFERENCE.match(after) is None:
        topic = _topic(ctx, match.start("topic") + 1, match.end("topic"), stop_at=_CLAUSE_STOP)
        event = f"{ctx.original(match.start('n'), match.end('unit'))} {match.group('afterkw')} {topic}".strip()
        return _undated(
            ctx,
            match,
            "termijn_na_gebeurtenis",
            Precision.EVENT,
            Anchor.CONDITIONAL,
            f"termijn na een gebeurtenis ({event}): geen datum",
            event,
        ), False
    if kind == "days":
        due = ctx.made + timedelta(days=amount)
        note = ""
    else:
        due = add_months(ctx.made, amount)
        note = " (afgekapt op de laatste dag van de maand)" if due.day != ctx.made.day else ""
    spoken = ctx.original(match.start("n"), match.end("unit"))
    explanation = f"{spoken} na {format_date(ctx.made)}: {format_date(due)}{note}"
    return _dated(ctx, match, rule, due, precision, Anchor.DURATION, explanation), False


# --------------------------------------------------------------------------------------------
# Resolvers: events, conditions, vague phrases
# --------------------------------------------------------------------------------------------


def _event_result(ctx: Context, match: re.Match[str], rule: str, event: str) -> DeadlineResult:
    return _undated(ctx, match, rule, Precision.EVENT, Anchor.EVENT, f"gebeurtenis ({event}): nog geen datum", event)


def resolve_progress_report(ctx: Context, match: re.Match[str]) -> Resolved:
    start = match.start("which") if match.group("which") else match.start("what")
    return _event_result(ctx, match, "voortgangsrapportage", ctx.original(start, match.end("what"))), False


def resolve_next_document(ctx: Context, match: re.Match[str]) -> Resolved:
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


def _activity_name(ctx: Context, match: re.Match[str]) -> str:
    event = ctx.original(*match.span("what"))
    if match.group("topic"):
        topic = _topic(ctx, match.start("topic"), match.end("topic"), max_words=6)
        if topic:
            event = f"{event} {match.group('prep')} {topic}"
    return event


def resolve_debate(ctx: Context, match: re.Match[str]) -> Resolved:
    rule = "voor_commissiedebat" if match.group("what") in _COMMITTEE_DEBATES else "voor_debat"
    return _event_result(ctx, match, rule, _activity_name(ctx, match)), False


def resolve_forward_activity(ctx: Context, match: re.Match[str]) -> Resolved:
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


def resolve_activity_date(ctx: Context, match: re.Match[str]) -> Resolved:
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
        rule, due, explanation = "voor_activiteit_datum", held - ONE_DAY, f"dag vóór {article} {event} {when}"
    else:
        rule, due, explanation = "bij_activiteit_datum", held, f"{event} {when}"
    result = DeadlineResult(
        due, None, Precision.DAY, Anchor.EVENT, rule, explanation, False, event, ctx.original(*match.span())
    )
    return result, year is not None


def resolve_budget_debate(ctx: Context, match: re.Match[str]) -> Resolved:
    event = ctx.original(*match.span("what"))
    if match.group("topic"):
        event = f"{event} {_topic(ctx, match.start('topic'), match.end('topic'), max_words=4)}".strip()
    return _event_result(ctx, match, "begrotingsbehandeling", event), False


def resolve_letter(ctx: Context, match: re.Match[str]) -> Resolved:
    topic = _topic(ctx, match.start("topic"), match.end("topic"))
    if not topic:
        return None
    event = f"{ctx.original(*match.span('what'))} {ctx.original(*match.span('prep'))} {topic}"
    return _event_result(ctx, match, "brief_over", event), False


def conditional_rule(rule: str) -> Resolver:
    def resolve(ctx: Context, match: re.Match[str]) -> Resolved:
        end = match.end("topic") if match.groupdict().get("topic") else match.end()
        topic_start = match.start("topic") if match.groupdict().get("topic") else end
        lead = ctx.original(match.start(), topic_start)
        topic = _topic(ctx, topic_start, end, max_words=12, stop_at=_CLAUSE_STOP) if topic_start < end else ""
        event = f"{lead} {topic}".strip()
        return _undated(
            ctx, match, rule, Precision.EVENT, Anchor.CONDITIONAL, f"voorwaardelijk ({event}): geen datum", event
        ), False

    return resolve


def vague_rule(rule: str) -> Resolver:
    def resolve(ctx: Context, match: re.Match[str]) -> Resolved:
        explanation = f"vage termijn ({ctx.original(*match.span())}): geen vervaldatum, wel opvolgen"
        return _undated(ctx, match, rule, Precision.VAGUE, Anchor.VAGUE, explanation), False

    return resolve


# --------------------------------------------------------------------------------------------
# Resolvers: phrases of the Kamer's motions (see docs/DEADLINES.md, "Conventions of this
# repository")
# --------------------------------------------------------------------------------------------

# Four weeks: "na de zomer" (30 September) and "na het kerstreces" (31 January) give three to
# four weeks after the recess; the other recesses get the same window, counted from their end.
_WEEKS_AFTER_RECESS = 4
_DIRECTLY_AFTER_RECESS = timedelta(days=14)


def _recess_ending(ctx: Context, match: re.Match[str], kind: str) -> tuple[Recess | None, int | None, bool]:
    """The recess of ``kind`` a "na het …" phrase means: the named year's, else the next to end."""
    year, explicit = _year_from(match, ctx.made)
    if year is not None:
        return ctx.calendar.get(ctx.chamber, kind, year), year, explicit
    return ctx.calendar.next_ending_on_or_after(ctx.chamber, kind, ctx.made), None, explicit


def resolve_na_recess(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Na het meireces / voorjaarsreces / herfstreces": four weeks after its last day."""
    kind = RECESS_WORDS[match.group("what")]
    rule = f"na_{kind}"
    recess, year, explicit = _recess_ending(ctx, match, kind)
    if recess is None:
        return _missing_recess(ctx, match, rule, kind, year), explicit
    due = recess.end + timedelta(weeks=_WEEKS_AFTER_RECESS)
    explanation = (
        f"vier weken na {_recess_label(recess)} (tot en met {format_day_month(recess.end)}): "
        f"{format_date(due)}{_pattern_note(recess)}"
    )
    return _dated(
        ctx, match, rule, due, Precision.MONTH, Anchor.RECESS, explanation, recess.first_sitting_day
    ), explicit


def resolve_direct_na_recess(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Direct / kort / meteen na het <reces>": two weeks after it ends (earliest: its end)."""
    kind = RECESS_WORDS[match.group("what")]
    recess, year, explicit = _recess_ending(ctx, match, kind)
    if recess is None:
        return _missing_recess(ctx, match, "direct_na_reces", kind, year), explicit
    due = recess.end + _DIRECTLY_AFTER_RECESS
    explanation = (
        f"twee weken na {_recess_label(recess)} (tot en met {format_day_month(recess.end)}): "
        f"{format_date(due)}{_pattern_note(recess)}"
    )
    return _dated(ctx, match, "direct_na_reces", due, Precision.WEEK, Anchor.RECESS, explanation, recess.end), explicit


def resolve_rond_jaarwisseling(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Rond de jaarwisseling / rond de kerst": 31 January, the window from 15 December."""
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        due = first_due(ctx.made, lambda y: date(y, 1, 31))[1]
    else:
        due = date(year + 1, 1, 31)  # "de jaarwisseling van 2025": the turn from 2025 to 2026
    earliest = date(due.year - 1, 12, 15)
    explanation = f"rond de jaarwisseling {due.year - 1}/{due.year}: uiterlijk {format_date(due)}"
    return _dated(
        ctx, match, "rond_jaarwisseling", due, Precision.MONTH, Anchor.CALENDAR, explanation, earliest
    ), explicit


def resolve_voor_seizoen(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Voor het voorjaar / najaar": the day before the season starts (1 March / 1 September)."""
    season = match.group("season")
    month = 3 if season in ("voorjaar", "lente") else 9
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = first_due(ctx.made, lambda y: date(y, month, 1) - ONE_DAY)[0]
    due = date(year, month, 1) - ONE_DAY
    explanation = f"vóór het {'voorjaar' if month == 3 else 'najaar'} van {year}: uiterlijk {format_date(due)}"
    return _dated(
        ctx,
        match,
        f"voor_{'voorjaar' if month == 3 else 'najaar'}",
        due,
        Precision.SEASON,
        Anchor.CALENDAR,
        explanation,
    ), explicit


# Nouns after which "voor <jaar>" means "for that year", not "before it" ("de doelen voor 2030",
# "de begroting voor 2026", "10 miljoen voor 2025").
_FOR_THE_YEAR = re.compile(
    r"(?:begroting|begrotingen|doel|doelen|doelstelling|doelstellingen|ambitie|ambities|norm|normen|"
    r"raming|ramingen|budget|budgetten|middelen|miljoen|miljard|euro|bedrag|bedragen|plafond|tarief|"
    r"tarieven|jaar|periode|planning|prognose|prognoses|opgave|opgaven|taakstelling|kader|afspraken|"
    r"bezuiniging|bezuinigingen|ombuiging|ombuigingen|reservering|subsidie|uitgaven|inkomsten|"
    r"koopkrachtplaatje|koopkracht|begrotingsjaar|kabinet|regeerakkoord|hoofdlijnenakkoord|"
    r"voorjaarsnota|miljoenennota|plan|plannen) $"
)


def resolve_voor_jaar(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Vóór 2025": 31 December 2024; "uiterlijk (in) 2040": 31 December 2040."""
    year = int(match.group("year"))
    keyword = match.group("kw")
    if keyword == "voor":
        said = ctx.original(match.start("kw"), match.end("kw")).lower()
        before = ctx.norm[max(0, match.start() - 30) : match.start()]
        if said == "voor" and _FOR_THE_YEAR.search(before):
            return None  # "de doelen voor 2030": for that year, not before it
        due = date(year - 1, 12, 31)
        return _dated(
            ctx, match, "voor_jaar", due, Precision.YEAR, Anchor.CALENDAR, f"vóór {year}: uiterlijk {format_date(due)}"
        ), True
    due = date(year, 12, 31)
    return _dated(
        ctx, match, "uiterlijk_jaar", due, Precision.YEAR, Anchor.CALENDAR, f"uiterlijk in {year}: {format_date(due)}"
    ), True


def resolve_per_jaar(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Per 2026", "met ingang van 2026", "vanaf 2026": the effective date, 1 January."""
    year = int(match.group("year"))
    due = date(year, 1, 1)
    if due < ctx.made:
        return None  # an effective date already passed ("de verhoging per 2024"): context
    explanation = f"per {year} (ingangsdatum): {format_date(due)}"
    return _dated(ctx, match, "per_datum", due, Precision.YEAR, Anchor.CALENDAR, explanation), True


def resolve_week(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Deze week": the Friday of this week; "volgende / komende week": the Friday of the next."""
    offset = 0 if match.group("which") == "deze" else 1
    monday = ctx.made - timedelta(days=ctx.made.weekday()) + timedelta(weeks=offset)
    friday = monday + timedelta(days=4)
    rule = "deze_week" if offset == 0 else "volgende_week"
    explanation = f"{'deze' if offset == 0 else 'volgende'} week: vrijdag {format_date(friday)}"
    return _dated(ctx, match, rule, friday, Precision.WEEK, Anchor.CALENDAR, explanation, monday), False


def resolve_next_council(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Voor de volgende JBZ-Raad": an event (the council's date is not in the calendar)."""
    event = ctx.original(match.start("which"), match.end("what"))
    return _event_result(ctx, match, "volgende_raad", event), False


def resolve_voor_begroting(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Voor de begroting [2026]": not when "van"/"voor" follows a year-less budget ("voor de
    begroting van Defensie" is what the money is for, not when)."""
    if match.group("doc").endswith("begroting") and not match.group("year") and match.group("after"):
        return None
    return _resolve_voor_begroting(ctx, match)


def resolve_in_begroting(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "In de begroting voor 2026", "in de volgende begroting", "in de Miljoenennota": Prinsjesdag."""
    if match.group("doc").endswith("begroting") and not (match.group("year") or match.group("nxt")):
        return None  # "dekking te vinden in de begroting": where, not when
    return resolve_bij_begroting(ctx, match)


def resolve_voor_kwartaal(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "Vóór het vierde kwartaal van 2025": the day before the quarter starts (30 September)."""
    quarter = _quarter(match)
    year, explicit = _year_from(match, ctx.made)
    if year is None:
        year = first_due(ctx.made, lambda y: date(y, quarter * 3 - 2, 1) - ONE_DAY)[0]
    due = date(year, quarter * 3 - 2, 1) - ONE_DAY
    words = ("eerste", "tweede", "derde", "vierde")[quarter - 1]
    explanation = f"vóór het {words} kwartaal van {year}: uiterlijk {format_date(due)}"
    return _dated(ctx, match, "voor_kwartaal", due, Precision.QUARTER, Anchor.CALENDAR, explanation), explicit


# Words of a target in the clause before "in <jaar>": the year is the target's, not the request's
# ("een groeipad naar 2% in 2030", "de doelstellingen in 2040 te halen").
_TARGET_WORDS = re.compile(
    r"(?:[a-z]*doel|[a-z]*doelen|[a-z]*doelstellingen?|[a-z]*plafond|streefcijfers?|ambities?|[a-z]*groeipad|"
    r"richting|streven|te komen tot)(?![a-z])"
)
_CLAUSE_START = re.compile(r"[;,:]")


def resolve_in_jaar_of_request(ctx: Context, match: re.Match[str]) -> Resolved:
    """ "In 2026" as a term; not when its clause names a target the year belongs to."""
    start = match.start()
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(ctx.norm, max(0, start - 160), start)), default=0)
    if _TARGET_WORDS.search(ctx.norm, max(clause_start, start - 160), start):
        return None
    return resolve_in_jaar(ctx, match)
