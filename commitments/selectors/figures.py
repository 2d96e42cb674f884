"""The figures of the dashboard and the index pages: counted in one pass, cached under the data version.

Every count the dashboard, /ministeries/ (by the promising or the answering ministry) and
/commissies/ show comes from one grouped query over `CommitmentFigures` (each commitment with its
fulfilment date), per (ministry, committee) pair; the pages add those rows up in Python. The rules
are the querysets' (`overdue_q`, `due_within_q`, `overdue_on_q`, the scorecard's counts).

Counting takes about a second at a million commitments, so the result is cached
(`selectors.cached`): recomputed after any write to the data or when the day changes, never stale.
A request reads the data version once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ..models import (
    Commitment,
    CommitmentFigures,
    CommitmentQuerySet,
    CommitmentRecipient,
    CommitmentStatus,
    Committee,
    Dossier,
    Ministry,
    MotionSigner,
    Person,
    Scorecard,
)
from ..models.commitment import current_ministry_expression, due_within_q, overdue_on_q, overdue_q
from .cached import READ, cached, current_version
from .pages import commitment_rows

DUE_SOON_DAYS = 30
RECENTLY_CLOSED_DAYS = 30
MOST_OVERDUE_COUNT = 10

# Days-late buckets (upper bound in days, label), for the distribution chart.
LATENESS_BUCKETS = [
    (30, _("up to a month")),
    (182, _("1 to 6 months")),
    (365, _("6 to 12 months")),
    (730, _("1 to 2 years")),
    (None, _("more than 2 years")),
]
OVER_TIME_MONTHS = 12
SCORECARD_FIELDS = ("open", "overdue", "fulfilled_on_time", "fulfilled_late", "fulfilled_undated", "lapsed")


def _month_starts(today, count):
    """The first day of each of the last `count` months, oldest first, ending with today's month."""
    days, year, month = [], today.year, today.month
    for _step in range(count):
        days.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return days[::-1]


def over_time_days(today):
    """The days of the "overdue over the last year" chart: each month's first day, and today."""
    return [*_month_starts(today, OVER_TIME_MONTHS)[1:], today]


def _lateness_conditions(today):
    """One condition per `LATENESS_BUCKETS` entry, on overdue rows."""
    conditions, lower = [], 0
    for upper, _label in LATENESS_BUCKETS:
        condition = Q(due_date__lte=today - datetime.timedelta(days=lower + 1))
        if upper is not None:
            condition &= Q(due_date__gte=today - datetime.timedelta(days=upper))
        conditions.append(condition)
        lower = upper or lower
    return conditions


def _counts(today):
    """The aggregates counted per (ministry, committee): the scorecard's, the dashboard's tiles,
    the days-late buckets and the overdue count on each day of the chart."""
    closed_since = today - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    counts = dict(CommitmentQuerySet._scorecard_counts(today))
    counts["all_open"] = Count("pk", filter=Q(status__in=CommitmentStatus.open_values()))
    counts["due_soon"] = Count("pk", filter=due_within_q(DUE_SOON_DAYS, today))
    # Fulfilled, with a full closing letter dated on or after `closed_since`
    # (`CommitmentQuerySet.fulfilled_since`: the last full letter is the latest of them).
    counts["closed_recently"] = Count("pk", filter=Q(status=CommitmentStatus.VOLDAAN, fulfilled_on__gte=closed_since))
    for index, condition in enumerate(_lateness_conditions(today)):
        counts[f"late{index}"] = Count("pk", filter=overdue_q(today) & condition)
    for index, day in enumerate(over_time_days(today)):
        counts[f"overdue_on{index}"] = Count("pk", filter=overdue_on_q(day))
    return counts


@dataclass(frozen=True)
class Figures:
    """The counts of one day in all, per ministry (promising and answering now) and per committee,
    added up once when counted; and the bodies they name."""

    today: datetime.date
    total: dict[str, int]
    # Per "ministry", "current_ministry", "committee" and "bewindspersoon": counts per id (None: without one).
    per: dict[str, dict[int | None, dict[str, int]]]
    ministries: dict[int, Ministry]
    committees: dict[int, Committee]


