"""Feeds: an iCalendar of due dates (for Outlook) and an Atom feed of what changed.

Both take the commitment list's filters (CommitmentFilter) and answer 400 on an invalid
value, like the CSV export.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from . import clock
from .filters import CommitmentFilter, bind_filter
from .models import Closure, Commitment, CommitmentStatus

CHUNK_SIZE = 2000
# Entries in the Atom feed; readers keep what they have already seen.
FEED_LIMIT = 50
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _day_after(day):
    """The next day; the last representable date stays itself (entry refuses such dates, old rows may have them)."""
    return day + datetime.timedelta(days=1) if day < datetime.date.max else day


# ------------------------------------------------------------------- iCalendar


def deadline_event(commitment, url):
    """One all-day VEVENT on the commitment's due date; its UID never changes."""
    event = Event()
    event.add("uid", f"commitment-{commitment.pk}@toezeggingen")
    event.add("dtstamp", commitment.updated_at)
    event.add("last-modified", commitment.updated_at)
    event.add("dtstart", commitment.due_date)
    event.add("dtend", _day_after(commitment.due_date))
    event.add("summary", str(commitment))
    lines = [commitment.text, ""]
    if commitment.deadline_phrase:
        lines.append(gettext("Deadline as said: %(phrase)s") % {"phrase": commitment.deadline_phrase})
    lines.append(gettext("Status: %(status)s") % {"status": commitment.status})
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    if commitment.ministry_id:
        event.add("categories", [commitment.ministry.abbreviation])
    event.add("status", "CANCELLED" if commitment.status == CommitmentStatus.VERVALLEN else "CONFIRMED")
    # A deadline is a reminder, not an appointment: do not show the day as busy.
    event.add("transp", "TRANSPARENT")
    return event


@require_safe
def deadlines_ics(request):
    """Due dates of the commitments matching the list's filters, as a subscribable calendar."""
    today = clock.today()
    base = Commitment.objects.with_overdue(today).select_related("ministry")
    filterset, error = bind_filter(CommitmentFilter, request, base, today=today)
    if error:
        return error
    calendar = Calendar()
    calendar.add("prodid", "-//Toezeggingen//Deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gettext("Commitment deadlines"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for commitment in filterset.qs.filter(due_date__isnull=False).iterator(chunk_size=CHUNK_SIZE):
        calendar.add_component(deadline_event(commitment, request.build_absolute_uri(commitment.get_absolute_url())))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "toezeggingen-deadlines.ics")
    return response


# ------------------------------------------------------------------------ Atom


@dataclass(frozen=True)
class Change:
    """One entry of the Atom feed: a commitment became overdue, or a letter closed it."""

    OVERDUE = "te-laat"
    CLOSED = "afgedaan"

    kind: str
    day: datetime.date
    commitment: Commitment
    url: str
    closure: Closure | None = None

    @property
    def guid(self):
        """Unique per entry: a commitment can become overdue and later be closed by several letters."""
        return f"{self.url}#{self.kind}-{self.closure.pk if self.closure else self.day.isoformat()}"


class _InvalidFilters(Exception):
    def __init__(self, response):
        self.response = response


class ChangesFeed(Feed):
    """Commitments that became overdue (dated the day after the due date) or were closed.

    Newest first, at most FEED_LIMIT entries, in two queries (plus the filters' own lookups).
    """

    feed_type = Atom1Feed
    title = _("Commitments: overdue and fulfilled")
    subtitle = _("Commitments to the Tweede Kamer that became overdue or were fulfilled.")

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _InvalidFilters as invalid:
            return invalid.response

    def get_object(self, request, *args, **kwargs):
        today = clock.today()
        filterset, error = bind_filter(CommitmentFilter, request, Commitment.objects.with_overdue(today), today=today)
        if error:
            raise _InvalidFilters(error)
        return {"commitments": filterset.qs, "today": today, "request": request}

    def link(self):
        return reverse("commitments:commitment_list")

    def items(self, obj):
        commitments, today, request = obj["commitments"], obj["today"], obj["request"]
        overdue = commitments.overdue(today).select_related("ministry").order_by("-due_date", "-pk")[:FEED_LIMIT]
        closures = (
            Closure.objects.filter(commitment__in=commitments.values("pk"))
            .select_related("commitment__ministry", "document__dossier")
            .order_by("-closed_on", "-pk")[:FEED_LIMIT]
        )

        def url(commitment):
            return request.build_absolute_uri(commitment.get_absolute_url())

        changes = [Change(Change.OVERDUE, _day_after(c.due_date), c, url(c)) for c in overdue]
        changes += [
            Change(Change.CLOSED, closure.closed_on, closure.commitment, url(closure.commitment), closure)
            for closure in closures
        ]
        changes.sort(key=lambda change: (change.day, change.commitment.pk), reverse=True)
        return changes[:FEED_LIMIT]

    def item_title(self, change):
        if change.kind == Change.OVERDUE:
            return gettext("Overdue: %(commitment)s") % {"commitment": change.commitment}
        if not change.closure.is_full:
            return gettext("Partly fulfilled: %(commitment)s") % {"commitment": change.commitment}
        return gettext("Fulfilled: %(commitment)s") % {"commitment": change.commitment}

    def item_description(self, change):
        commitment = change.commitment
        if change.kind == Change.OVERDUE:
            return gettext("Due on %(date)s (%(phrase)s) and still open.") % {
                "date": date_format(commitment.due_date, "j F Y"),
                "phrase": commitment.deadline_phrase or "—",
            }
        return gettext("Closed by %(letter)s on %(date)s.") % {
            "letter": change.closure.document.citation,
            "date": date_format(change.day, "j F Y"),
        }

    def item_link(self, change):
        return change.url

    def item_guid(self, change):
        return change.guid

    def item_guid_is_permalink(self, change):
        return False

    def item_pubdate(self, change):
        return _local_midnight(change.day)

    def item_updateddate(self, change):
        return _local_midnight(change.day)

    def item_categories(self, change):
        ministry = change.commitment.ministry
        return [ministry.abbreviation] if ministry else []


changes_atom = require_safe(ChangesFeed())
