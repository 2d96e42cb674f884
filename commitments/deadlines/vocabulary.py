"""The deadline engine's vocabulary: chambers, precisions and anchors, with their Dutch labels.

The values are stored in the database (the Django models build their ``TextChoices`` from these
enums), so they never change; the labels are what the engine's explanations and the command
print. Pure Python.
"""

from __future__ import annotations

from enum import StrEnum


class Chamber(StrEnum):
    """The two chambers of the Staten-Generaal; their recess calendars differ."""

    TK = "TK"
    EK = "EK"


class Precision(StrEnum):
    """The granularity a deadline phrase names, finest first (the order ranks candidates)."""

    DAY = "day"
    WEEK = "week"
    DEKADE = "dekade"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    SEASON = "season"
    YEAR = "year"
    EVENT = "event"
    VAGUE = "vague"
    NONE = "none"


class Anchor(StrEnum):
    """What a due date is tied to."""

    CALENDAR = "calendar"
    RECESS = "recess"
    BUDGET_CYCLE = "budget_cycle"
    DURATION = "duration"
    EVENT = "event"
    CONDITIONAL = "conditional"
    VAGUE = "vague"
    NONE = "none"


CHAMBER_NAMES: dict[Chamber, str] = {Chamber.TK: "Tweede Kamer", Chamber.EK: "Eerste Kamer"}

PRECISION_LABELS: dict[Precision, str] = {
    Precision.DAY: "dag",
    Precision.WEEK: "week",
    Precision.DEKADE: "decade (tien dagen)",
    Precision.MONTH: "maand",
    Precision.QUARTER: "kwartaal",
    Precision.HALF_YEAR: "half jaar",
    Precision.SEASON: "seizoen",
    Precision.YEAR: "jaar",
    Precision.EVENT: "gebeurtenis",
    Precision.VAGUE: "vaag",
    Precision.NONE: "geen",
}

ANCHOR_LABELS: dict[Anchor, str] = {
    Anchor.CALENDAR: "kalender",
    Anchor.RECESS: "reces",
    Anchor.BUDGET_CYCLE: "begrotingscyclus",
    Anchor.DURATION: "termijn na toezegging",
    Anchor.EVENT: "gebeurtenis",
    Anchor.CONDITIONAL: "voorwaarde",
    Anchor.VAGUE: "vaag",
    Anchor.NONE: "geen",
}


def normalise_chamber(chamber: str) -> Chamber:
    """The chamber for the usual spellings (TK, II, Tweede Kamer; EK, I, Eerste Kamer).

    Raises ValueError for anything else.
    """
    value = (chamber or "").strip().upper()
    value = {"TWEEDE KAMER": "TK", "II": "TK", "EERSTE KAMER": "EK", "I": "EK"}.get(value, value)
    try:
        return Chamber(value)
    except ValueError:
        raise ValueError(f"onbekende Kamer {chamber!r}: gebruik TK of EK") from None
