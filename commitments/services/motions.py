"""A motion's course through the Kamer, and the obligation an adopted motion creates."""

import datetime

from django.db import transaction

from ..deadlines import RecessCalendar
from ..models import Commitment, CommitmentKind, Motion, MotionStatus, MotionStatusChange
from ..selectors.calendar import calendar_from_database
from .deadlines import create_with_derived_deadlines, save_with_deadline, term_named_in
from .records import save_with_reason


@transaction.atomic
def record_motion_status(motion: Motion, status: str, *, date: datetime.date | None = None, note: str = "") -> Motion:
    """Add a step to a motion's course; an adopted motion gets its execution obligation."""
    save_with_reason(
        MotionStatusChange(motion=motion, status=status, date=date, note=note), f"verloop: {MotionStatus(status).label}"
    )
    motion.status = status
    save_with_reason(motion, f"verloop: {MotionStatus(status).label}")
    if status == MotionStatus.AANGENOMEN:
        ensure_motion_obligation(motion, adopted_on=date)
    return motion


@transaction.atomic
def sync_motion_status(motion: Motion) -> Motion:
    """Set a motion's status from the latest step of its course (after the clerk edits it)."""
    latest = motion.status_changes.order_by(*MotionStatusChange.LATEST_FIRST).first()
    status = latest.status if latest else MotionStatus.INGEDIEND
    if motion.status != status:
        motion.status = status
        save_with_reason(motion, "verloop bijgewerkt")
    if status == MotionStatus.AANGENOMEN:
        ensure_motion_obligation(motion, adopted_on=latest.date if latest else None)
    return motion


def ensure_motion_obligation(
    motion: Motion,
    *,
    adopted_on: datetime.date | None = None,
    reason: str = "motie aangenomen",
    calendar: RecessCalendar | None = None,
) -> Commitment:
    """The commitment that tracks carrying out an adopted motion (created once), its due date
    derived from the term its dictum names, as said on the day of adoption."""
    # An archived obligation still is the motion's one obligation: do not create a second.
    existing = Commitment.all_objects.filter(motion=motion).first()
    if existing:
        return existing
    obligation = _obligation(motion, adopted_on, calendar or calendar_from_database())
    save_with_deadline(obligation, reason=reason, calendar=calendar)
    return obligation


def ensure_motion_obligations(
    adopted: list[tuple[Motion, datetime.date | None]], *, reason: str, calendar: RecessCalendar
) -> list[Commitment]:
    """`ensure_motion_obligation` for many motions at once (the open-data sync adopts thousands)."""
    existing = set(
        Commitment.all_objects.filter(motion__in=[motion for motion, _ in adopted]).values_list("motion_id", flat=True)
    )
    new = [_obligation(motion, day, calendar) for motion, day in adopted if motion.pk not in existing]
    return create_with_derived_deadlines(new, reason=reason, calendar=calendar) if new else []


def _obligation(motion: Motion, adopted_on: datetime.date | None, calendar: RecessCalendar) -> Commitment:
    """The obligation of an adopted motion, not saved: its text, paper, dossier and the term its dictum names."""
    paper = motion.document if motion.document_id else None
    return Commitment(
        kind=CommitmentKind.MOTIE,
        motion=motion,
        chamber=motion.chamber,
        text=motion.dictum or motion.title,
        made_on=adopted_on,
        dossier=paper.dossier if paper is not None else None,
        committee=motion.committee,
        source_document=paper,
        ministry=paper.ministry if paper is not None else None,
        deadline_phrase=term_named_in(motion.dictum, adopted_on, motion.chamber, calendar),
    )
