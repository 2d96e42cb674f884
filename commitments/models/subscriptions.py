"""Following commitments, subscriptions to a list selection, and the digests sent for them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DigestFrequency, SubscriptionKind
from .commitment import Commitment


class Follow(models.Model):
    """A user follows one commitment ("my promises to follow")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("followed commitment")
        verbose_name_plural = _("followed commitments")
        constraints = [models.UniqueConstraint(fields=["user", "commitment"], name="follow_once")]

    def __str__(self):
        return f"{self.user} → {self.commitment_id}"


class Subscription(models.Model):
    """A digest by e-mail of a list selection (the list's query string) or of what the user follows.

    The query string is validated by the list's FilterSet when the subscription is made, and
    read by it again for every digest, so a selection means exactly what the list shows.
    """

    Kind = SubscriptionKind
    Frequency = DigestFrequency

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SELECTION)
    query = models.CharField(_("selection (query string)"), max_length=1000, blank=True)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "query"], name="subscription_once"),
            models.CheckConstraint(
                condition=Q(kind=SubscriptionKind.SELECTION) | Q(query=""),
                name="subscription_followed_has_no_query",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} {self.query}".strip()

    def list_url(self):
        """The list page showing this selection (relative)."""
        url = reverse("commitments:commitment_list")
        return f"{url}?{self.query}" if self.query else url

    def period_start(self, day: datetime.date) -> datetime.date:
        """The first day of the digest period that contains `day` (the day, or the week's Monday)."""
        if self.frequency == DigestFrequency.WEEKLY:
            return day - datetime.timedelta(days=day.weekday())
        return day

    @property
    def period_length(self) -> datetime.timedelta:
        return datetime.timedelta(days=7 if self.frequency == DigestFrequency.WEEKLY else 1)


class DigestDelivery(models.Model):
    """One digest period of a subscription, handled: at most one per period (a rerun sends nothing)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    period_start = models.DateField(_("period start"))
    sent_on = models.DateField(_("computed for"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    emailed = models.BooleanField(_("e-mailed"), default=False, help_text=_("False when there was nothing to report."))

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["subscription", "period_start"], name="digest_once_per_period")]

    def __str__(self):
        return f"{self.subscription_id} {self.period_start}"
