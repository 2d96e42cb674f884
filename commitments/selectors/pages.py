"""Read queries for the public pages.

Views call these and stay thin; the rules themselves (open, overdue, on time) live on
`CommitmentQuerySet`, and these functions only combine them. Every function that feeds
a list takes `today` explicitly (the view asks `clock.today()` once), so one request computes
every figure for one day.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import citations
from ..models import (
    PLENARY,
    Closure,
    Commitment,
    CommitmentRecipient,
    CommitmentRelation,
    CommitmentStatus,
    Committee,
    DeadlineChange,
    Document,
    Dossier,
    Fulfilment,
    Ministry,
    Motion,
    MotionSigner,
    OnTimeFigures,
    Person,
)

DUE_SOON_DAYS = 30
RECENTLY_CLOSED_DAYS = 30
MOST_OVERDUE_COUNT = 10


def commitment_rows(today):
    """Commitments as list rows show them, in a fixed number of queries, soonest due first.

    Rows without a due date come last on every database.
    """
    return (
        Commitment.objects.for_display(today)
        .select_related("expected_series", "expected_activity")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


# --------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class DashboardCounts:
    open: int
    overdue: int
    due_soon: int
    closed_recently: int
    today: datetime.date

    @property
    def due_soon_until(self):
        return self.today + datetime.timedelta(days=DUE_SOON_DAYS)

    @property
    def closed_since(self):
        return self.today - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)


def dashboard_counts(today):
    """The dashboard's four figures, each one the queryset rule the list filter applies too."""
    commitments = Commitment.objects.all()
    closed_since = today - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    return DashboardCounts(
        open=commitments.open().count(),
        overdue=commitments.overdue(today).count(),
        due_soon=commitments.due_within(DUE_SOON_DAYS, today).count(),
        closed_recently=commitments.fulfilled_since(closed_since).count(),
        today=today,
    )


def _overdue_per(relation, today):
    """Rows of {abbreviation, name, count} of overdue commitments per ministry or committee."""
    return list(
        Commitment.objects.overdue(today)
        .values(abbreviation=F(f"{relation}__abbreviation"), name=F(f"{relation}__name"))
        .annotate(count=Count("pk"))
        .order_by("-count", "abbreviation")
    )


def overdue_per_ministry(today):
    """Most overdue first; abbreviation None: commitments without a ministry."""
    return _overdue_per("ministry", today)


def overdue_per_committee(today):
    """Most overdue first; abbreviation None is the plenary bucket ("Plenair")."""
    return _overdue_per("committee", today)


def most_overdue(today, limit=MOST_OVERDUE_COUNT):
    return commitment_rows(today).overdue(today).order_by("due_date", "pk")[:limit]


# --------------------------------------------------------------------------- one commitment


@dataclass(frozen=True)
class StatusChange:
    date: datetime.datetime
    status: str
    label: str


def status_history(commitment):
    """The dates on which the commitment's status changed, oldest first (from its audit history)."""
    changes = []
    previous = None
    records = commitment.history.order_by("history_date", "history_id").values_list("history_date", "status")
    for history_date, status in records:
        if status != previous:
            changes.append(StatusChange(history_date, status, _status_label(status)))
            previous = status
    return changes


def _status_label(status):
    try:
        return CommitmentStatus(status).label
    except ValueError:
        return status


