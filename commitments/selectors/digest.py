"""What a digest reports for a set of commitments: due soon, newly overdue, closed since the last one."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from ..models import Closure, CommitmentStatus

# "Falls due in the coming weeks": open commitments due from today up to this many days ahead.
DUE_SOON_DAYS = 28


@dataclass(frozen=True)
class DigestContent:
    today: datetime.date
    since: datetime.date
    due_soon: list
    became_overdue: list
    closed: list

    @property
    def item_count(self) -> int:
        return len(self.due_soon) + len(self.became_overdue) + len(self.closed)

    @property
    def due_until(self) -> datetime.date:
        return self.today + datetime.timedelta(days=DUE_SOON_DAYS)


def digest_content(rows, since: datetime.date, today: datetime.date) -> DigestContent:
    """From `rows` (commitments as the list shows them): what falls due within DUE_SOON_DAYS,
    what became overdue since `since` (due on or after it, before today, still open) and what
    was closed since (a closing letter dated after `since`, up to today)."""
    closed_since = Closure.objects.filter(commitment=OuterRef("pk"), closed_on__gt=since, closed_on__lte=today)
    return DigestContent(
        today=today,
        since=since,
        due_soon=list(rows.due_within(DUE_SOON_DAYS, today).order_by("due_date", "pk")),
        became_overdue=list(rows.overdue(today).filter(due_date__gte=since).order_by("due_date", "pk")),
        closed=list(
            rows.filter(status__in=[CommitmentStatus.VOLDAAN, CommitmentStatus.DEELS_VOLDAAN])
            .filter(Exists(closed_since))
            .order_by("pk")
        ),
    )
