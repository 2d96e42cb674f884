"""Registering a received letter and closing what it answers, in one transaction ("brief ontvangen")."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Commitment, Document, Fulfilment
from .closing import close_with_letter


@transaction.atomic
def register_letter(
    letter: Document,
    closures: Iterable[tuple[Commitment, str]],
    *,
    closed_on: date | None = None,
    note: str = "",
) -> Document:
    """Save `letter` (new, or a registered one with its number or date added) and let it close
    each (commitment, fulfilment) pair. All or nothing: one refused closure saves nothing.

    The closing date defaults to the letter's date. A letter registered without a number keeps
    its pk when the number is added, so earlier closures stay linked.
    """
    closures = list(closures)
    if closures and not (closed_on or letter.date):
        raise ValidationError(_("Give the letter's date (or a closing date) to close commitments with it."))
    letter.full_clean(exclude=["identifier"], validate_unique=False)
    letter.save()
    for fulfilment in (Fulfilment.FULL, Fulfilment.PARTIAL):
        group = [commitment for commitment, chosen in closures if chosen == fulfilment]
        if group:
            close_with_letter(group, letter, fulfilment, closed_on=closed_on, note=note)
    return letter
