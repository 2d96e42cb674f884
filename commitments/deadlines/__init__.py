"""The deadline engine: Dutch deadline phrases to due dates, against the recess calendar.

Pure Python, no Django: the caller passes the calendar in (inside Django, one built from the
``Recess`` table; elsewhere :func:`default_calendar`, the CSV shipped with the app).

Modules, each owning one concern:

``vocabulary``  the stored values (``Chamber``, ``Precision``, ``Anchor``) and their Dutch labels
``calendar``    the recess calendar and the budget-cycle days (Prinsjesdag, Verantwoordingsdag)
``dates``       date arithmetic (month ends, adding months, the first occurrence after a day)
``text``        folding Dutch text (case, accents, whitespace) and its number and month words
``result``      ``DeadlineResult`` and the ``Context`` a resolver reads
``resolvers``   from a rule's match to a result
``rules``       the rule table: trigger words, patterns, resolvers; the rule ids
``parser``      choosing among the candidates of one text: ``derive_due_date``
"""

from .calendar import (
    RECESS_KINDS,
    Recess,
    RecessCalendar,
    default_calendar,
    load_recesses_csv,
    pattern_recess,
    prinsjesdag,
    verantwoordingsdag,
)
from .dates import add_months
from .parser import derive_due_date
from .result import DeadlineResult, unknown_result
from .rules import RULES
from .vocabulary import ANCHOR_LABELS, CHAMBER_NAMES, PRECISION_LABELS, Anchor, Chamber, Precision, normalise_chamber

__all__ = [
    "ANCHOR_LABELS",
    "CHAMBER_NAMES",
    "PRECISION_LABELS",
    "RECESS_KINDS",
    "RULES",
    "Anchor",
    "Chamber",
    "DeadlineResult",
    "Precision",
    "Recess",
    "RecessCalendar",
    "add_months",
    "default_calendar",
    "derive_due_date",
    "load_recesses_csv",
    "normalise_chamber",
    "pattern_recess",
    "prinsjesdag",
    "unknown_result",
    "verantwoordingsdag",
]
