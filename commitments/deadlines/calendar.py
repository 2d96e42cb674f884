"""The parliamentary calendar the deadline engine resolves phrases against.

Pure Python on purpose (no Django): the parser, the tests and scripts can use it without a
database. Inside Django the caller builds the same ``RecessCalendar`` from the ``Recess`` table and
passes it in; the engine never reads the database itself.

Interpretation of a recess's dates
----------------------------------
``start`` and ``end`` are both **inclusive**: they are the first and the last day of the recess,
exactly as the Kamer publishes them ("vrijdag 9 juli t/m maandag 6 september 2021"). The Tweede
Kamer sits from Tuesday to Thursday, so a TK recess runs from a Friday to a Monday and the first
sitting day after it is the Tuesday after ``end``; the Eerste Kamer sits on Tuesdays, so its
recesses run from a Wednesday to a Monday. Consequently:

* "voor het zomerreces" is due on ``start - 1 day`` (for the TK: the Thursday, the last sitting
  day before the recess);
* "in de zomer" is due on ``end`` (the last day of the zomerreces, the Monday);
* "na de zomer" may be delivered from ``end + 1 day`` (the first sitting day).

A recess "of year Y" is the one that *starts* in Y: the kerstreces 2020 runs from
18 December 2020 to 11 January 2021.

The regular pattern (fallback for years without data)
-----------------------------------------------------
Every regular recess has a pattern; only the verkiezingsreces (it follows an election) has none,
and is unknown without data. The zomer- and kerstreces rules reproduce every row of both
chambers in ``commitments/data/recesses.csv``; the herfst-, voorjaars- and meireces follow the
school holidays, so their rules are the usual case, not every year's (see ``docs/DEADLINES.md``):

* TK zomerreces: Friday of ISO week 27 to Monday of ISO week 36.
* TK kerstreces: the last Friday on or before 23 December, to the Monday 24 days later (three
  weeks and three days). That is the Friday of ISO week 51 ("usually", says DEADLINES.md)
  except when that Friday is Christmas Eve, as in 2021 (17 December 2021 to 10 January 2022)
  and 2027: the Kamer does not sit in Christmas week.
* EK zomerreces: the Wednesday five days after the TK's start to the Monday a week after the
  TK's end (Wednesday of ISO week 28 to Monday of ISO week 37): "about a week after the
  Tweede Kamer's".
* EK kerstreces: the Wednesday two days before the TK's start to the same Monday as the TK. The
  data shows the EK's other recesses do the same (start on the Wednesday of the TK's week, end
  on the same Monday); only its summer recess is shifted by a week.
* TK meireces: the last Friday on or before 27 April (Koningsdag), to the Monday 17 days later
  (2018, 2023, 2024 and 2026 in the data).
* TK voorjaarsreces: Friday of ISO week 7 to the Monday ten days later (2024, 2026; 2018 was a
  week later).
* TK herfstreces: Friday of ISO week 41 to the Monday ten days later (2017, 2023; 2020 was a
  week later).
* EK meireces, voorjaarsreces, herfstreces: the Wednesday two days before the TK's start, to
  the same Monday.

A pattern recess that would overlap a recess of another kind in the data (a verkiezingsreces
that replaced the herfstreces, as in 2025) is not made: that recess is answered in its place.

A recess made from the pattern carries ``confidence="pattern"``, the same value the CSV uses for
rows it derived from the rule, so callers can say "volgens het gebruikelijke patroon".

Lookups pick a kind's recess per year: data first, the pattern only when the calendar has no row
of that chamber, kind and year. Recesses may overlap (an election recess can swallow a regular
one): lookups by kind ignore other kinds, and ``next_recess`` simply takes the earliest start.
"""

from __future__ import annotations

import csv
import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .vocabulary import CHAMBER_NAMES, Chamber, normalise_chamber

