"""State changes. Each function is one transaction, used by the admin, views and tests alike.

Objects are saved one by one (never `queryset.update()`) so the change history records them.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from .models import Closure, Commitment, DeadlineChange, Document, Motion, MotionStatusChange


def closure_date_error(commitment: Commitment, letter: Document):
    """The reason `letter` cannot close `commitment`, or None when it can."""
    if letter.date and commitment.made_on and letter.date < commitment.made_on:
        return _(
            "%(letter)s (%(letter_date)s) predates the commitment (made on %(made_on)s) and cannot close it."
        ) % {
            "letter": letter.citation,
            "letter_date": formats.date_format(letter.date),
            "made_on": formats.date_format(commitment.made_on),
        }
    return None


@transaction.atomic
def close_with_letter(commitments, letter: Document, fulfilment: str, *, closed_on=None, note: str = ""):
    """Record that `letter` fulfils each commitment fully or partly, and set their status.

    All or nothing: if the letter cannot close one of them, none is changed.
    """
    if fulfilment not in Closure.Fulfilment.values:
        raise ValidationError(_("Choose whether the letter fulfils the commitment fully or partly."))
    closed_on = closed_on or letter.date
    if closed_on is None:
        raise ValidationError(_("The letter has no date; give the date on which it closed the commitment."))
    commitments = list(commitments)
    errors = [error for error in (closure_date_error(c, letter) for c in commitments) if error]
    if errors:
        raise ValidationError(errors)
    new_status = (
        Commitment.Status.VOLDAAN if fulfilment == Closure.Fulfilment.FULL else Commitment.Status.DEELS_VOLDAAN
    )
    for commitment in commitments:
        closure, created = Closure.objects.get_or_create(
            commitment=commitment,
            document=letter,
            defaults={"fulfilment": fulfilment, "closed_on": closed_on, "note": note},
        )
        if not created:
            closure.fulfilment, closure.closed_on, closure.note = fulfilment, closed_on, note or closure.note
            closure.save()
        # A partial letter never reopens a commitment another letter already fulfilled.
        if not (commitment.status == Commitment.Status.VOLDAAN and new_status == Commitment.Status.DEELS_VOLDAAN):
            commitment.status = new_status
        commitment.save()
    return commitments


@transaction.atomic
def change_due_date(commitment: Commitment, new_due_date, *, reason: str, source: str, user=None, phrase=None):
    """Set a new due date and write the deadline-history entry (old, new, who, when, why)."""
    if source != DeadlineChange.Source.DERIVED and not (reason or "").strip():
        raise ValidationError(_("Give a reason for the new due date."))
    entry = DeadlineChange.objects.create(
        commitment=commitment,
        changed_by=user if user and user.is_authenticated else None,
        old_due_date=commitment.due_date,
        new_due_date=new_due_date,
        phrase=commitment.deadline_phrase if phrase is None else phrase,
        source=source,
        reason=reason.strip(),
    )
    commitment.due_date = new_due_date
    if source in (DeadlineChange.Source.OVERRIDE, DeadlineChange.Source.RAPPEL, DeadlineChange.Source.EXTENSION):
        commitment.due_date_overridden = True
    commitment.save()
    return entry


@transaction.atomic
def reset_deadline(commitments, new_due_date: datetime.date, *, reason: str, user=None,
                   source=DeadlineChange.Source.OVERRIDE):
    """Give each commitment a new due date by hand, with the reason in the deadline history."""
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for the new due date."))
    return [change_due_date(c, new_due_date, reason=reason, source=source, user=user) for c in commitments]


@transaction.atomic
def mark_lapsed(commitments, *, reason: str):
    """Mark commitments lapsed (vervallen), keeping the reason."""
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason why the commitment lapsed."))
    changed = []
    for commitment in commitments:
        commitment.status = Commitment.Status.VERVALLEN
        commitment.status_note = reason.strip()
        commitment.save()
        changed.append(commitment)
    return changed


@transaction.atomic
def record_motion_status(motion: Motion, status: str, *, date=None, note: str = ""):
    """Add a step to a motion's course; an adopted motion gets its execution obligation."""
    MotionStatusChange.objects.create(motion=motion, status=status, date=date, note=note)
    motion.status = status
    motion.save()
    if status == Motion.Status.AANGENOMEN:
        ensure_motion_obligation(motion, adopted_on=date)
    return motion


@transaction.atomic
def sync_motion_status(motion: Motion):
    """Set a motion's status from the latest step of its course (after the clerk edits it)."""
    latest = motion.status_changes.order_by("-date", "-pk").first()
    status = latest.status if latest else Motion.Status.INGEDIEND
    if motion.status != status:
        motion.status = status
        motion.save()
    if status == Motion.Status.AANGENOMEN:
        ensure_motion_obligation(motion, adopted_on=latest.date)
    return motion


def ensure_motion_obligation(motion: Motion, *, adopted_on=None) -> Commitment:
    """The commitment that tracks carrying out an adopted motion (created once)."""
    existing = Commitment.objects.filter(motion=motion).first()
    if existing:
        return existing
    return Commitment.objects.create(
        kind=Commitment.Kind.MOTIE,
        motion=motion,
        chamber=motion.document.chamber,
        text=motion.dictum,
        made_on=adopted_on,
        dossier=motion.document.dossier,
        committee=motion.committee,
        source_document=motion.document,
        ministry=motion.document.ministry,
    )
