"""Commitments: toezeggingen and motion obligations, to whom they were made, and what closed them.

What "open", "overdue", "on time" and "days late" mean lives here once, on `CommitmentQuerySet`
(and `Commitment.days_late` for one annotated row); pages, exports, feeds and the admin call it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import clock
from ..links import url_of
from .archive import ActiveManager, Archivable, ArchivableQuerySet
from .choices import (
    Anchor,
    Chamber,
    CommitmentKind,
    CommitmentStatus,
    DeadlineSource,
    Fulfilment,
    Precision,
    RelationKind,
)
from .motions import Motion
from .opendata import FromOpenData, OpenDataHistory
from .papers import Activity, Document, DocumentSeries, Dossier
from .people import Committee, Ministry, Office, Party, Person
from .search import search as search_commitments

# The single-valued relations a commitment row shows (list pages, admin, CSV export).
ROW_RELATIONS = (
    "bewindspersoon",
    "office",
    "ministry",
    "committee",
    "dossier",
    "source_document__dossier",
    "source_activity",
    "motion__document__dossier",
)


# Soonest due first, without a due date last, ties by id: the lists' order. `SOONEST_DUE_FIRST` is the
# `(…, due_date, id)` indexes read in order. `SOONEST_DUE_FIRST_SORTED` is the same order as a key no
# index gives, so that PostgreSQL reads the rows a filter selects and sorts them: for filters that
# select rows spread thinly over the dates (open and not yet due, fulfilled lately, promised to one
# member), where walking the index in order passes every earlier row that does not match (seconds
# at a million commitments: the planner expects the matches spread evenly, and they are not).
SOONEST_DUE_FIRST = (F("due_date").asc(nulls_last=True), "pk")
SOONEST_DUE_FIRST_SORTED = (Coalesce("due_date", Value(datetime.date.max)), "pk")


def overdue_q(today: datetime.date) -> Q:
    """The one definition of overdue: open or partly fulfilled, with a due date before today.

    A commitment without a due date (event, vague, none) is never overdue.
    """
    return Q(status__in=CommitmentStatus.open_values(), due_date__lt=today)


class DaysSince(Func):
    """Whole days from a date expression to `day` (positive when it is earlier), as an integer."""

    output_field = models.IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, day: datetime.date, expression):
        super().__init__(Value(day, output_field=models.DateField()), expression)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores dates as ISO text: the difference of their Julian day numbers.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def days_late_expression(today: datetime.date):
    """`Commitment.days_late` in SQL (the exports' cells): whole days overdue on `today`, else NULL."""
    return Case(
        When(overdue_q(today), then=DaysSince(today, F("due_date"))), default=None, output_field=models.IntegerField()
    )


def due_within_q(days: int, today: datetime.date) -> Q:
    """Open, due from today up to and including `days` days ahead."""
    return Q(
        status__in=CommitmentStatus.open_values(),
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=days),
    )


def overdue_on_q(day: datetime.date) -> Q:
    """Overdue on `day` as far as the records tell, on rows with `fulfilled_on`: the due date had
    passed and no full closing letter had come by then (lapsed ones and undated ones excepted)."""
    return (
        ~Q(status=CommitmentStatus.VERVALLEN)
        & Q(due_date__isnull=False, due_date__lt=day)
        & (Q(fulfilled_on__isnull=True) | Q(fulfilled_on__gt=day))
    )


def current_ministry_expression(prefix: str) -> Coalesce:
    """The id of the ministry that answers now for the ministry at `prefix` ("ministry__" from a
    commitment, "" on a ministry): itself or its successor, followed two steps (enough for a merger
    after a split; `Ministry.current` follows any length)."""
    return Coalesce(
        F(f"{prefix}successor__successor"),
        F(f"{prefix}successor"),
        F(f"{prefix}pk"),
        output_field=models.BigIntegerField(),
    )


# A fulfilled commitment is on time when its last full closing letter is dated on or before the
# due date (read on rows annotated by `with_fulfilled_on`).
ON_TIME = Q(fulfilled_on__lte=F("due_date"))
FULFILLED_LATE = Q(fulfilled_on__gt=F("due_date"))

