"""Keep derived due dates in step with the recess calendar.

When the griffie adds, corrects or removes a recess, every due date the engine derived from
the recess calendar (and no clerk set by hand) is recomputed, each change with a history entry.
"""
from django.db.models.signals import post_delete, post_save

from .models import Recess


def _current_user():
    """The user of the request being handled (simple_history's middleware keeps it), if any."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _describe(recess: Recess) -> str:
    # A stored record, in Dutch whatever the interface language: numeric dates.
    return f"{recess.chamber} {recess.kind} {recess.start:%Y} ({recess.start:%d-%m-%Y} t/m {recess.end:%d-%m-%Y})"


def _rederive_for(recess: Recess, what: str):
    from . import services
    from .models import Commitment

    services.rederive_due_dates(
        services.recess_derived(Commitment.objects.filter(chamber=recess.chamber)),
        reason=f"reces {what}: {_describe(recess)}",
        user=_current_user(),
    )


def recess_saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # loaddata: the calendar is being loaded, not changed by the griffie
        return
    _rederive_for(instance, "toegevoegd" if created else "gewijzigd")


def recess_deleted(sender, instance, **kwargs):
    _rederive_for(instance, "verwijderd")


def connect():
    post_save.connect(recess_saved, sender=Recess, dispatch_uid="commitments.recess_saved")
    post_delete.connect(recess_deleted, sender=Recess, dispatch_uid="commitments.recess_deleted")
