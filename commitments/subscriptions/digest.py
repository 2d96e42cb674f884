"""The e-mail digests: for each subscription whose period has not been handled, what falls due,
what became overdue and what was closed, sent once per period (daily, or weekly from Monday).

A rerun in the same period sends nothing: the period is recorded (`DigestDelivery`, unique per
subscription and period) in the same transaction as the sending, so a failed send is retried
by the next run and a successful one never repeated.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ..models import DigestDelivery, Follow, Subscription, SubscriptionKind
from ..selectors import pages
from ..selectors.digest import DigestContent, digest_content
from .forms import selection_filter
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

# The digest is written in Dutch, the language of its readers.
DIGEST_LANGUAGE = "nl"


def absolute(path: str) -> str:
    return settings.TRACKER_BASE_URL.rstrip("/") + path


def subscription_rows(subscription, today):
    """The commitments a subscription covers (as list rows), or None if its selection is no longer valid."""
    rows = pages.commitment_rows(today)
    if subscription.kind == SubscriptionKind.FOLLOWED:
        return rows.filter(Exists(Follow.objects.filter(commitment=OuterRef("pk"), user_id=subscription.user_id)))
    filterset = selection_filter(subscription.query, rows, today)
    return filterset.qs if filterset.is_valid() else None


def describe(subscription) -> str:
    """The selection in words: "Ministry: VWS, Overdue: true", or "commitments I follow"."""
    if subscription.kind == SubscriptionKind.FOLLOWED:
        return gettext("the commitments you follow")
    filterset = selection_filter(subscription.query)
    parts = []
    for name, values in filterset.data.lists():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        parts.append(f"{label}: {', '.join(values)}")
    return ", ".join(parts) or gettext("all commitments")


def digest_message(subscription, content: DigestContent) -> EmailMultiAlternatives:
    """The digest e-mail, plain text and HTML, in Dutch, with an unsubscribe link and header."""
    unsubscribe_url = absolute(reverse("commitments:unsubscribe", args=[unsubscribe_token(subscription)]))
    with translation.override(DIGEST_LANGUAGE):
        selection = describe(subscription)
        context = {
            "content": content,
            "selection": selection,
            "base_url": settings.TRACKER_BASE_URL.rstrip("/"),
            "list_url": absolute(subscription.list_url()),
            "subscriptions_url": absolute(reverse("commitments:subscriptions")),
            "unsubscribe_url": unsubscribe_url,
            "user": subscription.user,
        }
        subject = gettext("Commitments: %(count)s updates on %(selection)s") % {
            "count": content.item_count,
            "selection": selection,
        }
        text = render_to_string("subscriptions/digest.txt", context)
        html = render_to_string("subscriptions/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=text,
        to=[subscription.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class DigestRun:
    """What one run did: e-mails sent, periods with nothing to report, periods already handled."""

    sent: int = 0
    empty: int = 0
    already_sent: int = 0
    invalid: list = field(default_factory=list)


def send_digests(today, *, frequency=None) -> DigestRun:
    """Send every digest whose period (the day, or the week from Monday) has not been handled yet."""
    run = DigestRun()
    subscriptions = Subscription.objects.select_related("user").filter(user__is_active=True).exclude(user__email="")
    if frequency:
        subscriptions = subscriptions.filter(frequency=frequency)
    for subscription in subscriptions.order_by("pk"):
        with transaction.atomic():
            delivery, created = DigestDelivery.objects.get_or_create(
                subscription=subscription, period_start=subscription.period_start(today), defaults={"sent_on": today}
            )
            if not created:
                run.already_sent += 1
                continue
            previous = subscription.deliveries.exclude(pk=delivery.pk).order_by("-period_start").first()
            since = previous.sent_on if previous else today - subscription.period_length
            rows = subscription_rows(subscription, today)
            if rows is None:
                logger.warning(
                    "Subscription %s: its selection %r is no longer valid", subscription.pk, subscription.query
                )
                run.invalid.append(subscription.pk)
                continue
            content = digest_content(rows, since, today)
            delivery.item_count = content.item_count
            if content.item_count:
                digest_message(subscription, content).send()
                delivery.emailed = True
                run.sent += 1
            else:
                run.empty += 1
            delivery.save()
    return run
