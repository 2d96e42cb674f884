"""What each CSV export writes, column by column, defined once.

A column is a header and a function of (row, context). A row is what `rows` reads for the export
(`CommitmentRow`, `MotionRow`: plain values, related rows already resolved); the context is what
is the same for the whole file: the request (absolute URLs) and the day the figures are computed
for (today, or a rappel's cut-off date). The rappel's columns are commitment columns plus a few of
its own. A None value is written as an empty cell (`csv.neutralise`).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.http import HttpRequest

from ..models import Commitment, DeadlineSource, Dossier, Motion

PLENARY = "Plenair"
SEPARATOR = "; "

# An identifier made of these characters stands in a URL as it is (reverse() would not quote it).
_URL_SAFE = re.compile(r"[A-Za-z0-9._~-]+")
_PLACEHOLDER = "918273645"


@dataclass(frozen=True)
class ExportContext:
    request: HttpRequest
    # The day "overdue" and "days late" are computed for: today, or the rappel's cut-off.
    day: datetime.date

    def absolute_url(self, obj) -> str:
        return self.request.build_absolute_uri(obj.get_absolute_url())

    @cached_property
    def _commitment_url(self) -> tuple[str, str]:
        return self._around_placeholder(Commitment(pk=int(_PLACEHOLDER)))

    @cached_property
    def _motion_url(self) -> tuple[str, str]:
        return self._around_placeholder(Motion(zaak=_PLACEHOLDER))

    def _around_placeholder(self, obj) -> tuple[str, str]:
        # The absolute URL of one object, once per file (the models' get_absolute_url decides it),
        # split around its key: each row's URL is then two concatenations, not a reverse().
        prefix, _placeholder, suffix = self.absolute_url(obj).rpartition(_PLACEHOLDER)
        return prefix, suffix

    def commitment_url(self, pk: int) -> str:
        prefix, suffix = self._commitment_url
        return f"{prefix}{pk}{suffix}"

    def motion_url(self, identifier: str) -> str:
        if not _URL_SAFE.fullmatch(identifier):
            return self.absolute_url(Motion(zaak=identifier))
        prefix, suffix = self._motion_url
        return f"{prefix}{identifier}{suffix}"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any, ExportContext], Any]


def select(columns: list[Column], *headers: str) -> list[Column]:
    """The columns named `headers`, in that order (a KeyError names a header that does not exist)."""
    by_header = {column.header: column for column in columns}
    return [by_header[header] for header in headers]


# ------------------------------------------------------------------ cell formats


def iso(day) -> str:
    return day.isoformat() if day else ""


def joined(values) -> str:
    return SEPARATOR.join(value for value in values if value)


def member_label(name: str, party: str | None) -> str:
    """A member as the Kamer writes one: "Wörsdörfer (VVD)", or the name alone without a party."""
    return f"{name} ({party})" if party is not None else name


def recipient_label(name: str | None, party: str | None) -> str:
    """ "Name (Fractie)" for a member, the abbreviation alone for a party."""
    return member_label(name, party) if name is not None else party  # type: ignore[return-value]


def recipients(row) -> str:
    return joined(recipient_label(name, party) for name, party in row.recipients) if row.recipients else ""


def source_label(row) -> str:
    """Where a commitment was made: the document's citation, else the activity's title."""
    if row.source_citation is not None:
        return row.source_citation
    return row.source_activity__title or ""


def closing_letters(closures) -> str:
    """The citations of the closing letters, oldest first."""
    return joined(citation for _closed_on, citation in closures) if closures else ""


def _last_closed_on(row) -> str:
    return iso(row.closures[-1][0]) if row.closures else ""


def _commitment_number(row) -> str:
    # A motion obligation rarely has its own register number: the motion's Kamerstuk identifies it.
    if not row.number and row.motion_id:
        return Motion.paper_else_zaak(row.motion_citation, row.motion__zaak)
    return row.number


def _dossier(row) -> str | None:
    return None if row.dossier__number is None else Dossier.slug_of(row.dossier__number, row.dossier__suffix)


COMMITMENT_COLUMNS = [
    Column("id", lambda c, context: c.id),
    Column("nummer", lambda c, context: _commitment_number(c)),
    Column("soort", lambda c, context: c.kind),
    Column("tekst", lambda c, context: c.text),
    Column("datum", lambda c, context: iso(c.made_on)),
    # Names of related rows: None (an empty cell) without one.
    Column("bewindspersoon", lambda c, context: c.bewindspersoon__name),
    Column("functie", lambda c, context: c.office__title),
    Column("ministerie", lambda c, context: c.ministry__abbreviation),
    Column("commissie", lambda c, context: PLENARY if c.committee__name is None else c.committee__name),
    Column("toegezegd_aan", lambda c, context: recipients(c)),
    Column("bron", lambda c, context: source_label(c)),
    Column("dossier", lambda c, context: _dossier(c)),
    Column("termijn", lambda c, context: c.deadline_phrase),
    Column("deadline", lambda c, context: iso(c.due_date)),
    Column("status", lambda c, context: c.status),
    # `with_overdue(context.day)`; empty when not overdue on that day.
    Column("dagen_te_laat", lambda c, context: Commitment.days_late_of(c.overdue_by)),
    Column("afgedaan_met", lambda c, context: closing_letters(c.closures)),
    Column("afgedaan_op", lambda c, context: _last_closed_on(c)),
    Column("url", lambda c, context: context.commitment_url(c.id)),
]


# The rappel list for a ministry: commitment columns, the deadline's origin, and the cut-off.
RAPPEL_COLUMNS = [
    *select(
        COMMITMENT_COLUMNS,
        "id",
        "nummer",
        "ministerie",
        "bewindspersoon",
        "tekst",
        "datum",
        "bron",
        "termijn",
        "deadline",
    ),
    Column(
        "herkomst_deadline",
        lambda c, context: DeadlineSource.OVERRIDE.value if c.due_date_overridden else DeadlineSource.DERIVED.value,
    ),
    Column("toelichting_deadline", lambda c, context: c.deadline_explanation),
    *select(COMMITMENT_COLUMNS, "status"),
    Column("peildatum", lambda c, context: context.day.isoformat()),
    *select(COMMITMENT_COLUMNS, "dagen_te_laat", "url"),
]


# ---------------------------------------------------------------------- motions


def _signers(motion) -> str:
    return joined(member_label(name, party) for name, party in motion.signers) if motion.signers else ""


def _of_obligation(getter):
    # Empty without an obligation to carry the motion out.
    def value(motion, context):
        return "" if motion.obligation__id is None else getter(motion)

    return value


MOTION_COLUMNS = [
    Column("id", lambda m, context: m.id),
    Column("nummer", lambda m, context: Motion.paper_else_zaak(m.document_citation, m.zaak)),
    Column("titel", lambda m, context: m.title),
    Column("indieners", lambda m, context: _signers(m)),
    Column("datum", lambda m, context: iso(m.filed_on)),
    Column("status", lambda m, context: m.status),
    Column("kabinetsappreciatie", lambda m, context: m.kabinetsappreciatie),
    Column("dictum", lambda m, context: m.dictum),
    Column("uitvoering_status", _of_obligation(lambda m: m.obligation__status)),
    Column("deadline", _of_obligation(lambda m: iso(m.obligation__due_date))),
    Column("afgedaan_met", _of_obligation(lambda m: closing_letters(m.closures))),
    Column("url", lambda m, context: context.motion_url(Motion.paper_else_zaak(m.document__identifier, m.zaak))),
    Column("zaak", lambda m, context: m.zaak or ""),
    # `MotionQuerySet.with_vote_totals()`: the latest decision with votes; empty (None) without.
    Column("stemmen_voor", lambda m, context: m.seats_for),
    Column("stemmen_tegen", lambda m, context: m.seats_against),
]