# The definition of the on-time rate, shown on every page with a scorecard and in the README.
ON_TIME_DEFINITION = _(
    "On-time rate: of every commitment that was due before today or was fulfilled, the share fulfilled on "
    "or before its due date. Fulfilled late and still open past the due date both count against it; "
    "commitments without a due date and lapsed ones are left out."
)


def lateness_in_words(start: datetime.date, end: datetime.date) -> str:
    """How long from `start` to `end`, in words a reader takes in at once: "5 jaar en 5 maanden".

    Whole calendar months and years; under a month, days.
    """
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    if months <= 0:
        days = (end - start).days
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(count)d year", "%(count)d years", years) % {"count": years})
    if months:
        parts.append(ngettext("%(count)d month", "%(count)d months", months) % {"count": months})
    return gettext(" and ").join(parts)


@dataclass(frozen=True)
class Scorecard:
    """The honest figures of a set of commitments on one day (see `CommitmentQuerySet.scorecard`).

    The buckets do not overlap: `open` is open and not overdue, `overdue` is open (or partly
    fulfilled) past its due date, fulfilled ones are on time, late, or without a due date.
    """

    open: int = 0
    overdue: int = 0
    fulfilled_on_time: int = 0
    fulfilled_late: int = 0
    fulfilled_undated: int = 0
    lapsed: int = 0

    @property
    def fulfilled(self) -> int:
        return self.fulfilled_on_time + self.fulfilled_late + self.fulfilled_undated

    @property
    def due(self) -> int:
        """The denominator of the rate: everything that counts for or against it."""
        return self.fulfilled_on_time + self.fulfilled_late + self.overdue

    @property
    def rate(self) -> float | None:
        return self.fulfilled_on_time / self.due if self.due else None

    @property
    def percentage(self) -> int | None:
        return round(100 * self.rate) if self.rate is not None else None

    @property
    def total(self) -> int:
        return self.open + self.overdue + self.fulfilled + self.lapsed


