"""The closing flow: letters that fulfil commitments, and the status that follows from them.

A commitment's status follows from its closing letters, decided in one place
(`status_from_closures`): a letter that fulfils it fully makes it fulfilled, otherwise a
partial letter makes it partly fulfilled, and without letters it is open again. A lapsed
commitment stays lapsed until a letter closes it. Every way a closure is added, changed or
removed (admin action, inlines on the commitment or the letter, the rappel) goes through
this module, which recomputes the status and records why.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Closure, Commitment, CommitmentStatus, Document, Fulfilment, closure_date_error
from .records import Actor, clip, delete_with_reason, save_with_reason


def status_from_closures(commitment: Commitment) -> str:
    """The status `commitment` has by its closing letters (read from the database)."""
    fulfilments = set(commitment.closures.values_list("fulfilment", flat=True))
    if Fulfilment.FULL in fulfilments:
        return CommitmentStatus.VOLDAAN
    if Fulfilment.PARTIAL in fulfilments:
        return CommitmentStatus.DEELS_VOLDAAN
    if commitment.status == CommitmentStatus.VERVALLEN:
        return CommitmentStatus.VERVALLEN
    return CommitmentStatus.OPENSTAAND


def refresh_status(commitment: Commitment, *, reason: str, user: Actor = None) -> bool:
    """Set the status that the closing letters give, saving (with `reason`) only when it changes."""
    status = status_from_closures(commitment)
    if status == commitment.status:
        return False
    commitment.status = status
    save_with_reason(commitment, reason, user=user)
    return True


def _check_can_close(commitments: Iterable[Commitment], letter: Document) -> None:
    errors = [error for error in (closure_date_error(c, letter) for c in commitments) if error]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def close_with_letter(
    commitments: Iterable[Commitment],
    letter: Document,
    fulfilment: str,
    *,
    closed_on: date | None = None,
    note: str = "",
    user: Actor = None,
) -> list[Commitment]:
    """Record that `letter` fulfils each commitment fully or partly, and set their status.

    All or nothing: if the letter cannot close one of them, none is changed. Closing again
    with the same letter updates that closure.
    """
    if fulfilment not in Fulfilment.values:
        raise ValidationError(_("Choose whether the letter fulfils the commitment fully or partly."))
    closed_on = closed_on or letter.date
    if closed_on is None:
        raise ValidationError(_("The letter has no date; give the date on which it closed the commitment."))
    commitments = list(commitments)
    _check_can_close(commitments, letter)
    for commitment in commitments:
        closure = Closure.objects.filter(commitment=commitment, document=letter).first()
        if closure is None:
            closure = Closure(
                commitment=commitment, document=letter, fulfilment=fulfilment, closed_on=closed_on, note=note
            )
        else:
            closure.fulfilment, closure.closed_on, closure.note = fulfilment, closed_on, note or closure.note
        save_with_reason(closure, f"afgedaan met {letter.citation}", user=user)
        refresh_status(commitment, reason=f"afgedaan met {letter.citation} ({Fulfilment(fulfilment).label})", user=user)
    return commitments


@transaction.atomic
def save_closure(closure: Closure) -> Closure:
    """Add or change one closure as entered (an admin inline row), then recompute the status."""
    closure.full_clean()
    if closure.pk is None:
        close_with_letter(
            [closure.commitment], closure.document, closure.fulfilment, closed_on=closure.closed_on, note=closure.note
        )
        return Closure.objects.get(commitment=closure.commitment, document=closure.document)
    save_with_reason(closure, f"afdoening door {closure.document.citation} gewijzigd")
    refresh_status(closure.commitment, reason=f"afdoening door {closure.document.citation} gewijzigd")
    return closure


@transaction.atomic
def remove_closure(closure: Closure, *, reason: str = "") -> None:
    """Remove a closing letter from a commitment; the status follows what is left."""
    commitment, letter = closure.commitment, closure.document
    why = f"afdoening door {letter.citation} verwijderd"
    delete_with_reason(closure, clip(f"{why}: {reason}" if reason.strip() else why, 100))
    refresh_status(commitment, reason=clip(f"{why}: {reason}" if reason.strip() else why, 100))


@transaction.atomic
def mark_lapsed(commitments: Iterable[Commitment], *, reason: str, user: Actor = None) -> list[Commitment]:
    """Mark commitments lapsed (vervallen), keeping the reason."""
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason why the commitment lapsed."))
    changed = []
    for commitment in commitments:
        commitment.status = CommitmentStatus.VERVALLEN
        commitment.status_note = reason.strip()
        save_with_reason(commitment, f"vervallen: {reason.strip()}", user=user)
        changed.append(commitment)
    return changed
