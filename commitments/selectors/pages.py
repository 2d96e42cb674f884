"""Read queries for the public pages.

Views call these and stay thin; the rules themselves (open, overdue, on time) live on
`CommitmentQuerySet`, and these functions only combine them. Every function that feeds
a list takes `today` explicitly (the view asks `clock.today()` once), so one request computes
every figure for one day.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from .. import citations
from ..models import (
    PLENARY,
    SOONEST_DUE_FIRST,
    SOONEST_DUE_FIRST_SORTED,
    Activity,
    Closure,
    Commitment,
    CommitmentRecipient,
    CommitmentRelation,
    CommitmentStatus,
    Committee,
    DeadlineChange,
    DeadlineSource,
    Document,
    Dossier,
    Fulfilment,
    Ministry,
    Motion,
    MotionSigner,
    MotionStatusChange,
    Office,
    Person,
    Scorecard,
    Vote,
    VoteChoice,
)

# What a row of `_commitment_table.html` shows besides the commitment's own columns: who made it,
# the ministry, the committee, and what an event deadline waits for (`deadline_display`).
TABLE_RELATIONS = ("bewindspersoon", "ministry", "committee", "expected_series", "expected_activity")


def commitment_rows(today):
    """Commitments with every relation a row of the API or the CSV names, in a fixed number of
    queries, soonest due first."""
    return (
        Commitment.objects.for_display(today)
        .select_related("expected_series", "expected_activity")
        .order_by(*SOONEST_DUE_FIRST)
    )


def commitment_order(today):
    """The commitments the list filters and sorts, soonest due first: no joins, only the annotations
    a sort may name (`overdue_by`). `ListPaginator` reads ids from it, then `table_rows` for one page."""
    return Commitment.objects.with_overdue(today).order_by(*SOONEST_DUE_FIRST)


def table_rows(today):
    """Commitments as `_commitment_table.html` shows them, soonest due first, in a fixed number of
    queries: five joins (the 14 of `for_display` cost more to plan than to run at a million rows),
    the overdue and fulfilment annotations, and the recipients in one more query."""
    return (
        Commitment.objects.with_overdue(today)
        .with_fulfilled_on()
        .select_related(*TABLE_RELATIONS)
        .prefetch_related(
            Prefetch("recipients", queryset=CommitmentRecipient.objects.select_related("person", "party"))
        )
        .order_by(*SOONEST_DUE_FIRST)
    )


# --------------------------------------------------------------------------- counting and paging

# Lists count their rows up to this many and say "more than 10,000" beyond it, and page numbers
# reach as far (400 pages of 25). An exact count of a million rows costs more than the page
# itself, and nobody reads past page 400: they filter, sort the other way or download the CSV.
COUNT_LIMIT = 10_000


def bounded_count(queryset, limit=None):
    """How many rows `queryset` has, or `limit + 1` when it has more than `limit` (default
    COUNT_LIMIT): one query that reads at most `limit + 1` ids."""
    limit = COUNT_LIMIT if limit is None else limit
    return queryset.order_by().values("pk")[: limit + 1].count()


def first_of_each(parts, limit):
    """The ids of the first `limit` rows of each of `parts` (querysets of one model, each ordered as an
    index reads it), as one subquery: for an order that is one part after another ("the overdue rows by
    due date, then the others by id"), the first `limit` rows of the whole are among these, which a
    query then sorts, instead of sorting every row by an expression no index gives.

    Each part is a plain `pk IN (… LIMIT n)`, so that the union needs no ORDER BY or LIMIT of its own
    (SQLite refuses those in a compound statement).
    """
    firsts = [
        part.model._base_manager.filter(pk__in=part.values("pk")[:limit]).order_by().values("pk") for part in parts
    ]
    return firsts[0].union(*firsts[1:], all=True) if len(firsts) > 1 else firsts[0]


class ListPaginator(Paginator):
    """Pages of a list in a fixed number of queries whatever the data size.

    `queryset` decides the rows and their order; only their ids are read for a page (the filters,
    the sort and the OFFSET run on narrow indexes, without joins), then `rows` loads that page's
    rows by id with everything the template shows. The count stops at `limit` (see COUNT_LIMIT):
    `count` is then `limit`, `more` is true and the last page is the one holding row `limit`.

    `parts`: when the order is one part after another, each read in order by an index (see
    `first_of_each` and `CommitmentFilter.order_in_parts`), a page is sorted from the first rows of
    each part up to its last row instead of from every row.
    """

    def __init__(self, queryset, per_page, rows, limit=None, parts=None):
        super().__init__(queryset.values_list("pk", flat=True), per_page)
        self.rows = rows
        self.limit = COUNT_LIMIT if limit is None else limit
        self.parts = parts

    @cached_property
    def _counted(self):
        return bounded_count(self.object_list, self.limit)

    @cached_property
    def count(self):
        return min(self._counted, self.limit)

    @property
    def more(self):
        """More rows than `limit` match (the count and the pages stop there)."""
        return self._counted > self.limit

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list
        if self.parts:
            ids = ids.filter(pk__in=first_of_each(self.parts, top))
        return self._get_page(ids[bottom:top], number, self)

    def _get_page(self, ids, number, paginator):
        ids = list(ids)
        by_pk = self.rows.in_bulk(ids) if ids else {}
        return Page([by_pk[pk] for pk in ids if pk in by_pk], number, paginator)


# --------------------------------------------------------------------------- one commitment


@dataclass(frozen=True)
class TimelineEvent:
    """One step in a commitment's life: made, rescheduled, partly answered, fulfilled, lapsed.

    `date` is the date the step happened in parliament (the letter's date for a closure), not
    the day a clerk entered it; None when the papers do not give it. `status` is the status the
    commitment had after the step, or "" when the step did not change it.
    """

    date: datetime.date | None
    kind: str
    status: str
    label: str
    document: Document | None = None
    detail: str = ""


# Kinds of timeline step (templates choose the words; these are not statuses).
MADE, RESCHEDULED, ANSWERED, LAPSED = "made", "rescheduled", "answered", "lapsed"


def commitment_timeline(commitment):
    """The commitment's steps in date order: made → rescheduled → partly answered → closed.

    Closures are dated by their letter; the status after each letter follows the closing rule
    (a full letter fulfils, a partial one partly fulfils). Uses the prefetched closures and
    deadline changes of `commitment_detail`, plus one query on the history for lapsing.
    """
    made_on = commitment.made_on or (commitment.source_activity.date if commitment.source_activity_id else None)
    events = [TimelineEvent(made_on, MADE, CommitmentStatus.OPENSTAAND, _status_label(CommitmentStatus.OPENSTAAND))]
    for change in commitment.deadline_changes.all():
        if change.old_due_date is None:
            continue  # the first derivation is the deadline itself, not a change
        events.append(
            TimelineEvent(
                change.changed_at.date(),
                RESCHEDULED,
                "",
                change.get_source_display(),
                # The public page: a reason typed by staff only when it may be published.
                detail=f"{change.public_reason} ({change.old_due_date:%d-%m-%Y} → {change.new_due_date:%d-%m-%Y})".lstrip()
                if change.new_due_date
                else change.public_reason,
            )
        )
    status = CommitmentStatus.OPENSTAAND
    for closure in sorted(commitment.closures.all(), key=lambda c: (c.closed_on, c.pk)):
        if closure.is_full:
            status = CommitmentStatus.VOLDAAN
        elif status != CommitmentStatus.VOLDAAN:
            status = CommitmentStatus.DEELS_VOLDAAN
        events.append(
            TimelineEvent(closure.closed_on, ANSWERED, status, _status_label(status), closure.document, closure.note)
        )
    if commitment.status == CommitmentStatus.VERVALLEN:
        lapsed_at = (
            commitment.history.filter(status=CommitmentStatus.VERVALLEN)
            .order_by("history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        events.append(
            TimelineEvent(
                lapsed_at.date() if lapsed_at else None,
                LAPSED,
                CommitmentStatus.VERVALLEN,
                _status_label(CommitmentStatus.VERVALLEN),
                detail=commitment.status_note,
            )
        )
    first, rest = events[0], events[1:]
    rest.sort(key=lambda e: (e.date is None, e.date or datetime.date.min))
    return [first, *rest]


def status_history(commitment):
    """The steps of the timeline that changed the status, dated by the letter that changed it."""
    changes, previous = [], None
    for event in commitment_timeline(commitment):
        if event.status and event.status != previous:
            changes.append(event)
            previous = event.status
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
            "ministry__successor",
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

# Pages about a paper, person, dossier or body show at most this many rows per list: one page of
# the full list, which is one link away ("see them all in the list") and goes on from there with
# the same order, page numbers, count and CSV. 25 rows also keep a second list (open, not overdue;
# a dossier's motions and papers) within reach below the first, and the page quick at 1M rows.
SHORTLIST_LIMIT = 25
# A shortlist counts its rows up to this many ("first 25 of more than 1,000"): the full list, one
# link away, counts further. Counting 10,000 rows of a ministry cost 25 ms of its page at 1M.
SHORTLIST_COUNT_LIMIT = 1_000


class Shortlist:
    """The first `limit` rows of a queryset and how many there are in all (one COUNT, only if cut;
    counted up to SHORTLIST_COUNT_LIMIT, `more` beyond it).

    `first`: the same rows in the same order, narrowed to a set that holds the first `limit + 1`
    (see `first_of_each`), read instead of `queryset` for the rows; `queryset` is still counted.
    `total`: how many rows `queryset` has, when the caller knows it already (a scorecard): exact,
    and nothing is counted.
    """

    def __init__(self, queryset, limit=SHORTLIST_LIMIT, first=None, total=None, counted=None):
        self.rows = list((queryset if first is None else first)[: limit + 1])
        self.truncated = len(self.rows) > limit
        if self.truncated:
            self.rows = self.rows[:limit]
        if total is not None:
            self.more, self.total = False, total
            return
        if counted is None:  # else: the caller's `bounded_count(queryset, SHORTLIST_COUNT_LIMIT)`
            counted = bounded_count(queryset, SHORTLIST_COUNT_LIMIT) if self.truncated else len(self.rows)
        self.more = counted > SHORTLIST_COUNT_LIMIT
        self.total = min(counted, SHORTLIST_COUNT_LIMIT)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def document_detail(identifier, today):
    """A paper, what was promised in it (or in the debate it reports), and what it closed."""
    document = get_object_or_404(
        Document.objects.select_related("dossier", "ministry", "series", "motion"), identifier=identifier
    )
    # The debates this paper reports, read first: an OR across the join to activities cannot use
    # an index and walks every commitment; on the commitment's own columns it is two index lookups.
    debates = list(Activity.objects.filter(report=document).values_list("pk", flat=True))
    promised = Shortlist(table_rows(today).filter(Q(source_document=document) | Q(source_activity__in=debates)))
    closed_fully = Closure.objects.filter(commitment=OuterRef("pk"), document=document, fulfilment=Fulfilment.FULL)
    closed = Shortlist(
        table_rows(today).filter(closures__document=document).annotate(closed_fully=Exists(closed_fully))
    )
    about = Shortlist(table_rows(today).filter(motions_concerned__document=document))
    return document, promised, closed, about


def dossier_by_slug(slug):
    try:
        number, suffix = citations.parse_dossier(slug)
    except citations.CitationError:
        raise Http404("No such dossier.") from None
    return get_object_or_404(Dossier, number=number, suffix=suffix)


def dossier_detail(slug, today):
    dossier = dossier_by_slug(slug)
    commitments = Shortlist(table_rows(today).filter(dossier=dossier))
    documents = Shortlist(dossier.documents.select_related("dossier").order_by("ondernummer", "pk"))
    motions = Motion.objects.filter(document__dossier=dossier).select_related("document__dossier", "obligation")
    # A motion reaches its dossier only through its paper. For a big dossier the newest-first index
    # soon passes its newest motions; for a small one it would walk most of the index (40 ms among
    # 100,000 motions) where sorting its few motions, found through its papers, takes one.
    counted = bounded_count(motions, SHORTLIST_COUNT_LIMIT)
    few = counted <= SHORTLIST_COUNT_LIMIT
    motions = Shortlist(
        motions.order_by(*NEWEST_FIRST), first=motions.order_by(*NEWEST_FIRST_SORTED) if few else None, counted=counted
    )
    return dossier, commitments, documents, motions


@dataclass(frozen=True)
class DossierEvent:
    """One dated step in a dossier: a paper, a promise made, or a letter answering one."""

    date: datetime.date
    kind: str  # PAPER, MADE or ANSWERED
    document: Document | None = None
    commitment: Commitment | None = None
    full: bool = False


PAPER = "paper"
DOSSIER_TIMELINE_LIMIT = 60


def dossier_timeline(dossier, limit=DOSSIER_TIMELINE_LIMIT):
    """The dossier's latest dated steps, newest first, in three queries whatever its size."""
    papers = dossier.documents.filter(date__isnull=False).select_related("dossier").order_by("-date")[:limit]
    made = dossier.commitments.filter(made_on__isnull=False).order_by("-made_on")[:limit]
    answered = (
        Closure.objects.filter(commitment__dossier=dossier)
        .select_related("commitment", "document__dossier")
        .order_by("-closed_on")[:limit]
    )
    events = [DossierEvent(d.date, PAPER, document=d) for d in papers]
    events += [DossierEvent(c.made_on, MADE, commitment=c) for c in made]
    events += [
        DossierEvent(c.closed_on, ANSWERED, document=c.document, commitment=c.commitment, full=c.is_full)
        for c in answered
    ]
    events.sort(key=lambda e: e.date, reverse=True)
    return events[:limit]


# --------------------------------------------------------------------------- indexes


# The motions index's order (an index on PostgreSQL, migration 0008). `NEWEST_FIRST_SORTED` is the
# same order as a key no index gives, so that PostgreSQL finds the rows a filter selects first and
# sorts them (see SOONEST_DUE_FIRST_SORTED).
NEWEST_FIRST = (F("filed_on").desc(nulls_last=True), "-pk")
NEWEST_FIRST_SORTED = (Coalesce("filed_on", Value(datetime.date.min)).desc(), "-pk")


def motion_order():
    """The motions the index filters, newest first, without joins or annotations (`ListPaginator`
    reads one page's ids from it, then `motion_rows`)."""
    return Motion.objects.order_by(*NEWEST_FIRST)


def motion_rows():
    """Motions as the index lists them, newest first, in a fixed number of queries: with the date of
    their status and the seats for and against of their latest decision with votes."""
    return (
        Motion.objects.select_related("document__dossier", "obligation")
        .prefetch_related(Prefetch("signers", queryset=MotionSigner.objects.select_related("person", "party")))
        .with_status_date()
        .with_vote_totals()
        .order_by(*NEWEST_FIRST)
    )


@dataclass(frozen=True)
class PartyVotes:
    """A party's seats per choice in one decision (a party vote has one choice; a roll call may split)."""

    party: str
    seats_for: int
    seats_against: int
    seats_absent: int
    mistake: bool


@dataclass(frozen=True)
class DecisionVotes:
    """One decision of a motion's course with its votes, tallied for the page."""

    decision: MotionStatusChange
    parties: list[PartyVotes]
    seats_for: int
    seats_against: int
    seats_absent: int
    # A roll call: (choice label, [votes of members]) per choice; empty for a party vote.
    roll_call: list[tuple[str, list[Vote]]]

    @property
    def scale(self) -> int:
        """The width the bars are drawn against: the Kamer's 150 seats, or more should the votes say so."""
        return max(150, self.seats_for + self.seats_against + self.seats_absent)


def _voter_party(vote) -> str:
    if vote.party_id:
        return vote.party.abbreviation
    if vote.person_id and vote.person.party_id and not vote.party_name:
        return vote.person.party.abbreviation
    return vote.party_name or vote.actor_name


def tally_votes(decision) -> DecisionVotes:
    """Per party and in total, from the decision's prefetched votes (`Vote.seat_count`: the rule of
    `VoteQuerySet.seats`, which the lists aggregate in SQL)."""
    votes = list(decision.votes.all())
    per_party: dict[str, dict] = {}
    totals = {VoteChoice.VOOR: 0, VoteChoice.TEGEN: 0, VoteChoice.NIET_DEELGENOMEN: 0}
    for vote in votes:
        row = per_party.setdefault(_voter_party(vote), {**dict.fromkeys(totals, 0), "mistake": False})
        row[vote.choice] = row.get(vote.choice, 0) + vote.seat_count
        row["mistake"] = row["mistake"] or vote.mistake
        totals[vote.choice] = totals.get(vote.choice, 0) + vote.seat_count
    parties = [
        PartyVotes(name, row[VoteChoice.VOOR], row[VoteChoice.TEGEN], row[VoteChoice.NIET_DEELGENOMEN], row["mistake"])
        for name, row in per_party.items()
    ]
    parties.sort(key=lambda p: (-(p.seats_for + p.seats_against + p.seats_absent), p.party))
    members = [vote for vote in votes if vote.person_id]
    roll_call = [
        (choice.label, [vote for vote in members if vote.choice == choice])
        for choice in VoteChoice
        if any(vote.choice == choice for vote in members)
    ]
    return DecisionVotes(
        decision,
        parties,
        totals[VoteChoice.VOOR],
        totals[VoteChoice.TEGEN],
        totals[VoteChoice.NIET_DEELGENOMEN],
        roll_call,
    )


def motion_detail(identifier, today):
    """A motion by its identifier (Kamerstuk or Zaak number, any case), with its course and votes."""
    votes = Vote.objects.select_related("party", "person__party").order_by("actor_name", "pk")
    motion = get_object_or_404(
        Motion.objects.select_related("document__dossier", "activity", "committee", "replaced_by__document__dossier")
        .prefetch_related(
            Prefetch("signers", queryset=MotionSigner.objects.select_related("person", "party")),
            Prefetch(
                "status_changes",
                queryset=MotionStatusChange.objects.prefetch_related(Prefetch("votes", queryset=votes)),
            ),
            Prefetch("replaces", queryset=Motion.objects.select_related("document__dossier")),
        )
        .identified_by(identifier),
    )
    course = [(change, tally_votes(change)) for change in motion.status_changes.all()]
    obligation = (
        table_rows(today)
        .prefetch_related(Prefetch("closures", queryset=Closure.objects.select_related("document__dossier")))
        .filter(motion=motion)
        .first()
    )
    about = Shortlist(table_rows(today).filter(motions_concerned=motion))
    return motion, course, obligation, about


def person_detail(pk, today):
    person = get_object_or_404(Person.objects.select_related("party"), pk=pk)
    made = Shortlist(table_rows(today).filter(bewindspersoon=person))
    received = Shortlist(
        table_rows(today)
        .filter(Exists(CommitmentRecipient.objects.filter(commitment=OuterRef("pk"), person=person)))
        .order_by(*SOONEST_DUE_FIRST_SORTED)
    )
    offices = person.offices.select_related("ministry").order_by(F("start").desc(nulls_last=True), "pk")
    # Newest first, as a key no index gives: the signer's motions are sorted, not found by walking
    # every motion newest first (seconds for someone who signed none; see SOONEST_DUE_FIRST_SORTED).
    signings = MotionSigner.objects.filter(person=person)
    signed_rows = signings.select_related("motion__document__dossier", "party").order_by(
        Coalesce("motion__filed_on", Value(datetime.date.min)).desc(), "-motion_id"
    )
    # The first ones chosen without the join: each signing's date read by its motion's id. Joined,
    # PostgreSQL hashed every motion in parallel workers for the 1,300 signings it expects of anyone
    # (20-40 ms a page, none signed or 1,300), where reading the dates of a member's own is 3-15 ms.
    filed_on = Subquery(Motion.all_objects.filter(pk=OuterRef("motion_id")).order_by().values("filed_on")[:1])
    first = signings.order_by(Coalesce(filed_on, Value(datetime.date.min)).desc(), "-motion_id")
    signed = Shortlist(signed_rows, first=signed_rows.filter(pk__in=first.values("pk")[: SHORTLIST_LIMIT + 1]))
    return person, made, received, offices, signed


@dataclass(frozen=True)
class BodyOverview:
    """A ministry's or committee's scorecard (from the cached figures: `figures.scorecard_of`) and
    its open and overdue commitments, shortlisted and counted by that scorecard."""

    scorecard: Scorecard
    overdue: Shortlist
    open_not_overdue: Shortlist


def _body_overview(condition, today, scorecard):
    rows = table_rows(today).filter(condition)
    # Open and not overdue, soonest due first, is the rows due from today on in date order, then
    # the undated ones by id: two walks of the body's `(…, due_date, id)` index, each stopping after
    # a shortlist. Sorting all of them instead read 7,500 undated rows of a ministry (20-30 ms).
    open_rows = Commitment.objects.filter(condition).open()
    first = first_of_each(
        [
            open_rows.filter(due_date__gte=today).order_by(*SOONEST_DUE_FIRST),
            open_rows.filter(due_date__isnull=True).order_by(*SOONEST_DUE_FIRST),
        ],
        SHORTLIST_LIMIT + 1,
    )
    open_not_overdue = rows.open_not_overdue(today).order_by(*SOONEST_DUE_FIRST)
    # The scorecard's overdue and open (not overdue) are these rows, counted once per data version:
    # the shortlists say how many exactly without counting again (up to 1,000: 5-10 ms each at 1M).
    return BodyOverview(
        scorecard=scorecard,
        overdue=Shortlist(rows.overdue(today).order_by("due_date", "pk"), total=scorecard.overdue),
        open_not_overdue=Shortlist(open_not_overdue, first=open_not_overdue.filter(pk__in=first), total=scorecard.open),
    )


def ministry_detail(abbreviation, today, scorecard_of):
    """A ministry's overview; `scorecard_of(pk)` gives its scorecard (`figures.scorecard_of`)."""
    ministry = get_object_or_404(Ministry, abbreviation=abbreviation)
    return ministry, _body_overview(Q(ministry=ministry), today, scorecard_of(ministry.pk))


def committee_detail(abbreviation, today, scorecard_of):
    """A committee's overview; the abbreviation "plenair" is the plenary bucket (committee None).
    `scorecard_of(pk)` gives its scorecard (`figures.scorecard_of`; None: the plenary)."""
    committee = Committee.objects.filter(abbreviation=abbreviation).first()
    if committee is not None:
        return committee, _body_overview(Q(committee=committee), today, scorecard_of(committee.pk))
    if abbreviation.lower() == PLENARY:
        return None, _body_overview(Q(committee__isnull=True), today, scorecard_of(None))
    raise Http404("No such committee.")


# --------------------------------------------------------------------------- responsibility now


@dataclass(frozen=True)
class Responsibility:
    """Who answers for a commitment today: the current ministry and the office holder there."""

    ministry: Ministry | None
    office: Office | None


def responsible_now(commitment, today):
    """The holder today of the office that made the commitment, at its (successor) ministry.

    The same function at the current ministry, preferring the same title ("staatssecretaris van
    VWS"); None when nobody else holds it now (the one who promised is still in office, or the
    ministry is unknown).
    """
    if commitment.ministry_id is None:
        return None
    ministry = commitment.ministry.current
    offices = Office.objects.held_on(today).filter(ministry=ministry).select_related("person")
    if commitment.office_id:
        offices = offices.filter(function=commitment.office.function)
    candidates = list(offices.order_by("pk"))
    same_title = [o for o in candidates if commitment.office_id and o.title == commitment.office.title]
    office = (same_title or candidates or [None])[0]
    if office is not None and office.person_id == commitment.bewindspersoon_id and ministry == commitment.ministry:
        return None
    if office is None and ministry == commitment.ministry:
        return None
    return Responsibility(ministry=ministry, office=office)


def last_override(commitment):
    """The deadline change that set the due date by hand most recently (prefetched changes)."""
    by_hand = [c for c in commitment.deadline_changes.all() if c.source in DeadlineSource.by_hand()]
    return by_hand[-1] if by_hand else None
