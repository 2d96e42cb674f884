"""State changes. Each function is one transaction, used by the admin, views and tests alike.

Objects are saved one by one (never `queryset.update()`) so the change history records them.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from .deadlines import derive_due_date
from .deadlines.db import calendar_from_database
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


def _note_in_history(commitment: Commitment, *, source: str, reason: str, user=None) -> DeadlineChange:
    """A deadline-history entry for a decision that leaves the due date as it is."""
    return DeadlineChange.objects.create(
        commitment=commitment, changed_by=user if user and user.is_authenticated else None,
        old_due_date=commitment.due_date, new_due_date=commitment.due_date,
        phrase=commitment.deadline_phrase, source=source, reason=reason,
    )


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


# --- deadlines derived from the phrase ------------------------------------------------------
# Stored explanations and history reasons are records in Dutch (like the parser's own
# explanations), not interface strings, so they are written in Dutch here.

_EXPLANATION_LENGTH = Commitment._meta.get_field("deadline_explanation").max_length
_RULE_LENGTH = Commitment._meta.get_field("deadline_rule").max_length
_REASON_LENGTH = DeadlineChange._meta.get_field("reason").max_length


def _clip(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _value(choice):
    """A parser enum or plain string as the model's choice value."""
    return str(getattr(choice, "value", choice) or "")


def derivation_date(commitment: Commitment):
    """The date to derive from, and a note when it is not the commitment's own date.

    When the papers do not give the day the promise was made, the activity's date (or the
    latest date it can have taken place) stands in for it.
    """
    if commitment.made_on:
        return commitment.made_on, ""
    activity = commitment.source_activity
    if activity is not None and activity.date:
        return activity.date, "toezegdatum onbekend, datum van de activiteit gebruikt"
    if activity is not None and activity.date_latest:
        return activity.date_latest, "toezegdatum onbekend, laatst mogelijke datum van de activiteit gebruikt"
    return None, ""


def derive_deadline_fields(commitment: Commitment, *, calendar=None) -> dict:
    """What the phrase engine makes of a commitment's phrase, as model field values (no save)."""
    def no_date(why):
        return {
            "due_date": None, "due_date_earliest": None,
            "deadline_precision": Commitment.Precision.NONE, "deadline_anchor": Commitment.Anchor.NONE,
            "deadline_rule": "", "deadline_explanation": _clip(f"geen datum: {why}", _EXPLANATION_LENGTH),
        }

    phrase = (commitment.deadline_phrase or "").strip()
    if not phrase:
        return no_date("geen termijn genoemd")
    made_on, note = derivation_date(commitment)
    if made_on is None:
        return no_date("onbekend wanneer de toezegging is gedaan")
    calendar = calendar or calendar_from_database()
    try:
        result = derive_due_date(phrase, made_on, chamber=commitment.chamber, calendar=calendar)
    except ValueError as error:  # the engine's "cannot read this phrase"
        return no_date(str(error) or "termijn niet herkend")
    explanation = result.explanation or ""
    # Every undated result says so, except an event deadline: pages show that as "wacht op …".
    if result.due_date is None and _value(result.anchor) != Commitment.Anchor.EVENT:
        if not explanation.startswith("geen datum"):
            explanation = f"geen datum: {explanation or 'termijn niet herkend'}"
    if note:
        explanation = f"{explanation} ({note})"
    return {
        "due_date": result.due_date,
        "due_date_earliest": result.earliest_date if result.due_date else None,
        "deadline_precision": _value(result.precision) or Commitment.Precision.NONE,
        "deadline_anchor": _value(result.anchor) or Commitment.Anchor.NONE,
        "deadline_rule": _clip(result.rule or "", _RULE_LENGTH),
        "deadline_explanation": _clip(explanation, _EXPLANATION_LENGTH),
    }


@transaction.atomic
def apply_deadline_phrase(commitment: Commitment, *, user=None, calendar=None,
                          source=DeadlineChange.Source.DERIVED, reason: str = ""):
    """Derive the due date from the commitment's phrase and store it with how it was derived.

    A due date set by hand (`due_date_overridden`) stands: nothing is changed. A changed due
    date is written to the deadline history. Returns that history entry, or None.
    """
    if commitment.due_date_overridden:
        return None
    if not (commitment.deadline_phrase or "").strip() and commitment.due_date:
        # A date recorded without a phrase (the Eerste Kamer's register) is not ours to clear.
        return None
    fields = derive_deadline_fields(commitment, calendar=calendar)
    new_due_date = fields.pop("due_date")
    for name, value in fields.items():
        setattr(commitment, name, value)
    if new_due_date == commitment.due_date:
        commitment.save()
        return None
    return change_due_date(
        commitment, new_due_date, source=source, user=user,
        reason=_clip(reason or commitment.deadline_explanation, _REASON_LENGTH),
    )


@transaction.atomic
def rederive_from_phrase(commitments, *, user=None, calendar=None):
    """Let go of a date set by hand: derive the due date from the phrase again, with history."""
    calendar = calendar or calendar_from_database()
    entries = []
    for commitment in commitments:
        was_overridden = commitment.due_date_overridden
        commitment.due_date_overridden = False
        reason = ""
        if was_overridden:
            reason = "handmatige datum losgelaten, opnieuw afgeleid uit de termijn"
        entry = apply_deadline_phrase(commitment, user=user, calendar=calendar, reason=reason)
        if entry is None and was_overridden:
            # The date did not move, but the override ended: that is history too.
            commitment.save()
            entry = _note_in_history(commitment, source=DeadlineChange.Source.DERIVED, reason=reason, user=user)
        if entry is not None:
            entries.append(entry)
    return entries


