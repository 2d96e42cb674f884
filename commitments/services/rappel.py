"""The committee's decisions after a rappel: each one closes, reschedules or notes, all or none."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Commitment, DeadlineChange, DeadlineSource, Document, Fulfilment, RappelOutcome
from . import closing, deadlines
from .records import Actor, clip, max_length

_REASON_LENGTH = max_length(DeadlineChange, "reason")

# Outcomes that close the commitment with a letter, and how much the letter fulfils.
_CLOSING = {RappelOutcome.FULFILLED: Fulfilment.FULL, RappelOutcome.PARTLY_FULFILLED: Fulfilment.PARTIAL}
# Outcomes that set a new due date.
_RESCHEDULING = (RappelOutcome.PARTLY_FULFILLED, RappelOutcome.OPEN)


@dataclass
class RappelDecision:
    """What the committee decided about one commitment after a rappel."""

    commitment: Commitment | None
    outcome: str
    reason: str = ""
    new_due_date: datetime.date | None = None
    letter: Document | None = None

    def __post_init__(self) -> None:
        self.reason = (self.reason or "").strip()

    def errors(self) -> list[str]:
        """What is missing for this decision (interface strings), empty when it can be applied."""
        errors = []
        if self.outcome not in RappelOutcome.values:
            errors.append(_("Choose a decision."))
        if not self.reason:
            errors.append(_("Give a reason for the decision."))
        if self.outcome in _CLOSING and self.letter is None:
            errors.append(_("A fulfilled or partly fulfilled commitment needs the letter that fulfils it."))
        if self.outcome in _RESCHEDULING and self.new_due_date is None:
            errors.append(_("Give the new due date."))
        if self.letter is not None and self.outcome not in _CLOSING:
            errors.append(_("Only a fulfilled or partly fulfilled commitment is closed with a letter."))
        return errors


@transaction.atomic
def record_rappel_decisions(
    decisions: Iterable[RappelDecision], *, cutoff: datetime.date, user: Actor = None
) -> list[DeadlineChange]:
    """Record the committee's decisions after a rappel: all of them, or none.

    Each decision becomes a deadline-history entry with source "rappel"; a letter closes the
    commitment through the closing flow, a new due date goes through the deadline flow.
    A commitment may be decided on once per rappel.
    """
    decisions = list(decisions)
    errors = [f"{d.commitment}: {message}" for d in decisions for message in d.errors()]
    commitments = [d.commitment for d in decisions if d.commitment is not None]
    if len(commitments) != len(decisions):
        raise ValueError("Every rappel decision names its commitment.")
    seen = set()
    for commitment in commitments:
        if commitment.pk in seen:
            errors.append(_("%(commitment)s: decided on twice; choose one decision.") % {"commitment": commitment})
        seen.add(commitment.pk)
    if errors:
        raise ValidationError(errors)
    entries = []
    for commitment, decision in zip(commitments, decisions, strict=True):
        outcome = RappelOutcome(decision.outcome)
        # A stored record: the outcome's Dutch value, whatever the interface language.
        reason = clip(f"rappel (peildatum {cutoff:%d-%m-%Y}): {outcome.value}: {decision.reason}", _REASON_LENGTH)
        if outcome in _CLOSING and decision.letter is not None:  # errors() requires the letter
            closing.close_with_letter([commitment], decision.letter, _CLOSING[outcome], note=reason, user=user)
        entry = None
        if outcome in _RESCHEDULING:
            entry = deadlines.change_due_date(
                commitment, decision.new_due_date, reason=reason, source=DeadlineSource.RAPPEL, user=user
            )
        entries.append(
            entry or deadlines.note_in_history(commitment, source=DeadlineSource.RAPPEL, reason=reason, user=user)
        )
    return entries
