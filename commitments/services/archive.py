"""Archiving: a commitment, motion or paper leaves the public pages, but nothing is erased.

Deleting would take the record's history with it (and a commitment's deadline history);
archiving keeps both, with who archived it, when and why.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.archive import Archivable
from .records import Actor, acting_user, clip, save_with_reason

_REASON_LENGTH = 500


@transaction.atomic
def archive(records: Iterable[Archivable], *, reason: str, user: Actor = None) -> list[Archivable]:
    """Archive each record that is not archived yet, keeping who, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for archiving."))
    archived = []
    for record in records:
        if record.archived_at is not None:
            continue
        record.archived_at = timezone.now()
        record.archived_by = acting_user(user)
        record.archive_reason = clip(reason, _REASON_LENGTH)
        save_with_reason(record, f"gearchiveerd: {reason}", user=user)
        archived.append(record)
    return archived


@transaction.atomic
def restore(records: Iterable[Archivable], *, reason: str, user: Actor = None) -> list[Archivable]:
    """Bring archived records back onto the public pages (the archiving stays in the history)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for restoring."))
    restored = []
    for record in records:
        if record.archived_at is None:
            continue
        record.archived_at, record.archived_by, record.archive_reason = None, None, ""
        save_with_reason(record, f"uit archief teruggezet: {reason}", user=user)
        restored.append(record)
    return restored
