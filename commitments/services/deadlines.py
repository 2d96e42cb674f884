"""The deadline flow: a due date derived from the phrase, or set by hand, always with its history.

Every change of a due date goes through `_store`: the commitment is saved once and, when the
date moved, one deadline-history entry (old, new, who, when, why) is written. A date set by
hand (`due_date_overridden`) stands until a clerk lets it go; the phrase no longer moves it.
Stored explanations and reasons are records in Dutch, like the engine's own explanations.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .. import clock
from ..deadlines import RecessCalendar, derive_due_date
from ..models import Anchor, Commitment, DeadlineChange, DeadlineSource, Precision
from ..selectors.calendar import calendar_from_database
from .records import Actor, acting_user, clip, max_length, save_with_reason

_EXPLANATION_LENGTH = max_length(Commitment, "deadline_explanation")
_RULE_LENGTH = max_length(Commitment, "deadline_rule")
_REASON_LENGTH = max_length(DeadlineChange, "reason")
_PHRASE_LENGTH = max_length(Commitment, "deadline_phrase")

# What the engine's result is stored as (besides the due date itself).
_DERIVED_FIELDS = (
    "due_date_earliest",
    "deadline_precision",
    "deadline_anchor",
    "deadline_rule",
    "deadline_explanation",
)


def derivation_date(commitment: Commitment) -> tuple[datetime.date | None, str]:
    """The date to derive from, and a note when it is not the commitment's own date.

    When the papers do not give the day the promise was made, the activity's date (or the
    latest date it can have taken place) stands in for it.
    """
    activity = commitment.source_activity if commitment.source_activity_id else None
    return said_on(commitment.made_on, activity.date if activity else None, activity.date_latest if activity else None)


def said_on(
    made_on: datetime.date | None, activity_date: datetime.date | None, activity_date_latest: datetime.date | None
) -> tuple[datetime.date | None, str]:
    """`derivation_date` from the values themselves (bulk re-derivation reads them without models)."""
    if made_on:
        return made_on, ""
    if activity_date:
        return activity_date, "toezegdatum onbekend, datum van de activiteit gebruikt"
    if activity_date_latest:
        return activity_date_latest, "toezegdatum onbekend, laatst mogelijke datum van de activiteit gebruikt"
    return None, ""


def date_stands(commitment: Commitment) -> bool:
    """A due date the phrase no longer moves: set by hand, or recorded without a phrase (the
    Eerste Kamer's register), which is not ours to clear."""
    return commitment.due_date_overridden or (
        not (commitment.deadline_phrase or "").strip() and commitment.due_date is not None
    )


def term_named_in(text: str, said_on: datetime.date | None, chamber: str, calendar: RecessCalendar) -> str:
    """The words of a whole text (a promise, a motion's dictum) that name its term, or "" when none:
    what is stored as the deadline phrase of a record read from the Kamer's open data."""
    if not (text or "").strip() or said_on is None:
        return ""
    result = derive_due_date(text, said_on, chamber=chamber, calendar=calendar)
    return clip(result.matched_text, _PHRASE_LENGTH)


def derive_deadline_fields(commitment: Commitment, *, calendar: RecessCalendar | None = None) -> dict[str, Any]:
    """What the phrase engine makes of a commitment's phrase, as model field values (no save)."""
    made_on, note = derivation_date(commitment)
    return derived_fields(commitment.deadline_phrase, commitment.chamber, made_on, note, calendar=calendar)


def derived_fields(
    phrase: str,
    chamber: str,
    made_on: datetime.date | None,
    note: str = "",
    *,
    calendar: RecessCalendar | None = None,
) -> dict[str, Any]:
    """`derive_deadline_fields` from the values it depends on: the phrase, the chamber, the date
    it was said (`said_on`) and the note on that date. Bulk re-derivation caches it on them."""

    def no_date(why: str) -> dict[str, Any]:
        return {
            "due_date": None,
            "due_date_earliest": None,
            "deadline_precision": Precision.NONE,
            "deadline_anchor": Anchor.NONE,
            "deadline_rule": "",
            "deadline_explanation": clip(f"geen datum: {why}", _EXPLANATION_LENGTH),
        }

    phrase = (phrase or "").strip()
    if not phrase:
        return no_date("geen termijn genoemd")
    if made_on is None:
        return no_date("onbekend wanneer de toezegging is gedaan")
    result = derive_due_date(phrase, made_on, chamber=chamber, calendar=calendar or calendar_from_database())
    explanation = result.explanation or ""
    # Every undated result says so, except an event deadline: pages show that as "wacht op …".
    if result.due_date is None and str(result.anchor) != Anchor.EVENT and not explanation.startswith("geen datum"):
        explanation = f"geen datum: {explanation or 'termijn niet herkend'}"
    if note:
        explanation = f"{explanation} ({note})"
    return {
        "due_date": result.due_date,
        "due_date_earliest": result.earliest_date if result.due_date else None,
        "deadline_precision": str(result.precision or Precision.NONE),
        "deadline_anchor": str(result.anchor or Anchor.NONE),
        "deadline_rule": clip(result.rule or "", _RULE_LENGTH),
        "deadline_explanation": clip(explanation, _EXPLANATION_LENGTH),
    }


def history_reason(reason: str, *, date_moved: bool) -> str:
    """The change reason a deadline write gives the commitment's history: "termijn: <why>" when the
    date moved for a stated reason, else "termijn bijgewerkt"."""
    return f"termijn: {reason}" if date_moved and reason else "termijn bijgewerkt"


def _store(
    commitment: Commitment,
    *,
    new_due_date: datetime.date | None,
    fields: dict[str, Any] | None = None,
    source: str,
    reason: str = "",
    user: Actor = None,
    always_save: bool = False,
) -> DeadlineChange | None:
    """The one write path of a due date: set it and `fields`, save once, write one history entry.

    Nothing is written when nothing changes (unless `always_save`: a clerk's form has other
    edits to save). Returns the history entry, or None when the date did not move.
    """
    fields = fields or {}
    clock.validate_date_in_range(new_due_date)
    old_due_date = commitment.due_date if commitment.pk else None
    changed = {name: value for name, value in fields.items() if getattr(commitment, name) != value}
    date_moved = new_due_date != old_due_date
    if not (changed or date_moved or always_save or commitment.pk is None):
        return None
    for name, value in changed.items():
        setattr(commitment, name, value)
    commitment.due_date = new_due_date
    reason = clip(reason, _REASON_LENGTH)
    save_with_reason(commitment, history_reason(reason, date_moved=date_moved), user=user)
    if not date_moved:
        return None
    entry = DeadlineChange(
        commitment=commitment,
        changed_by=acting_user(user),
        old_due_date=old_due_date,
        new_due_date=new_due_date,
        phrase=commitment.deadline_phrase,
        source=source,
        reason=reason,
    )
    save_with_reason(entry, reason or DeadlineSource(source).value, user=user)
    return entry


@transaction.atomic
def create_with_derived_deadlines(
    commitments: list[Commitment], *, reason: str, calendar: RecessCalendar | None = None
) -> list[Commitment]:
    """Create many new commitments at once, each with the due date its phrase gives: what
    `save_with_deadline` does for one (one history row, and a deadline-history entry when there is
    a date), in bulk for the open-data sync."""
    calendar = calendar or calendar_from_database()
    for commitment in commitments:
        for name, value in derive_deadline_fields(commitment, calendar=calendar).items():
            setattr(commitment, name, value)
    dated = [c for c in commitments if c.due_date is not None]
    undated = [c for c in commitments if c.due_date is None]
    created = []
    if dated:
        created += bulk_create_with_history(
            dated, Commitment, batch_size=500, default_change_reason=f"termijn: {reason}"[:100]
        )
    if undated:
        created += bulk_create_with_history(
            undated, Commitment, batch_size=500, default_change_reason="termijn bijgewerkt"
        )
    entries = [
        DeadlineChange(
            commitment=commitment,
            old_due_date=None,
            new_due_date=commitment.due_date,
            phrase=commitment.deadline_phrase,
            source=DeadlineSource.DERIVED,
            reason=clip(reason or commitment.deadline_explanation, _REASON_LENGTH),
        )
        for commitment in created
        if commitment.due_date is not None
    ]
    if entries:
        bulk_create_with_history(entries, DeadlineChange, batch_size=500, default_change_reason=clip(reason, 100))
    return created


def _require_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for the new due date."))
    return reason.strip()


def _derive(
    commitment: Commitment,
    *,
    calendar: RecessCalendar | None,
    source: str,
    reason: str,
    user: Actor,
    always_save: bool = False,
) -> DeadlineChange | None:
    """Derive the due date from the phrase and store it (a date set by hand stands)."""
    if date_stands(commitment):
        if always_save:
            save_with_reason(commitment, "gewijzigd", user=user)
        return None
    fields = derive_deadline_fields(commitment, calendar=calendar)
    new_due_date = fields.pop("due_date")
    return _store(
        commitment,
        new_due_date=new_due_date,
        fields=fields,
        source=source,
        reason=reason or fields["deadline_explanation"],
        user=user,
        always_save=always_save,
    )


@transaction.atomic
def derive_deadline(
    commitment: Commitment, *, user: Actor = None, calendar: RecessCalendar | None = None
) -> DeadlineChange | None:
    """Derive one commitment's due date from its phrase and store it; the history entry, or None.

    A date set by hand stands; nothing is written when the result did not change.
    """
    return _derive(commitment, calendar=calendar, source=DeadlineSource.DERIVED, reason="", user=user)


@transaction.atomic
def save_with_deadline(
    commitment: Commitment,
    *,
    user: Actor = None,
    by_hand: bool = False,
    due_date: datetime.date | None = None,
    reason: str = "",
    derive: bool = True,
    calendar: RecessCalendar | None = None,
) -> DeadlineChange | None:
    """Save a commitment as a clerk entered it, with its deadline: one save, at most one history entry.

    `by_hand`: the clerk typed `due_date`, which overrides the phrase (`reason` says why; on a
    new commitment it may be empty). Otherwise, when `derive` (the commitment is new, or its
    phrase, date, chamber or activity changed), the due date is derived from the phrase.
    `commitment.due_date` must hold the stored date (None when new), so the history shows
    the old date beside the new one.
    """
    if by_hand:
        if commitment.pk is not None:
            reason = _require_reason(reason)
        fields = {}
        if derive:
            # The phrase's precision and anchor still describe what was said.
            derived = derive_deadline_fields(commitment, calendar=calendar)
            fields = {name: derived[name] for name in _DERIVED_FIELDS}
        # The clerk's date is the deadline now; the phrase's earliest date no longer bounds it.
        fields["due_date_earliest"] = None
        commitment.due_date_overridden = True
        return _store(
            commitment,
            new_due_date=due_date,
            fields=fields,
            source=DeadlineSource.OVERRIDE,
            reason=reason or "ingevoerd bij registratie",
            user=user,
            always_save=True,
        )
    if derive:
        return _derive(
            commitment, calendar=calendar, source=DeadlineSource.DERIVED, reason=reason, user=user, always_save=True
        )
    save_with_reason(commitment, "gewijzigd", user=user)
    return None


@transaction.atomic
def change_due_date(
    commitment: Commitment,
    new_due_date: datetime.date | None,
    *,
    reason: str,
    source: str = DeadlineSource.OVERRIDE,
    user: Actor = None,
) -> DeadlineChange | None:
    """Set a due date by hand (a clerk, a rappel decision, an extension), with the reason in the history."""
    reason = _require_reason(reason)
    commitment.due_date_overridden = True
    return _store(commitment, new_due_date=new_due_date, source=source, reason=reason, user=user, always_save=True)


@transaction.atomic
def reset_deadline(
    commitments: Iterable[Commitment],
    new_due_date: datetime.date,
    *,
    reason: str,
    user: Actor = None,
    source: str = DeadlineSource.OVERRIDE,
) -> list[DeadlineChange | None]:
    """Give each commitment a new due date by hand, with the reason in the deadline history."""
    _require_reason(reason)
    return [change_due_date(c, new_due_date, reason=reason, source=source, user=user) for c in commitments]


def note_in_history(commitment: Commitment, *, source: str, reason: str, user: Actor = None) -> DeadlineChange:
    """A deadline-history entry for a decision that leaves the due date as it is."""
    entry = DeadlineChange(
        commitment=commitment,
        changed_by=acting_user(user),
        old_due_date=commitment.due_date,
        new_due_date=commitment.due_date,
        phrase=commitment.deadline_phrase,
        source=source,
        reason=clip(reason, _REASON_LENGTH),
    )
    save_with_reason(entry, reason, user=user)
    return entry


@transaction.atomic
def release_overrides(
    commitments: Iterable[Commitment], *, user: Actor = None, calendar: RecessCalendar | None = None
) -> list[DeadlineChange]:
    """Let go of a date set by hand: derive the due date from the phrase again, with history."""
    calendar = calendar or calendar_from_database()
    entries = []
    for commitment in commitments:
        was_overridden = commitment.due_date_overridden
        commitment.due_date_overridden = False
        reason = "handmatige datum losgelaten, opnieuw afgeleid uit de termijn" if was_overridden else ""
        entry = _derive(
            commitment,
            calendar=calendar,
            source=DeadlineSource.DERIVED,
            reason=reason,
            user=user,
            always_save=was_overridden,
        )
        if entry is None and was_overridden:
            # The date did not move, but the override ended: that is history too.
            entry = note_in_history(commitment, source=DeadlineSource.DERIVED, reason=reason, user=user)
        if entry is not None:
            entries.append(entry)
    return entries


@transaction.atomic
def derive_due_dates(
    commitments: Iterable[Commitment], *, user: Actor = None, calendar: RecessCalendar | None = None
) -> int:
    """Derive each commitment's due date from its phrase; returns how many have a due date.

    The calendar is read once for all of them.
    """
    calendar = calendar or calendar_from_database()
    dated = 0
    for commitment in commitments:
        _derive(commitment, calendar=calendar, source=DeadlineSource.DERIVED, reason="", user=user)
        dated += commitment.due_date is not None
    return dated
