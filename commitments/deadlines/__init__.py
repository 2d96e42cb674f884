"""The deadline engine: Dutch deadline phrases to due dates, against the recess calendar.

Pure Python; ``commitments.deadlines.db.calendar_from_database`` (imported separately, it needs
Django) builds the calendar from the ``Recess`` table.
"""

from .calendar import (
    CHAMBERS,
    RECESS_KINDS,
    Recess,
    RecessCalendar,
    default_calendar,
    load_recesses_csv,
    pattern_recess,
    prinsjesdag,
    verantwoordingsdag,
)
from .parser import (
    ANCHOR_LABELS,
    ANCHORS,
    PRECISION_LABELS,
    PRECISIONS,
    RULES,
    DeadlineResult,
    add_months,
    derive_due_date,
    unknown_result,
)

__all__ = [
    "ANCHORS",
    "ANCHOR_LABELS",
    "CHAMBERS",
    "PRECISIONS",
    "PRECISION_LABELS",
    "RECESS_KINDS",
    "RULES",
    "DeadlineResult",
    "Recess",
    "RecessCalendar",
    "add_months",
    "default_calendar",
    "derive_due_date",
    "load_recesses_csv",
    "pattern_recess",
    "prinsjesdag",
    "unknown_result",
    "verantwoordingsdag",
]