def _per(groups, key):
    buckets = defaultdict(list)
    for ministry, committee, person, counts in groups:
        buckets[key(ministry, committee, person)].append(counts)
    return {body: _add(rows) for body, rows in buckets.items()}


def _add(rows) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for counts in rows:
        for name, value in counts.items():
            total[name] += value
    return dict(total)


def _scorecard(counts) -> Scorecard:
    return Scorecard(**{name: counts.get(name, 0) for name in SCORECARD_FIELDS})


def count_figures(today) -> Figures:
    """Count every figure (three queries: the grouped counts, the ministries, the committees)."""
    rows = (
        CommitmentFigures.objects.order_by()
        .values("ministry", "committee", "bewindspersoon")
        .annotate(**_counts(today))
        .order_by("ministry", "committee", "bewindspersoon")
    )
    groups = [(row.pop("ministry"), row.pop("committee"), row.pop("bewindspersoon"), row) for row in rows]
    ministries = {m.pk: m for m in Ministry.objects.annotate(answering=current_ministry_expression(""))}

    def answering(ministry, _committee, _person):
        return ministries[ministry].answering if ministry in ministries else ministry

    return Figures(
        today=today,
        total=_add(counts for _m, _c, _p, counts in groups),
        per={
            "ministry": _per(groups, lambda ministry, _committee, _person: ministry),
            "current_ministry": _per(groups, answering),
            "committee": _per(groups, lambda _ministry, committee, _person: committee),
            "bewindspersoon": _per(groups, lambda _ministry, _committee, person: person),
        },
        ministries=ministries,
        committees={c.pk: c for c in Committee.objects.all()},
    )


def figures(today, *, version=READ) -> Figures:
    """`count_figures`, cached (the numbers are the same in every language)."""
    return cached("figures", lambda: count_figures(today), today=today, version=version, per_language=False)


# --------------------------------------------------------------------------- index pages


def scorecard_of(kind, pk, today, *, version=READ) -> Scorecard:
    """The scorecard of one ministry, committee (None: the plenary) or bewindspersoon ("ministry",
    "committee", "bewindspersoon"), from the cached figures: a body's page costs no count."""
    return _scorecard(figures(today, version=version).per[kind].get(pk, {}))


def scorecards_per(kind, today, *, version=READ):
    """(object or None, scorecard) per ministry ("ministry", or "current_ministry": the one answering
    now) or committee ("committee"), sorted by name; None (without one) last, when there are any."""
    data = figures(today, version=version)
    objects = data.committees if kind == "committee" else data.ministries
    cards = {key: _scorecard(counts) for key, counts in data.per[kind].items()}
    rows = [(obj, cards.get(pk, Scorecard())) for pk, obj in objects.items()]
    rows.sort(key=lambda row: str(row[0]))
    if None in cards:
        rows.append((None, cards[None]))
    return rows


def _overdue_of(relation, today):
    """`overdue_q` across a relation: its one definition, each condition prefixed."""
    return Q(*[(f"{relation}__{lookup}", value) for lookup, value in overdue_q(today).children])


@dataclass(frozen=True)
class IndexRow:
    """A person or dossier on an index page, with its link and counts (cached as they are shown)."""

    name: str
    url: str
    made_count: int = 0
    open_count: int = 0
    overdue_count: int = 0
    party: str = ""  # a member's party abbreviation
    title: str = ""  # a dossier's title


def _person_index(today):
    made = (
        Person.objects.annotate(
            made_count=Count("commitments_made"),
            overdue_count=Count("commitments_made", filter=_overdue_of("commitments_made", today)),
        )
        .filter(made_count__gt=0)
        .order_by("name", "pk")
    )
    members = (
        Person.objects.filter(
            Exists(CommitmentRecipient.objects.filter(person=OuterRef("pk")))
            | Exists(MotionSigner.objects.filter(person=OuterRef("pk")))
        )
        .select_related("party")
        .order_by("name", "pk")
    )
    return (
        [IndexRow(p.name, p.get_absolute_url(), made_count=p.made_count, overdue_count=p.overdue_count) for p in made],
        [IndexRow(p.name, p.get_absolute_url(), party=p.party.abbreviation if p.party else "") for p in members],
    )