class CommitmentQuerySet(ArchivableQuerySet):
    def open(self):
        """Open or partly fulfilled: the government still owes something."""
        return self.filter(status__in=CommitmentStatus.open_values())

    def fulfilled(self):
        """Fulfilled commitments (lapsed ones were neither kept nor broken)."""
        return self.filter(status=CommitmentStatus.VOLDAAN)

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_q(today or clock.today()))

    def not_overdue(self, today: datetime.date | None = None):
        return self.exclude(overdue_q(today or clock.today()))

    def open_not_overdue(self, today: datetime.date | None = None):
        """Open or partly fulfilled and not overdue: the rows of `open().not_overdue(today)`.

        Written as a range of the due date (today or later, or none), which the `(…, due_date, id)`
        indexes answer; "not overdue" as a NOT makes PostgreSQL read every open row of a ministry.
        """
        today = today or clock.today()
        return self.open().filter(Q(due_date__gte=today) | Q(due_date__isnull=True))

    def due_within(self, days: int, today: datetime.date | None = None):
        """Open commitments due from today up to and including `days` days ahead."""
        return self.filter(due_within_q(days, today or clock.today()))

    def with_overdue(self, today: datetime.date | None = None):
        """Annotate `is_overdue` (bool) and `overdue_by` (a timedelta, None when not overdue).

        `Commitment.days_late` reads `overdue_by` as whole days.
        """
        today = today or clock.today()
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_q(today), output_field=models.BooleanField()),
            overdue_by=Case(
                When(
                    overdue_q(today), then=ExpressionWrapper(Value(today) - F("due_date"), output_field=DurationField())
                ),
                default=None,
                output_field=DurationField(),
            ),
        )

    def fulfilled_since(self, day: datetime.date):
        """Fulfilled, with a full closing letter dated on or after `day` ("closed in the last 30 days")."""
        full_closure_since = Closure.objects.filter(
            commitment=OuterRef("pk"), fulfilment=Fulfilment.FULL, closed_on__gte=day
        )
        return self.fulfilled().filter(Exists(full_closure_since))

    def with_fulfilled_on(self):
        """Annotate `fulfilled_on`: the date of the last letter that fulfilled it fully (a subquery,
        so the rows can still be grouped and counted in one query)."""
        last_full = (
            Closure.objects.filter(commitment=OuterRef("pk"), fulfilment=Fulfilment.FULL)
            .order_by("-closed_on")
            .values("closed_on")[:1]
        )
        return self.annotate(fulfilled_on=Subquery(last_full, output_field=models.DateField()))

    def fulfilled_on_for_counting(self):
        """`pk`, `status`, `due_date` and `fulfilled_on` of each row, to aggregate over.

        The same `fulfilled_on` as `with_fulfilled_on`, computed once per row by a grouped join:
        PostgreSQL inlines that correlated subquery into every reference of an aggregate over it
        (the twelve-month overdue count took 11 s at 100,000 commitments, 0.3 s this way).
        Only for querysets filtered on single-valued fields (a filter on closures would narrow
        the join).
        """
        return (
            self.order_by()
            .values("pk", "status", "due_date")
            .annotate(fulfilled_on=Max("closures__closed_on", filter=Q(closures__fulfilment=Fulfilment.FULL)))
        )

    def fulfilled_on_time(self):
        """Fulfilled commitments whose last full closing letter came on or before the due date."""
        return self.fulfilled().filter(due_date__isnull=False).with_fulfilled_on().filter(ON_TIME)

    def fulfilled_late(self):
        """Fulfilled commitments whose last full closing letter came after the due date."""
        return self.fulfilled().filter(due_date__isnull=False).with_fulfilled_on().filter(FULFILLED_LATE)

    @staticmethod
    def _scorecard_counts(today: datetime.date) -> dict:
        fulfilled = Q(status=CommitmentStatus.VOLDAAN)
        return {
            "open": Count("pk", filter=Q(status__in=CommitmentStatus.open_values()) & ~overdue_q(today)),
            "overdue": Count("pk", filter=overdue_q(today)),
            "fulfilled_on_time": Count("pk", filter=fulfilled & ON_TIME),
            "fulfilled_late": Count("pk", filter=fulfilled & FULFILLED_LATE),
            "fulfilled_undated": Count(
                "pk", filter=fulfilled & (Q(due_date__isnull=True) | Q(fulfilled_on__isnull=True))
            ),
            "lapsed": Count("pk", filter=Q(status=CommitmentStatus.VERVALLEN)),
        }

    def scorecard(self, today: datetime.date | None = None) -> Scorecard:
        """Open, overdue, fulfilled on time / late / without due date, lapsed: one aggregate query."""
        counts = self.fulfilled_on_for_counting().aggregate(**self._scorecard_counts(today or clock.today()))
        return Scorecard(**counts)

    def scorecards_by(self, field: str, today: datetime.date | None = None) -> list[tuple[object, Scorecard]]:
        """One scorecard per value of `field` (e.g. "ministry", "current_ministry"): one grouped query.

        Returns (value, scorecard) pairs ordered by value; value None is the bucket without one.
        """
        rows = (
            self.with_fulfilled_on()
            .order_by()
            .values(field)
            .annotate(**self._scorecard_counts(today or clock.today()))
            .order_by(field)
        )
        return [(row.pop(field), Scorecard(**row)) for row in rows]

    def overdue_counts_over_time(self, days: list[datetime.date]) -> list[tuple[datetime.date, int]]:
        """How many commitments were overdue on each of `days`, as far as the records tell.

        A commitment counts as overdue on a day when its due date had passed and no full closing
        letter had come by then (lapsed ones excepted). One aggregate query for all days.
        """
        annotated = self.exclude(status=CommitmentStatus.VERVALLEN).filter(due_date__isnull=False)
        counts = annotated.fulfilled_on_for_counting().aggregate(
            **{f"d{index}": Count("pk", filter=overdue_on_q(day)) for index, day in enumerate(days)}
        )
        return [(day, counts[f"d{index}"]) for index, day in enumerate(days)]

    def with_current_ministry(self):
        """Annotate `current_ministry` (an id): the ministry that answers for it now
        (`current_ministry_expression`)."""
        return self.annotate(current_ministry=current_ministry_expression("ministry__"))

    def answered_for_by(self, ministry):
        """Commitments the ministry answers for now: its own and those of the ministries it succeeded."""
        return self.with_current_ministry().filter(current_ministry=ministry.pk)

    def search(self, text: str):
        """Free-text search: every word must match; a citation or register number finds its record.

        The one search entry point (public list, exports, admin, API); the definition lives in
        `commitments.models.search`.
        """
        return search_commitments(self, text)

    def derived_from_recess(self):
        """Due dates the engine derived from the recess calendar (not set by hand)."""
        return self.filter(due_date_overridden=False, deadline_anchor=Anchor.RECESS)

    def may_depend_on_recess(self, first_day: datetime.date, last_day: datetime.date):
        """Commitments whose derived due date a recess from `first_day` to `last_day` can move.

        The engine reads a recess only for a promise made from the year before it starts (a
        phrase without a year takes the next recess of its kind, looking one year ahead) up to
        some weeks after it ends ("na het kerstreces" said in January), or when the due date lies
        around it (a phrase naming the recess's year: "voor de zomer van 2027", said any time).
        Undated rows (a recess missing from the calendar) and rows whose date made is unknown (the
        activity's date stands in) are always included. The margins are generous: a row read but
        not changed costs a comparison, a row missed would keep a wrong date.
        """
        said_from = datetime.date(max(first_day.year - 1, 1), 1, 1)
        after = last_day + datetime.timedelta(days=120)
        return self.filter(
            Q(made_on__range=(said_from, after))
            | Q(made_on__isnull=True)
            | Q(due_date__range=(first_day - datetime.timedelta(days=31), after))
            | Q(due_date__isnull=True)
        )

    def for_display(self, today: datetime.date | None = None):
        """What list pages, exports and the admin need per row, in a fixed number of queries."""
        return (
            self.with_overdue(today)
            .with_fulfilled_on()
            .select_related(*ROW_RELATIONS)
            .prefetch_related(
                models.Prefetch("recipients", queryset=CommitmentRecipient.objects.select_related("person", "party")),
                models.Prefetch("closures", queryset=Closure.objects.select_related("document__dossier")),
            )
        )