@transaction.atomic
def derive_due_dates(commitments, *, user=None, calendar=None) -> int:
    """Derive each commitment's due date from its phrase (see `apply_deadline_phrase`).

    Returns how many commitments got a due date. The calendar is read once for all of them.
    """
    calendar = calendar or calendar_from_database()
    dated = 0
    for commitment in commitments:
        apply_deadline_phrase(commitment, user=user, calendar=calendar)
        dated += commitment.due_date is not None
    return dated


def recess_derived(queryset=None):
    """Commitments whose due date the engine derived from the recess calendar."""
    queryset = Commitment.objects.all() if queryset is None else queryset
    return queryset.filter(due_date_overridden=False, deadline_anchor=Commitment.Anchor.RECESS)


@transaction.atomic
def rederive_due_dates(queryset=None, *, reason: str, user=None, calendar=None):
    """Recompute derived due dates (default: those anchored to a recess), recording each change.

    Dates set by hand are left alone. Each changed date gets a history entry with source
    "herberekend" and `reason` (e.g. which recess changed). Returns the history entries.
    """
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for the new due date."))
    if queryset is None:
        queryset = recess_derived()
    calendar = calendar or calendar_from_database()
    entries = []
    for commitment in queryset.filter(due_date_overridden=False).select_related("source_activity"):
        entry = apply_deadline_phrase(
            commitment, user=user, calendar=calendar, source=DeadlineChange.Source.RECALCULATED, reason=reason
        )
        if entry is not None:
            entries.append(entry)
    return entries


# --- rappel decisions -----------------------------------------------------------------------

class RappelDecision:
    """What the committee decided about one commitment after a rappel."""

    FULFILLED = "voldaan"
    PARTLY_FULFILLED = "deels voldaan"
    OPEN = "openstaand"
    EXPLANATION = "uitleg gevraagd"
    KINDS = (FULFILLED, PARTLY_FULFILLED, OPEN, EXPLANATION)
    LABELS = {
        FULFILLED: "voldaan",
        PARTLY_FULFILLED: "deels voldaan, nieuwe termijn",
        OPEN: "openstaand, nieuwe termijn",
        EXPLANATION: "uitleg gevraagd",
    }

    def __init__(self, commitment, kind, *, reason, new_due_date=None, letter=None):
        self.commitment, self.kind, self.reason = commitment, kind, (reason or "").strip()
        self.new_due_date, self.letter = new_due_date, letter

    def errors(self):
        """What is missing for this decision (interface strings), empty when it can be applied."""
        errors = []
        if self.kind not in self.KINDS:
            errors.append(_("Choose a decision."))
        if not self.reason:
            errors.append(_("Give a reason for the decision."))
        if self.kind == self.FULFILLED and self.letter is None:
            errors.append(_("A fulfilled commitment needs the letter that fulfils it."))
        if self.kind in (self.PARTLY_FULFILLED, self.OPEN) and self.new_due_date is None:
            errors.append(_("Give the new due date."))
        if self.letter is not None and self.kind in (self.OPEN, self.EXPLANATION):
            errors.append(_("Only a fulfilled or partly fulfilled commitment is closed with a letter."))
        return errors


@transaction.atomic
def record_rappel_decisions(decisions, *, cutoff: datetime.date, user=None):
    """Record the committee's decisions after a rappel: all of them, or none.

    Each decision becomes a deadline-history entry with source "rappel"; a fulfilled commitment
    is closed with its letter (`close_with_letter`), a new deadline goes through `change_due_date`.
    """
    decisions = list(decisions)
    errors = [
        f"{d.commitment}: {message}" for d in decisions for message in d.errors()
    ]
    if errors:
        raise ValidationError(errors)
    entries = []
    for decision in decisions:
        commitment = decision.commitment
        reason = _clip(
            f"rappel (peildatum {cutoff:%d-%m-%Y}): {RappelDecision.LABELS[decision.kind]}: {decision.reason}",
            _REASON_LENGTH,
        )
        if decision.kind in (RappelDecision.FULFILLED, RappelDecision.PARTLY_FULFILLED) and decision.letter:
            fulfilment = Closure.Fulfilment.FULL if decision.kind == RappelDecision.FULFILLED else Closure.Fulfilment.PARTIAL
            close_with_letter([commitment], decision.letter, fulfilment, note=_clip(reason, 500))
        elif decision.kind == RappelDecision.PARTLY_FULFILLED and commitment.status != Commitment.Status.VOLDAAN:
            commitment.status = Commitment.Status.DEELS_VOLDAAN
        if decision.new_due_date is not None and decision.kind in (RappelDecision.PARTLY_FULFILLED, RappelDecision.OPEN):
            entries.append(change_due_date(
                commitment, decision.new_due_date, reason=reason, source=DeadlineChange.Source.RAPPEL, user=user
            ))
        else:
            commitment.save()
            entries.append(_note_in_history(commitment, source=DeadlineChange.Source.RAPPEL, reason=reason, user=user))
    return entries
