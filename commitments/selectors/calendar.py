"""The recess calendar as the deadline engine reads it, from the table the griffie keeps."""

from ..deadlines import Recess as CalendarRecess
from ..deadlines import RecessCalendar
from ..deadlines.vocabulary import Chamber
from ..models import Recess


def calendar_from_database() -> RecessCalendar:
    """A `RecessCalendar` of every `Recess` row (one query).

    An empty table gives an empty calendar, which resolves every recess from the regular
    pattern (and says so in the explanation); the CSV is deliberately not consulted, so what the
    griffie sees in the admin is what the deadlines are derived from.
    """
    rows = Recess.objects.order_by().values_list("chamber", "kind", "start", "end", "confidence", "note")
    return RecessCalendar(
        CalendarRecess(Chamber(chamber), kind, start, end, confidence or "verified", note or "")
        for chamber, kind, start, end, confidence, note in rows
    )