def closure_date_error(commitment: "Commitment", letter: Document) -> str | None:
    """Why `letter` cannot close `commitment` (it predates the promise), or None when it can."""
    if letter.date and commitment.made_on and letter.date < commitment.made_on:
        return gettext(
            "%(letter)s (%(letter_date)s) predates the commitment (made on %(made_on)s) and cannot close it."
        ) % {
            "letter": letter.citation,
            "letter_date": formats.date_format(letter.date),
            "made_on": formats.date_format(commitment.made_on),
        }
    return None


class Commitment(Archivable, FromOpenData):
    """A toezegging, or the obligation to carry out an adopted motion (kind 'motie')."""

    tk_entity = "Toezegging"

    Kind = CommitmentKind
    Status = CommitmentStatus
    Precision = Precision
    Anchor = Anchor

    number = models.CharField(
        _("official number"), max_length=30, blank=True, help_text=_("As registered by the Kamer, e.g. TZ202412-116.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOEZEGGING)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    text = models.TextField(_("text"))
    made_on = models.DateField(
        _("made on"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the papers do not give it; the activity then records the bounds."),
        validators=[clock.validate_date_in_range],
    )
    source_activity = models.ForeignKey(
        Activity,
        verbose_name=_("made in (activity)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    source_document = models.ForeignKey(
        Document,
        verbose_name=_("made in (document)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments_made",
    )
    motion = models.OneToOneField(
        Motion,
        verbose_name=_("motion carried out"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligation",
    )
    motions_concerned = models.ManyToManyField(
        Motion,
        verbose_name=_("about motions"),
        blank=True,
        related_name="commitments_about",
        help_text=_("Motions this commitment is about (an appraisal, a report on carrying one out)."),
    )
    bewindspersoon = models.ForeignKey(
        Person,
        verbose_name=_("bewindspersoon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments_made",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office held"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The office held on the day the commitment was made."),
    )
    ministry = models.ForeignKey(
        Ministry,
        verbose_name=_("ministry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("Empty means plenary ('Plenair')."),
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    promised_to_members = models.ManyToManyField(
        Person,
        verbose_name=_("promised to (members)"),
        blank=True,
        through="CommitmentRecipient",
        related_name="commitments_received",
    )

    deadline_phrase = models.CharField(_("deadline as said"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[clock.validate_date_in_range])
    due_date_earliest = models.DateField(
        _("earliest date"), null=True, blank=True, validators=[clock.validate_date_in_range]
    )
    deadline_precision = models.CharField(
        _("precision"), max_length=20, choices=Precision.choices, default=Precision.NONE
    )
    deadline_anchor = models.CharField(_("anchor"), max_length=20, choices=Anchor.choices, default=Anchor.NONE)
    deadline_rule = models.CharField(_("rule"), max_length=60, blank=True)
    deadline_explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    due_date_overridden = models.BooleanField(
        _("due date set by hand"), default=False, help_text=_("Set by a clerk; not recomputed from the phrase.")
    )
    expected_series = models.ForeignKey(
        DocumentSeries,
        verbose_name=_("waits for a paper of series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_commitments",
    )
    expected_activity = models.ForeignKey(
        Activity,
        verbose_name=_("waits for activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_commitments",
    )
    expected_event_date = models.DateField(
        _("expected date of the event"),
        null=True,
        blank=True,
        help_text=_("For event deadlines: when the awaited paper or debate is expected. Not a due date."),
        validators=[clock.validate_date_in_range],
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPENSTAAND)
    status_note = models.CharField(_("status note"), max_length=500, blank=True)
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related commitments"),
        through="CommitmentRelation",
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Archived commitments are left out everywhere but the admin (see `models.archive`).
    objects = ActiveManager.from_queryset(CommitmentQuerySet)()
    all_objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[], excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        # Each list filters on one of these and sorts by (due_date, pk) or (made_on, pk): with the
        # pk in the index, PostgreSQL reads the first page in order and stops.
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["due_date", "id"], name="commitment_due_id"),
            models.Index(
                fields=["due_date", "id"],
                name="commitment_open_due_id",
                condition=Q(status__in=CommitmentStatus.open_values()),
            ),
            models.Index(fields=["ministry", "due_date", "id"], name="commitment_ministry_due_id"),
            models.Index(fields=["committee", "due_date", "id"], name="commitment_committee_due_id"),
            models.Index(fields=["bewindspersoon", "due_date", "id"], name="commitment_person_due_id"),
            # A dossier's page: its commitments soonest due first, and counted up to 1,000. Not
            # partial on `archived_at IS NULL`: such a narrow index of every shown row is what
            # PostgreSQL then scans whole to hash-join a search's matches (0.5 s for "onderwerp
            # 4242" when it guesses 10,000 matches for 443) instead of probing them by id.
            models.Index(fields=["dossier", "due_date", "id"], name="commitment_dossier_due_id"),
            models.Index(fields=["made_on", "id"], name="commitment_made_on_id"),
            models.Index(fields=["kind"]),
            # The admin: its list sorted by number, and its archived rows newest first (a few among
            # a million: without this index the "archived" filter reads the whole table).
            models.Index(fields=["number", "id"], name="commitment_number_id"),
            models.Index(
                fields=["made_on", "id"], name="commitment_archived_made_on_id", condition=Q(archived_at__isnull=False)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="commitment_number_unique",
                violation_error_message=_("Another commitment already has this official number."),
            ),
            models.CheckConstraint(
                condition=Q(kind=CommitmentKind.MOTIE, motion__isnull=False)
                | Q(kind=CommitmentKind.TOEZEGGING, motion__isnull=True),
                name="commitment_kind_matches_motion",
                violation_error_message=_("A motion obligation names its motion; a commitment names none."),
            ),
            models.CheckConstraint(
                condition=Q(due_date_earliest__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("due_date_earliest")),
                name="commitment_due_after_earliest",
                violation_error_message=_("The due date cannot precede the earliest date."),
            ),
        ]

    def __str__(self):
        label = self.number or f"#{self.pk}"
        return f"{label}: {self.text[:80]}"

    def save(self, *args, **kwargs):
        # The ministry follows the office unless a clerk set it.
        if self.office_id and not self.ministry_id:
            self.ministry_id = self.office.ministry_id
        if self.office_id and not self.bewindspersoon_id:
            self.bewindspersoon_id = self.office.person_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_of("commitments:commitment", self.pk)

    @property
    def is_motion_obligation(self) -> bool:
        return self.kind == CommitmentKind.MOTIE

    @property
    def is_vague(self) -> bool:
        return self.deadline_anchor == Anchor.VAGUE

    @property
    def days_late(self) -> int | None:
        """Whole days past the due date when overdue, else None (needs `with_overdue`)."""
        overdue_by = self.overdue_by  # type: ignore[attr-defined]  # the with_overdue annotation
        return overdue_by.days if overdue_by is not None else None

    @property
    def fulfilment_date(self) -> datetime.date | None:
        """The date of the last letter that fulfilled it fully, when it is fulfilled.

        Read from the `with_fulfilled_on` annotation when there is one, else from the closures
        (prefetched by `for_display`).
        """
        if self.status != CommitmentStatus.VOLDAAN:
            return None
        if "fulfilled_on" in self.__dict__:
            return self.__dict__["fulfilled_on"]
        dates = [c.closed_on for c in self.closures.all() if c.fulfilment == Fulfilment.FULL]
        return max(dates) if dates else None

    @property
    def is_fulfilled_late(self) -> bool:
        """Fulfilled, but by a letter dated after the due date ("te laat voldaan")."""
        fulfilled = self.fulfilment_date
        return bool(fulfilled and self.due_date and fulfilled > self.due_date)

    @property
    def late_days(self) -> int | None:
        """Days late: past the due date while open, or how late the fulfilling letter came."""
        if getattr(self, "overdue_by", None) is not None:
            return self.days_late
        if self.is_fulfilled_late:
            return (self.fulfilment_date - self.due_date).days  # type: ignore[operator]
        return None

    @property
    def lateness_words(self) -> str:
        """`late_days` in years, months or days ("5 jaar en 5 maanden"), or "" when not late."""
        days = self.late_days
        if days is None or self.due_date is None:
            return ""
        return lateness_in_words(self.due_date, self.due_date + datetime.timedelta(days=days))

    @property
    def source(self):
        """Where the commitment was made: the document if known, else the activity."""
        return self.source_document or self.source_activity

    @property
    def waiting_for(self):
        """What an event deadline waits for ('de volgende voortgangsrapportage'), or None.

        Only for commitments without a due date whose deadline is an event: they are never
        overdue, and pages show them as "wacht op …" instead.
        """
        if self.due_date or self.deadline_anchor != self.Anchor.EVENT:
            return None
        if self.expected_series_id:
            return str(self.expected_series)
        if self.expected_activity_id:
            return str(self.expected_activity)
        return f"“{self.deadline_phrase}”" if self.deadline_phrase else _("an event")

    @property
    def deadline_display(self):
        """The deadline in one short Dutch line for pages: the due date, or what it waits for."""
        waiting_for = self.waiting_for
        if waiting_for is not None:
            if self.expected_event_date:
                return _("waiting for %(event)s (expected %(date)s)") % {
                    "event": waiting_for,
                    "date": formats.date_format(self.expected_event_date),
                }
            return _("waiting for %(event)s") % {"event": waiting_for}
        if self.due_date:
            return formats.date_format(self.due_date)
        if self.deadline_anchor == self.Anchor.VAGUE:
            return _("no date (vague: %(phrase)s)") % {"phrase": self.deadline_phrase}
        return _("no date")

    def clean(self):
        errors = {}
        if self.office_id and self.bewindspersoon_id and self.office.person_id != self.bewindspersoon_id:
            errors["office"] = _("This office is held by someone else than the bewindspersoon.")
        if self.office_id and self.made_on and not self.office.covers(self.made_on):
            errors["office"] = _("This office was not held on the date the commitment was made.")
        if self.kind == self.Kind.MOTIE and not self.motion_id:
            errors["motion"] = _("A motion obligation must name the motion it carries out.")
        if self.kind == self.Kind.TOEZEGGING and self.motion_id:
            errors["motion"] = _("Only a motion obligation names a motion; choose kind 'motion'.")
        if self.due_date and self.due_date_earliest and self.due_date < self.due_date_earliest:
            errors["due_date"] = _("The due date cannot precede the earliest date.")
        if errors:
            raise ValidationError(errors)


class CommitmentRecipient(models.Model):
    """To whom a commitment was made: a member (with the fractie at that time) and/or a fractie."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        Person, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments_received",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("promised to")
        verbose_name_plural = _("promised to")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(party__isnull=False),
                name="recipient_names_member_or_party",
                violation_error_message=_("Name a member, a party or both."),
            )
        ]

    def __str__(self):
        if self.person_id and self.party_id:
            return f"{self.person} ({self.party})"
        return str(self.person or self.party)


class CommitmentRelation(models.Model):
    Kind = RelationKind

    from_commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="relations_from")
    to_commitment = models.ForeignKey(
        Commitment, verbose_name=_("other commitment"), on_delete=models.CASCADE, related_name="relations_to"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices, default=Kind.FOLLOW_UP)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["from_commitment", "to_commitment", "kind"], name="relation_once"),
            models.CheckConstraint(
                condition=~Q(from_commitment=models.F("to_commitment")),
                name="relation_not_to_itself",
                violation_error_message=_("A commitment cannot relate to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_commitment_id} {self.get_kind_display()} {self.to_commitment_id}"


class Closure(models.Model):
    """A letter (or other paper) that fulfils a commitment, fully or partly."""

    Fulfilment = Fulfilment

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="closures"
    )
    document = models.ForeignKey(Document, verbose_name=_("letter"), on_delete=models.PROTECT, related_name="closures")
    fulfilment = models.CharField(_("fulfils"), max_length=20, choices=Fulfilment.choices, default=Fulfilment.FULL)
    closed_on = models.DateField(
        _("date"), help_text=_("Usually the letter's date."), validators=[clock.validate_date_in_range]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["closed_on", "pk"]
        verbose_name = _("closing letter")
        verbose_name_plural = _("closing letters")
        indexes = [
            models.Index(fields=["closed_on"]),
            # The date of a commitment's last full letter (`fulfilled_on`) from the index alone.
            models.Index(
                fields=["commitment", "closed_on"],
                name="closure_full_by_commitment",
                condition=Q(fulfilment=Fulfilment.FULL),
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["commitment", "document"], name="closure_once_per_letter")]

    def __str__(self):
        return f"{self.document.citation} ({self.get_fulfilment_display()})"

    @property
    def is_full(self) -> bool:
        return self.fulfilment == Fulfilment.FULL

    def clean(self):
        if self.commitment_id and self.document_id:
            error = closure_date_error(self.commitment, self.document)
            if error:
                raise ValidationError({"document": error})


class DeadlineChange(models.Model):
    """One entry of a commitment's deadline history. A due date is never silently changed."""

    Source = DeadlineSource

    # PROTECT: the deadline history outlives nothing it describes (commitments are archived, not deleted).
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="deadline_changes")
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_due_date = models.DateField(_("old due date"), null=True, blank=True)
    new_due_date = models.DateField(_("new due date"), null=True, blank=True)
    phrase = models.CharField(_("deadline as said"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline history")

    def __str__(self):
        return f"{self.old_due_date or '—'} → {self.new_due_date or '—'}"

    @property
    def public_reason(self) -> str:
        """The reason as the public pages show it: the engine's explanations always, a clerk's
        typed reason (admin, rappel screen) only when TRACKER_PUBLISH_STAFF_REASONS is on."""
        if self.source in DeadlineSource.with_staff_reasons() and not settings.TRACKER_PUBLISH_STAFF_REASONS:
            return ""
        return self.reason
