"""Read queries for the half-yearly rappel: per ministry, what is overdue or due soon on a cut-off.

The rules (open, overdue) live on `CommitmentQuerySet` and `overdue_q`; these functions only
combine them for a page, in a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from ..models import Commitment, Ministry, overdue_q

RAPPEL_DEFAULT_DAYS = 60


def rappel_candidates(cutoff: datetime.date, days: int):
    """Open commitments overdue on the cut-off date, or due within `days` days from it.

    Both halves are the queryset's own rules (`overdue`, `due_within`), evaluated on the cut-off.
    """
    commitments = Commitment.objects.open()
    return commitments.overdue(cutoff) | commitments.due_within(days, cutoff)


@dataclass(frozen=True)
class MinistryCounts:
    abbreviation: str
    name: str
    overdue: int
    due_soon: int

    @property
    def total(self):
        return self.overdue + self.due_soon


def rappel_ministries(cutoff: datetime.date, days: int = RAPPEL_DEFAULT_DAYS):
    """Per ministry with anything to rappel: how many open commitments are overdue and due soon."""
    rows = (
        rappel_candidates(cutoff, days)
        .filter(ministry__isnull=False)
        .values("ministry__abbreviation", "ministry__name")
        .annotate(overdue=Count("pk", filter=overdue_q(cutoff)), total=Count("pk"))
        .order_by("ministry__abbreviation")
    )
    return [
        MinistryCounts(
            abbreviation=row["ministry__abbreviation"],
            name=row["ministry__name"],
            overdue=row["overdue"],
            due_soon=row["total"] - row["overdue"],
        )
        for row in rows
    ]


def rappel_commitments(ministry: Ministry, cutoff: datetime.date, days: int = RAPPEL_DEFAULT_DAYS):
    """One ministry's rappel list: overdue on the cut-off first (most late first), then due soon.

    Rows carry `is_overdue` and `days_overdue` relative to the cut-off (`with_overdue`).
    """
    return rappel_candidates(cutoff, days).filter(ministry=ministry).for_display(cutoff).order_by("due_date", "pk")
