"""Behaviour about sets of rows. What "open", "overdue" and "on time" mean lives here, once."""
import datetime

from django.db import models
from django.db.models import Case, Count, DurationField, Exists, ExpressionWrapper, F, Max, OuterRef, Q, Value, When
from django.utils import timezone

# Statuses in which the government still owes something.
OPEN_STATUSES = ("openstaand", "deels voldaan")
CLOSED_STATUSES = ("voldaan",)


def _today(today):
    return today or timezone.localdate()


# The single-valued relations a commitment row shows (list pages, admin, CSV export).
ROW_RELATIONS = (
    "bewindspersoon", "office", "ministry", "committee", "dossier", "source_document__dossier",
    "source_activity", "motion__document__dossier",
)


def overdue_q(today: datetime.date) -> Q:
    """The one definition of overdue: open or partly fulfilled, with a due date before today.

    A commitment without a due date (event, vague, none) is never overdue.
    """
    return Q(status__in=OPEN_STATUSES, due_date__lt=today)


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        """Fulfilled commitments (lapsed ones were not kept, nor broken)."""
        return self.filter(status__in=CLOSED_STATUSES)

    def overdue(self, today=None):
        return self.filter(overdue_q(_today(today)))

    def not_overdue(self, today=None):
        return self.exclude(overdue_q(_today(today)))

    def due_within(self, days, today=None):
        """Open commitments due from today up to and including `days` days ahead."""
        today = _today(today)
        return self.open().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def with_overdue(self, today=None):
        """Annotate `is_overdue` (bool) and `days_overdue` (whole days late, None when not overdue)."""
        today = _today(today)
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_q(today), output_field=models.BooleanField()),
            days_overdue=Case(
                When(overdue_q(today), then=ExpressionWrapper(Value(today) - F("due_date"), output_field=DurationField())),
                default=None,
                output_field=DurationField(),
            ),
        )

    def fulfilled_since(self, day):
        """Fulfilled, with a full closing letter dated on or after `day` ("closed in the last 30 days")."""
        from .models import Closure

        full_closure_since = Closure.objects.filter(
            commitment=OuterRef("pk"), fulfilment=Closure.Fulfilment.FULL, closed_on__gte=day
        )
        return self.filter(status__in=CLOSED_STATUSES).filter(Exists(full_closure_since))

    def with_closed_on(self):
        return self.annotate(closed_on=Max("closures__closed_on", filter=Q(closures__fulfilment="volledig")))

    def closed_on_time(self):
        """Fulfilled commitments whose last full closing letter came on or before the due date."""
        return self.closed().with_closed_on().filter(due_date__isnull=False, closed_on__lte=models.F("due_date"))

    def on_time_rate(self):
        """Share of fulfilled commitments with a due date that were fulfilled on time (None if none)."""
        counts = self.closed().filter(due_date__isnull=False).with_closed_on().aggregate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(closed_on__lte=models.F("due_date"))),
        )
        if not counts["total"]:
            return None
        return counts["on_time"] / counts["total"]

    def search(self, text: str):
        """Free-text search over text, numbers, phrase and names; every word must match.

        Used by the public list and the admin alike. Related rows are matched with EXISTS,
        so no DISTINCT over the whole table is needed (that was the slow part at 100,000 rows).
        """
        from .models import CommitmentRecipient

        for word in text.split()[:10]:
            recipients = CommitmentRecipient.objects.filter(commitment=OuterRef("pk")).filter(
                Q(person__name__icontains=word) | Q(party__abbreviation__iexact=word)
            )
            match = (
                Q(text__icontains=word)
                | Q(number__icontains=word)
                | Q(deadline_phrase__icontains=word)
                | Q(bewindspersoon__name__icontains=word)
                | Q(dossier__number=word)
                | Q(source_document__identifier__iexact=word)
                | Q(motion__document__identifier__iexact=word)
                | Exists(recipients)
            )
            if word.isdigit():
                match |= Q(pk=int(word))
            self = self.filter(match)
        return self

    def for_display(self, today=None):
        """What list pages, exports and the admin need per row, in a fixed number of queries."""
        return (
            self.with_overdue(today)
            .select_related(*ROW_RELATIONS)
            .prefetch_related(
                models.Prefetch("recipients", queryset=_recipient_model().objects.select_related("person", "party")),
                models.Prefetch(
                    "closures", queryset=_closure_model().objects.select_related("document__dossier")
                ),
            )
        )


def _recipient_model():
    from .models import CommitmentRecipient

    return CommitmentRecipient


def _closure_model():
    from .models import Closure

    return Closure


class DocumentQuerySet(models.QuerySet):
    def letters(self):
        return self.exclude(kind__in=["motie", "amendement", "handelingen"])


class MotionQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status="aangenomen")


class OfficeQuerySet(models.QuerySet):
    def held_on(self, day):
        """Offices held on `day` (open-ended bounds count as held)."""
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


__all__ = ["OPEN_STATUSES", "overdue_q", "CommitmentQuerySet", "DocumentQuerySet", "MotionQuerySet", "OfficeQuerySet"]