__all__ = [
    "CHAMBER_NAMES",  # re-exported: the parse_deadline command imports it from here
    "CONFIDENCES",
    "RECESS_KINDS",
    "Recess",
    "RecessCalendar",
    "default_calendar",
    "format_date",
    "format_day_month",
    "load_recesses_csv",
    "normalise_chamber",
    "normalise_kind",
    "pattern_recess",
    "prinsjesdag",
    "verantwoordingsdag",
]


RECESS_KINDS = (
    "zomerreces",
    "kerstreces",
    "herfstreces",
    "voorjaarsreces",
    "meireces",
    "verkiezingsreces",
)
CONFIDENCES = ("verified", "inferred", "pattern")

# Other names the griffie and the press use for the same recess.
KIND_ALIASES = {
    "krokusreces": "voorjaarsreces",
    "mei-reces": "meireces",
    "zomer": "zomerreces",
    "kerst": "kerstreces",
}

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")

DEFAULT_CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "recesses.csv"

PATTERN_NOTE = "volgens het gebruikelijke patroon"


@dataclass(frozen=True)
class Recess:
    """One recess of one chamber; ``start`` and ``end`` are both inclusive (see module doc)."""

    chamber: Chamber
    kind: str
    start: date
    end: date
    confidence: str = "verified"
    note: str = ""

    @property
    def year(self) -> int:
        """The year the recess belongs to: the year it starts in."""
        return self.start.year

    @property
    def is_pattern(self) -> bool:
        """True when the dates come from the regular rule rather than a published calendar."""
        return self.confidence == "pattern"

    @property
    def first_sitting_day(self) -> date:
        """The first day after the recess (a Tuesday for both chambers)."""
        return self.end + timedelta(days=1)


def normalise_kind(kind: str) -> str:
    """Return the canonical recess kind ("krokusreces" -> "voorjaarsreces")."""
    value = (kind or "").strip().lower()
    return KIND_ALIASES.get(value, value)


def _friday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 4) % 7)


# kind -> (TK start, days to the last day) for the recesses that follow the school holidays.
_SCHOOL_HOLIDAY_RULES: dict[str, Callable[[int], tuple[date, int]]] = {
    "meireces": lambda year: (_friday_on_or_before(date(year, 4, 27)), 17),
    "voorjaarsreces": lambda year: (date.fromisocalendar(year, 7, 5), 10),
    "herfstreces": lambda year: (date.fromisocalendar(year, 41, 5), 10),
}
PATTERN_KINDS = ("zomerreces", "kerstreces", "meireces", "voorjaarsreces", "herfstreces")


def pattern_recess(chamber: str, kind: str, year: int) -> Recess | None:
    """The recess of ``kind`` in ``year`` according to the regular rule, or None.

    Every kind but the verkiezingsreces has a rule (see the module docstring); None also for
    years that ``date`` cannot represent.
    """
    if not isinstance(chamber, Chamber):
        chamber = normalise_chamber(chamber)
    kind = normalise_kind(kind)
    try:
        if kind == "zomerreces":
            start = date.fromisocalendar(year, 27, 5)
            end = date.fromisocalendar(year, 36, 1)
            if chamber is Chamber.EK:
                start, end = start + timedelta(days=5), end + timedelta(days=7)
        elif kind == "kerstreces":
            december_23 = date(year, 12, 23)
            start = december_23 - timedelta(days=(december_23.weekday() - 4) % 7)  # Friday on or before
            end = start + timedelta(days=24)
            if chamber is Chamber.EK:
                start -= timedelta(days=2)
        elif kind in _SCHOOL_HOLIDAY_RULES:
            start, length = _SCHOOL_HOLIDAY_RULES[kind](year)
            end = start + timedelta(days=length)
            if chamber is Chamber.EK:
                start -= timedelta(days=2)
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return Recess(chamber, kind, start, end, "pattern", PATTERN_NOTE)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def prinsjesdag(year: int) -> date:
    """Prinsjesdag: the third Tuesday of September (Grondwet art. 65); the budget is presented."""
    return _nth_weekday(year, 9, 1, 3)