def person_index(today):
    """Bewindspersonen (who made commitments, with how many and how many overdue) and members (who
    received them or signed motions), by name; cached."""
    return cached("person-index", lambda: _person_index(today), today=today, per_language=False)


def _dossier_index(today):
    dossiers = Dossier.objects.annotate(
        open_count=Count("commitments", filter=Q(commitments__status__in=CommitmentStatus.open_values())),
        overdue_count=Count("commitments", filter=_overdue_of("commitments", today)),
    ).order_by("number", "suffix")
    return [
        IndexRow(d.slug, d.get_absolute_url(), open_count=d.open_count, overdue_count=d.overdue_count, title=d.title)
        for d in dossiers
    ]


def dossier_index(today):
    """Every dossier with its open and overdue counts (one grouped query); cached."""
    return cached("dossier-index", lambda: _dossier_index(today), today=today, per_language=False)


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


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    fraction: float  # of the longest bar, 0..1


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, drawn as SVG by the template, with the same numbers as a table."""

    id: str
    title: str
    bars: list[Bar]
    value_heading: str

    @property
    def height(self) -> int:
        return 28 * len(self.bars) + 8


def _chart(id, title, value_heading, rows, display=str):
    longest = max((value for _label, value in rows), default=0) or 1
    return Chart(
        id, title, [Bar(label, value, display(value), value / longest) for label, value in rows], value_heading
    )


@dataclass(frozen=True)
class Dashboard:
    counts: DashboardCounts
    scorecard: Scorecard
    per_ministry: list[dict]  # {abbreviation, name, count} of overdue commitments, most first
    per_committee: list[dict]
    most_overdue: list[Commitment]
    charts: list[Chart]


def _overdue_rows(per, bodies):
    """{abbreviation, name, count} of overdue commitments per body, most first; None: without one."""
    rows = [
        {
            "abbreviation": bodies[pk].abbreviation if pk is not None else None,
            "name": bodies[pk].name if pk is not None else None,
            "count": counts["overdue"],
        }
        for pk, counts in per.items()
        if counts["overdue"]
    ]
    rows.sort(key=lambda row: (-row["count"], row["abbreviation"] is None, row["abbreviation"] or ""))
    return rows


def _charts(today, data, per_ministry_cards):
    """Overdue over the last year, days late now, on-time rate per ministry."""
    total = data.total
    rates = [(str(body or _("no ministry recorded")), card.percentage) for body, card in per_ministry_cards]
    return [
        _chart(
            "chart-overdue-over-time",
            _("Overdue commitments over the last year"),
            _("overdue"),
            [
                (formats.date_format(day, "j M Y"), total.get(f"overdue_on{index}", 0))
                for index, day in enumerate(over_time_days(today))
            ],
        ),
        _chart(
            "chart-days-late",
            _("How late the overdue commitments are"),
            _("overdue"),
            [(str(label), total.get(f"late{index}", 0)) for index, (_upper, label) in enumerate(LATENESS_BUCKETS)],
        ),
        _chart(
            "chart-on-time-per-ministry",
            _("Fulfilled on time, per ministry"),
            _("on time"),
            [(label, rate) for label, rate in rates if rate is not None],
            display=lambda value: f"{value}%",
        ),
    ]


def most_overdue(today, limit=MOST_OVERDUE_COUNT):
    return commitment_rows(today).overdue(today).order_by("due_date", "pk")[:limit]


def dashboard(today) -> Dashboard:
    """Everything the dashboard shows: from the cache, or counted (the data version read once)."""
    version = current_version()
    data = figures(today, version=version)
    total = data.total
    return Dashboard(
        counts=DashboardCounts(
            open=total.get("all_open", 0),
            overdue=total.get("overdue", 0),
            due_soon=total.get("due_soon", 0),
            closed_recently=total.get("closed_recently", 0),
            today=today,
        ),
        scorecard=_scorecard(total),
        per_ministry=_overdue_rows(data.per["ministry"], data.ministries),
        per_committee=_overdue_rows(data.per["committee"], data.committees),
        most_overdue=cached(
            "most-overdue", lambda: list(most_overdue(today)), today=today, version=version, per_language=False
        ),
        charts=_charts(today, data, scorecards_per("ministry", today, version=version)),
    )
