"""Today, in one place.

Every page, export, feed, filter, service and command asks `clock.today()` for the day it
computes for (call it through the module, `clock.today()`, so that tests can freeze it with one
monkeypatch of `commitments.clock.today`).
"""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """The current date in the site's time zone (settings.TIME_ZONE)."""
    return timezone.localdate()