def verantwoordingsdag(year: int) -> date:
    """Verantwoordingsdag: the third Wednesday of May; the annual reports (jaarverslagen) come."""
    return _nth_weekday(year, 5, 2, 3)


class RecessCalendar:
    """The known recesses of both chambers, with the lookups the deadline parser needs.

    Immutable once built. Every lookup falls back to :func:`pattern_recess` for a chamber, kind
    and year without a row, so an empty calendar is a pure pattern calendar.
    """

    def __init__(self, recesses: Iterable[Recess] = ()) -> None:
        items: list[Recess] = []
        for recess in recesses:
            chamber = normalise_chamber(recess.chamber)
            kind = normalise_kind(recess.kind)
            if recess.end < recess.start:
                raise ValueError(f"reces eindigt voor het begint: {recess!r}")
            if (chamber, kind) != (recess.chamber, recess.kind) or not isinstance(recess.chamber, Chamber):
                recess = Recess(chamber, kind, recess.start, recess.end, recess.confidence, recess.note)
            items.append(recess)
        items.sort(key=lambda r: (r.chamber, r.start, r.end, r.kind))
        self._recesses: tuple[Recess, ...] = tuple(items)
        # (chamber, kind, year) -> recesses of that kind starting in that year, by start.
        by_year: dict[tuple[Chamber, str, int], list[Recess]] = {}
        # chamber -> (starts, recesses), for "the next recess of any kind".
        self._by_chamber: dict[Chamber, tuple[list[date], list[Recess]]] = {}
        for recess in self._recesses:
            by_year.setdefault((recess.chamber, recess.kind, recess.year), []).append(recess)
            starts, rows = self._by_chamber.setdefault(recess.chamber, ([], []))
            starts.append(recess.start)
            rows.append(recess)
        self._by_year: dict[tuple[Chamber, str, int], tuple[Recess, ...]] = {
            key: tuple(rows) for key, rows in by_year.items()
        }

    def __iter__(self) -> Iterator[Recess]:
        return iter(self._recesses)

    def __len__(self) -> int:
        return len(self._recesses)

    def __repr__(self) -> str:
        return f"<RecessCalendar with {len(self._recesses)} recesses>"

    def recesses(self, chamber: str | None = None) -> list[Recess]:
        """All recesses from the data (no pattern ones), optionally of one chamber."""
        if chamber is None:
            return list(self._recesses)
        chamber = normalise_chamber(chamber)
        return [r for r in self._recesses if r.chamber == chamber]

    def in_year(self, chamber: str, kind: str, year: int) -> tuple[Recess, ...]:
        """The recesses of ``kind`` starting in ``year``: the data's, else the pattern's, else ()."""
        if not isinstance(chamber, Chamber):  # the parser passes a Chamber; skip the work then
            chamber = normalise_chamber(chamber)
        if kind not in RECESS_KINDS:
            kind = normalise_kind(kind)
        rows = self._by_year.get((chamber, kind, year))
        if rows:
            return rows
        fallback = self._pattern(chamber, kind, year)
        return (fallback,) if fallback else ()

    def _pattern(self, chamber: Chamber, kind: str, year: int) -> Recess | None:
        """The pattern recess; or the data recess of another kind that took its place.

        "Voor het herfstreces" in 2025 means the day before the verkiezingsreces that replaced
        it, and the explanation names that recess.
        """
        fallback = pattern_recess(chamber, kind, year)
        if fallback is None:
            return None
        for other in self._overlapping_candidates(chamber, fallback):
            if other.kind != kind and other.start <= fallback.end and fallback.start <= other.end:
                return other
        return fallback

    def _overlapping_candidates(self, chamber: Chamber, recess: Recess) -> list[Recess]:
        starts, rows = self._by_chamber.get(chamber, ([], []))
        index = bisect_right(starts, recess.end)
        return rows[max(0, index - 4) : index]

    def get(self, chamber: str, kind: str, year: int) -> Recess | None:
        """The (first) recess of ``kind`` starting in ``year``, from data or pattern, or None."""
        rows = self.in_year(chamber, kind, year)
        return rows[0] if rows else None

    def next_starting_after(self, chamber: str, kind: str, day: date) -> Recess | None:
        """The first recess of ``kind`` that starts after ``day`` (so ``start - 1 >= day``).

        Looks at ``day``'s year and the next; a year with neither data nor pattern for the kind
        makes the answer unknown (None) rather than skipping to a later year, because a recess
        missing from the data is not a recess that did not happen.
        """
        for year in (day.year, day.year + 1):
            rows = self.in_year(chamber, kind, year)
            if not rows:
                return None
            for recess in rows:
                if recess.start > day:
                    return recess
        return None

    def next_ending_on_or_after(self, chamber: str, kind: str, day: date) -> Recess | None:
        """The first recess of ``kind`` whose last day is ``day`` or later (None if unknown)."""
        for year in (day.year - 1, day.year, day.year + 1):
            rows = self.in_year(chamber, kind, year)
            if not rows:
                if year < day.year:
                    continue  # only the kerstreces spans a new year; a gap there says nothing
                return None
            for recess in rows:
                if recess.end >= day:
                    return recess
        return None

    def next_recess(self, chamber: str, day: date) -> Recess | None:
        """The first recess of any kind that starts after ``day`` ("voor het reces").

        Candidates are the data rows and, for years without data of their kind, the pattern
        recesses; the earliest start wins, whatever the kind.
        """
        chamber = normalise_chamber(chamber)
        best: Recess | None = None
        starts, rows = self._by_chamber.get(chamber, ([], []))
        index = bisect_right(starts, day)
        if index < len(rows):
            best = rows[index]
        for kind in PATTERN_KINDS:
            for year in (day.year, day.year + 1):
                if (chamber, kind, year) in self._by_year:
                    continue
                candidate = self._pattern(chamber, kind, year)
                if candidate and candidate.start > day and (best is None or candidate.start < best.start):
                    best = candidate
        return best