def commitment_detail(pk, today):
    """One commitment with everything its page shows; 404 when it does not exist."""
    queryset = (
        commitment_rows(today)
        .select_related(
            "office__ministry",
            "source_activity__committee",
            "source_activity__report__dossier",
            "motion__replaced_by__document__dossier",
        )
        .prefetch_related(
            Prefetch("deadline_changes", queryset=DeadlineChange.objects.order_by("changed_at", "pk")),
            Prefetch(
                "relations_from",
                queryset=CommitmentRelation.objects.select_related("to_commitment").order_by("pk"),
            ),
            Prefetch(
                "relations_to",
                queryset=CommitmentRelation.objects.select_related("from_commitment").order_by("pk"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


# --------------------------------------------------------------------------- papers, people, bodies

# Pages about a paper, person, dossier or body show at most this many commitments per list;
# the full list is one link away. Keeps those pages quick at 100,000 commitments.
SHORTLIST_LIMIT = 50


class Shortlist:
    """The first `limit` rows of a queryset and how many there are in all (one COUNT, only if cut)."""

    def __init__(self, queryset, limit=SHORTLIST_LIMIT):
        self.rows = list(queryset[: limit + 1])
        self.truncated = len(self.rows) > limit
        if self.truncated:
            self.rows = self.rows[:limit]
        self.total = queryset.count() if self.truncated else len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def document_detail(identifier, today):
    """A paper, what was promised in it (or in the debate it reports), and what it closed."""
    document = get_object_or_404(
        Document.objects.select_related("dossier", "ministry", "series", "motion"), identifier=identifier
    )
    promised = Shortlist(
        commitment_rows(today).filter(Q(source_document=document) | Q(source_activity__report=document))
    )
    closed_fully = Closure.objects.filter(commitment=OuterRef("pk"), document=document, fulfilment=Fulfilment.FULL)
    closed = Shortlist(
        commitment_rows(today).filter(closures__document=document).annotate(closed_fully=Exists(closed_fully))
    )
    return document, promised, closed


def dossier_by_slug(slug):
    try:
        number, suffix = citations.parse_dossier(slug)
    except citations.CitationError:
        raise Http404("No such dossier.") from None
    return get_object_or_404(Dossier, number=number, suffix=suffix)


def dossier_detail(slug, today):
    dossier = dossier_by_slug(slug)
    commitments = Shortlist(commitment_rows(today).filter(dossier=dossier))
    documents = dossier.documents.select_related("dossier").order_by("ondernummer", "pk")
    motions = Motion.objects.filter(document__dossier=dossier).select_related("document__dossier")
    return dossier, commitments, documents, motions


def motion_detail(identifier, today):
    motion = get_object_or_404(
        Motion.objects.select_related(
            "document__dossier", "activity", "committee", "replaced_by__document__dossier"
        ).prefetch_related(
            Prefetch("signers", queryset=MotionSigner.objects.select_related("person", "party")),
            "status_changes",
            Prefetch("replaces", queryset=Motion.objects.select_related("document__dossier")),
        ),
        document__identifier=identifier,
    )
    obligation = commitment_rows(today).filter(motion=motion).first()
    return motion, obligation


def person_detail(pk, today):
    person = get_object_or_404(Person.objects.select_related("party"), pk=pk)
    made = Shortlist(commitment_rows(today).filter(bewindspersoon=person))
    received = Shortlist(
        commitment_rows(today).filter(
            Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), person=person))
        )
    )
    offices = person.offices.select_related("ministry").order_by(F("start").desc(nulls_last=True), "pk")
    signed = MotionSigner.objects.filter(person=person).select_related("motion__document__dossier", "party")
    return person, made, received, offices, signed


@dataclass(frozen=True)
class BodyOverview:
    """A ministry's or committee's open and overdue commitments and its on-time figures."""

    overdue: Shortlist
    open_not_overdue: Shortlist
    on_time: OnTimeFigures


def _body_overview(condition, today):
    rows = commitment_rows(today).filter(condition)
    return BodyOverview(
        overdue=Shortlist(rows.overdue(today).order_by("due_date", "pk")),
        open_not_overdue=Shortlist(rows.open().not_overdue(today)),
        on_time=Commitment.objects.filter(condition).on_time_figures(),
    )


def ministry_detail(abbreviation, today):
    ministry = get_object_or_404(Ministry, abbreviation=abbreviation)
    return ministry, _body_overview(Q(ministry=ministry), today)


def committee_detail(abbreviation, today):
    """A committee's overview; the abbreviation "plenair" is the plenary bucket (committee None)."""
    committee = Committee.objects.filter(abbreviation=abbreviation).first()
    if committee is not None:
        return committee, _body_overview(Q(committee=committee), today)
    if abbreviation.lower() == PLENARY:
        return None, _body_overview(Q(committee__isnull=True), today)
    raise Http404("No such committee.")
