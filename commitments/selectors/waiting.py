"""Read queries for event deadlines: the commitments that wait for a paper of a series."""

from django.db.models import Q

from ..models import Commitment, Document


def commitments_waiting_for(document: Document):
    """Open commitments that wait for a paper of `document`'s series (none when it has no series).

    A paper older than the promise cannot be the one it waits for.
    """
    if not document.series_id:
        return Commitment.objects.none()
    waiting = Commitment.objects.open().filter(expected_series_id=document.series_id)
    if document.date:
        waiting = waiting.filter(Q(made_on__isnull=True) | Q(made_on__lte=document.date))
    return waiting.order_by("made_on", "pk")