def load_recesses_csv(path: str | Path) -> list[Recess]:
    """Read a recess calendar CSV (columns kamer,soort,start,end,confidence,note).

    Dates are ISO (YYYY-MM-DD); ``end`` is the last day of the recess. Raises ValueError with
    the line number on a malformed row: this is curated data and should be fixed, not skipped.
    """
    recesses: list[Recess] = []
    with open(path, newline="", encoding="utf-8") as handle:
        for line_number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                confidence = (row.get("confidence") or "verified").strip()
                if confidence not in CONFIDENCES:
                    raise ValueError(f"onbekende betrouwbaarheid {confidence!r}")
                kind = normalise_kind(row["soort"])
                if kind not in RECESS_KINDS:
                    raise ValueError(f"onbekende soort reces {row['soort']!r}")
                recesses.append(
                    Recess(
                        chamber=normalise_chamber(row["kamer"]),
                        kind=kind,
                        start=date.fromisoformat(row["start"].strip()),
                        end=date.fromisoformat(row["end"].strip()),
                        confidence=confidence,
                        note=(row.get("note") or "").strip(),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ValueError(f"{path}, regel {line_number}: {exc}") from exc
    return recesses


@functools.lru_cache(maxsize=1)
def default_calendar() -> RecessCalendar:
    """The calendar from ``commitments/data/recesses.csv`` (cached; for tests and scripts)."""
    return RecessCalendar(load_recesses_csv(DEFAULT_CSV_PATH))


def format_date(day: date) -> str:
    """Dutch long date without relying on the locale: "9 juli 2021"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_day_month(day: date, weekday: bool = True) -> str:
    """Dutch short date: "vr 9 juli" (or "9 juli" without the weekday)."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {text}" if weekday else text
