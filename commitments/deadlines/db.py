"""The recess calendar from the database (the griffie edits it in the admin).

Kept apart from the pure modules: importing ``commitments.deadlines`` never needs Django.
"""

from __future__ import annotations

from .calendar import Recess, RecessCalendar


def calendar_from_database() -> RecessCalendar:
    """A :class:`RecessCalendar` of every ``commitments.models.Recess`` row (one query).

    An empty table gives an empty calendar, which resolves every zomer- and kerstreces from the
    regular pattern (and says so in the explanation); the CSV is deliberately not consulted,
    so what the griffie sees in the admin is what the deadlines are derived from.
    """
    from commitments.models import Recess as RecessRow

    rows = RecessRow.objects.order_by().values_list("chamber", "kind", "start", "end", "confidence", "note")
    return RecessCalendar(
        Recess(chamber, kind, start, end, confidence or "verified", note or "")
        for chamber, kind, start, end, confidence, note in rows
    )
