"""What the engine answers (``DeadlineResult``) and what a resolver sees of a text (``Context``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .calendar import RecessCalendar
from .vocabulary import Anchor, Chamber, Precision

UNKNOWN_EXPLANATION = "termijn niet herkend"


@dataclass(frozen=True)
class DeadlineResult:
    """What a deadline phrase means; ``due_date`` is the last day delivery is on time."""

    due_date: date | None
    earliest_date: date | None
    precision: Precision
    anchor: Anchor
    rule: str
    explanation: str
    recurring: bool = False
    event: str | None = None
    matched_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able dict: dates as ISO strings or None, the other fields as plain values."""
        return {
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "earliest_date": self.earliest_date.isoformat() if self.earliest_date else None,
            "precision": self.precision.value,
            "anchor": self.anchor.value,
            "rule": self.rule,
            "explanation": self.explanation,
            "recurring": self.recurring,
            "event": self.event,
            "matched_text": self.matched_text,
        }


def unknown_result(explanation: str = UNKNOWN_EXPLANATION) -> DeadlineResult:
    """The result for text without a recognisable deadline: no dates, precision "none"."""
    return DeadlineResult(None, None, Precision.NONE, Anchor.NONE, "unknown", explanation)


class Context:
    """One text said on one day in one chamber, as the resolvers see it."""

    __slots__ = ("text", "norm", "positions", "made", "chamber", "calendar")

    def __init__(
        self,
        text: str,
        norm: str,
        positions: list[int] | None,
        made: date,
        chamber: Chamber,
        calendar: RecessCalendar,
    ) -> None:
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


# A resolver returns (result, explicit_year_used) or None when the match does not hold up.
Resolved = tuple[DeadlineResult, bool] | None
Resolver = Callable[[Context, re.Match[str]], Resolved]
