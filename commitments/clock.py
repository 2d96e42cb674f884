"""Today, in one place.

Every page, export, feed, filter, service and command asks `clock.today()` for the day it
computes for (call it through the module, `clock.today()`, so that tests can freeze it with one
monkeypatch of `commitments.clock.today`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def today() -> datetime.date:
    """The current date in the site's time zone (settings.TIME_ZONE)."""
    return timezone.localdate()


# The dates the tracker accepts (and so can show): a due date in year 9999 is a typo, and leaves
# no room for "the day after" that calendars and feeds compute. Checked where dates enter: model
# fields, forms, filters, the rappel's parameters and the deadline service.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)


def validate_date_in_range(value: datetime.date | None) -> None:
    """Refuse a date before EARLIEST_DATE or after LATEST_DATE (a ValidationError in the user's language)."""
    if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
