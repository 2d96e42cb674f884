"""What each CSV export writes, column by column, defined once.

A column is a header and a function of (row, context); the context carries the request (for
absolute URLs) and the day the figures are computed for (today, or a rappel's cut-off date).
The rappel's columns are commitment columns plus a few of its own.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from ..models import Commitment, DeadlineSource

PLENARY = "Plenair"
SEPARATOR = "; "


@dataclass(frozen=True)
class ExportContext:
    request: HttpRequest
    # The day "overdue" and "days late" are computed for: today, or the rappel's cut-off.
    day: datetime.date

    def absolute_url(self, obj) -> str:
        return self.request.build_absolute_uri(obj.get_absolute_url())


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


def member_label(person, party) -> str:
    """A member as the Kamer writes one: "Wörsdörfer (VVD)", or the name alone without a party."""
    return f"{person.name} ({party.abbreviation})" if party is not None else person.name


def recipient_label(recipient) -> str:
    """ "Name (Fractie)" for a member, the abbreviation alone for a party."""
    if recipient.person_id:
        return member_label(recipient.person, recipient.party if recipient.party_id else None)
    return recipient.party.abbreviation


def source_label(commitment) -> str:
    """Where a commitment was made: the document's citation, else the activity's title."""
    if commitment.source_document_id:
        return commitment.source_document.citation
    if commitment.source_activity_id:
        return commitment.source_activity.title
    return ""


def _closures(commitment):
    """Closing letters, from the export's plain-list prefetch when there is one."""
    closures = getattr(commitment, "closure_list", None)
    return closures if closures is not None else list(commitment.closures.all())


def _recipients(commitment):
    recipients = getattr(commitment, "recipient_list", None)
    return recipients if recipients is not None else list(commitment.recipients.all())


def closing_letters(commitment) -> str:
    return joined(closure.document.citation for closure in _closures(commitment))


def _last_closed_on(commitment) -> str:
    closures = _closures(commitment)  # prefetched, ordered by closed_on
    return iso(closures[-1].closed_on) if closures else ""


def _commitment_number(commitment) -> str:
    # A motion obligation rarely has its own register number: the motion's Kamerstuk identifies it.
    if not commitment.number and commitment.motion_id:
        return commitment.motion.citation
    return commitment.number


def _days_late(commitment):
    # Annotated by `with_overdue(context.day)`; empty when not overdue on that day.
    days = commitment.days_late
    return "" if days is None else days


COMMITMENT_COLUMNS = [
    Column("id", lambda c, context: c.pk),
    Column("nummer", lambda c, context: _commitment_number(c)),
    Column("soort", lambda c, context: c.kind),
    Column("tekst", lambda c, context: c.text),
    Column("datum", lambda c, context: iso(c.made_on)),
    Column("bewindspersoon", lambda c, context: c.bewindspersoon.name if c.bewindspersoon_id else ""),
    Column("functie", lambda c, context: c.office.title if c.office_id else ""),
    Column("ministerie", lambda c, context: c.ministry.abbreviation if c.ministry_id else ""),
    Column("commissie", lambda c, context: c.committee.name if c.committee_id else PLENARY),
    Column("toegezegd_aan", lambda c, context: joined(recipient_label(r) for r in _recipients(c))),
    Column("bron", lambda c, context: source_label(c)),
    Column("dossier", lambda c, context: c.dossier.slug if c.dossier_id else ""),
    Column("termijn", lambda c, context: c.deadline_phrase),
    Column("deadline", lambda c, context: iso(c.due_date)),
    Column("status", lambda c, context: c.status),
    Column("dagen_te_laat", lambda c, context: _days_late(c)),
    Column("afgedaan_met", lambda c, context: closing_letters(c)),
    Column("afgedaan_op", lambda c, context: _last_closed_on(c)),
    Column("url", lambda c, context: context.absolute_url(c)),
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


def _obligation(motion):
    try:
        return motion.obligation  # select_related: no query, also when there is none
    except Commitment.DoesNotExist:
        return None


def _signers(motion) -> str:
    return joined(member_label(s.person, s.party if s.party_id else None) for s in motion.signers.all())


def _of_obligation(getter):
    def value(motion, context):
        obligation = _obligation(motion)
        return getter(obligation) if obligation is not None else ""

    return value


def _seats(value):
    return "" if value is None else value


MOTION_COLUMNS = [
    Column("id", lambda m, context: m.pk),
    Column("nummer", lambda m, context: m.citation),
    Column("titel", lambda m, context: m.title),
    Column("indieners", lambda m, context: _signers(m)),
    Column("datum", lambda m, context: iso(m.filed_on)),
    Column("status", lambda m, context: m.status),
    Column("kabinetsappreciatie", lambda m, context: m.kabinetsappreciatie),
    Column("dictum", lambda m, context: m.dictum),
    Column("uitvoering_status", _of_obligation(lambda o: o.status)),
    Column("deadline", _of_obligation(lambda o: iso(o.due_date))),
    Column("afgedaan_met", _of_obligation(closing_letters)),
    Column("url", lambda m, context: context.absolute_url(m)),
    Column("zaak", lambda m, context: m.zaak or ""),
    # Annotated by `MotionQuerySet.with_vote_totals()`: the latest decision with votes; empty without.
    Column("stemmen_voor", lambda m, context: _seats(m.seats_for)),
    Column("stemmen_tegen", lambda m, context: _seats(m.seats_against)),
]
