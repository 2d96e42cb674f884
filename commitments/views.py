"""Public pages: read-only, plain HTML, every view a shareable GET URL.

Views stay thin: they take today's date from `clock.today()`, ask a selector for the rows
and render a template. The rules live on the querysets; the queries in `selectors.pages`, the
dashboard's and the index pages' figures (counted once per data version) in `selectors.figures`.
"""

from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import clock
from .filters import OPEN, CommitmentListFilter, MotionListFilter
from .models import ON_TIME_DEFINITION, PLENARY, DigestFrequency, SubscriptionKind
from .pagecache import cached_for_visitors
from .selectors import figures
from .selectors import pages as selectors

PAGE_SIZE = 25


def _query(**params):
    """A query string for a link to the filtered list (lists become repeated parameters)."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            query.setlist(key, [str(item) for item in value])
        else:
            query[key] = str(value)
    return query.urlencode()


def _body_queries(**body):
    """Links from a ministry's or committee's page to its rows in the list."""
    return {
        "list_query": _query(**body),
        "overdue_query": _query(overdue="true", **body),
        "open_not_overdue_query": _query(status=OPEN, overdue="false", **body),
    }


@require_safe
@cached_for_visitors
def dashboard(request):
    today = clock.today()
    board = figures.dashboard(today)
    counts = board.counts
    links = {
        "open": _query(status=OPEN),
        "overdue": _query(overdue="true", sort="-days_late"),
        "due_soon": _query(status=OPEN, due_after=today.isoformat(), due_before=counts.due_soon_until.isoformat()),
        "closed_recently": _query(closed_after=counts.closed_since.isoformat()),
    }
    return render(
        request,
        "commitments/dashboard.html",
        {
            "today": today,
            "counts": counts,
            "links": links,
            "per_ministry": board.per_ministry,
            "per_committee": board.per_committee,
            "most_overdue": board.most_overdue,
            "plenary": PLENARY,
            "scorecard": board.scorecard,
            "on_time_definition": ON_TIME_DEFINITION,
            "charts": board.charts,
        },
    )


@require_safe
@cached_for_visitors
def commitment_list(request):
    today = clock.today()
    filterset = CommitmentListFilter(request.GET, queryset=selectors.commitment_order(today), today=today)
    if not filterset.is_valid():
        # django-filter would quietly show nothing; an invalid URL deserves an explicit answer.
        context = {"filter": filterset, "page_obj": None, "today": today}
        return render(request, "commitments/commitment_list.html", context, status=400)
    paginator = selectors.ListPaginator(
        filterset.qs, PAGE_SIZE, selectors.table_rows(today), parts=filterset.order_in_parts()
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    current_sort = request.GET.get("sort")
    return render(
        request,
        "commitments/commitment_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "today": today,
            # Column headings toggle the direction of the sort they already apply.
            "sort_due": "-due_date" if current_sort == "due_date" else "due_date",
            "sort_made": "made_on" if current_sort == "-made_on" else "-made_on",
            # "Follow this selection" (signed-in users): a digest of these rows by e-mail.
            "selection_kind": SubscriptionKind.SELECTION,
            "frequencies": DigestFrequency.choices,
        },
    )


@require_safe
@cached_for_visitors
def commitment_detail(request, pk):
    today = clock.today()
    commitment = selectors.commitment_detail(pk, today)
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "status_history": selectors.status_history(commitment),
            "today": today,
            "is_following": request.user.is_authenticated and commitment.follows.filter(user=request.user).exists(),
            "timeline": selectors.commitment_timeline(commitment),
            "responsible_now": selectors.responsible_now(commitment, today),
            "last_override": selectors.last_override(commitment),
        },
    )


@require_safe
@cached_for_visitors
def document_detail(request, identifier):
    document, promised, closed, about = selectors.document_detail(identifier, clock.today())
    return render(
        request,
        "commitments/document_detail.html",
        {"document": document, "promised": promised, "closed": closed, "about": about},
    )


@require_safe
@cached_for_visitors
def dossier_detail(request, slug):
    dossier, commitments, documents, motions = selectors.dossier_detail(slug, clock.today())
    return render(
        request,
        "commitments/dossier_detail.html",
        {
            "dossier": dossier,
            "commitments": commitments,
            "documents": documents,
            "motions": motions,
            "timeline": selectors.dossier_timeline(dossier),
            "list_query": _query(dossier=dossier.slug),
        },
    )


@require_safe
@cached_for_visitors
def dossier_index(request):
    return render(request, "commitments/dossier_index.html", {"dossiers": figures.dossier_index(clock.today())})


@require_safe
@cached_for_visitors
def ministry_index(request):
    """Scorecards per ministry: by the ministry that promised, or (`?naar=nu`) the one answering now."""
    today = clock.today()
    now = request.GET.get("naar") == "nu"
    return render(
        request,
        "commitments/body_index.html",
        {
            "kind": "ministry",
            "by_current": now,
            "rows": figures.scorecards_per("current_ministry" if now else "ministry", today),
            "on_time_definition": ON_TIME_DEFINITION,
        },
    )


@require_safe
@cached_for_visitors
def committee_index(request):
    today = clock.today()
    return render(
        request,
        "commitments/body_index.html",
        {
            "kind": "committee",
            "rows": figures.scorecards_per("committee", today),
            "on_time_definition": ON_TIME_DEFINITION,
            "plenary": PLENARY,
        },
    )


@require_safe
@cached_for_visitors
def person_index(request):
    made, members = figures.person_index(clock.today())
    return render(request, "commitments/person_index.html", {"made": made, "members": members})


@require_safe
@cached_for_visitors
def motion_index(request):
    """Every motion, filtered like the motions export (status, dossier, filed between)."""
    filterset = MotionListFilter(request.GET, queryset=selectors.motion_order(), request=request)
    if not filterset.is_valid():
        return render(request, "commitments/motion_index.html", {"filter": filterset, "page_obj": None}, status=400)
    paginator = selectors.ListPaginator(filterset.qs, PAGE_SIZE, selectors.motion_rows())
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "commitments/motion_index.html", {"filter": filterset, "page_obj": page_obj})


@require_safe
@cached_for_visitors
def motion_detail(request, identifier):
    motion, course, obligation, about = selectors.motion_detail(identifier, clock.today())
    return render(
        request,
        "commitments/motion_detail.html",
        {"motion": motion, "course": course, "obligation": obligation, "about": about},
    )


@require_safe
@cached_for_visitors
def person_detail(request, pk):
    today = clock.today()
    person, made, received, offices, signed = selectors.person_detail(pk, today)
    return render(
        request,
        "commitments/person_detail.html",
        {
            "person": person,
            "made": made,
            "received": received,
            "offices": offices,
            "signed": signed,
            "scorecard": figures.scorecard_of("bewindspersoon", person.pk, today) if made else None,
            "on_time_definition": ON_TIME_DEFINITION,
            "list_query": _query(bewindspersoon=person.pk),
        },
    )


@require_safe
@cached_for_visitors
def ministry_detail(request, abbreviation):
    today = clock.today()
    ministry, overview = selectors.ministry_detail(
        abbreviation, today, lambda pk: figures.scorecard_of("ministry", pk, today)
    )
    return render(
        request,
        "commitments/body_detail.html",
        {
            "body_name": ministry.name,
            "body_abbreviation": ministry.abbreviation,
            "overview": overview,
            "scorecard": overview.scorecard,
            "on_time_definition": ON_TIME_DEFINITION,
            **_body_queries(ministry=ministry.abbreviation),
        },
    )


@require_safe
@cached_for_visitors
def committee_detail(request, abbreviation):
    today = clock.today()
    committee, overview = selectors.committee_detail(
        abbreviation, today, lambda pk: figures.scorecard_of("committee", pk, today)
    )
    return render(
        request,
        "commitments/body_detail.html",
        {
            "body_name": committee.name if committee else None,
            "body_abbreviation": committee.abbreviation if committee else None,
            "is_plenary": committee is None,
            "overview": overview,
            "scorecard": overview.scorecard,
            "on_time_definition": ON_TIME_DEFINITION,
            **_body_queries(committee=committee.abbreviation if committee else PLENARY),
        },
    )
