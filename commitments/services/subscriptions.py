"""Following commitments and subscribing to digests: one function per change, each one transaction."""

from django.contrib.auth.models import User
from django.db import transaction

from ..models import Commitment, DigestFrequency, Follow, Subscription, SubscriptionKind


@transaction.atomic
def follow(user: User, commitment: Commitment) -> Follow:
    """`user` follows `commitment` ("my promises to follow"); following twice changes nothing."""
    followed, _ = Follow.objects.get_or_create(user=user, commitment=commitment)
    return followed


@transaction.atomic
def unfollow(user: User, commitment: Commitment) -> None:
    Follow.objects.filter(user=user, commitment=commitment).delete()


@transaction.atomic
def subscribe(user: User, *, kind: str, query: str = "", frequency: str = DigestFrequency.WEEKLY) -> Subscription:
    """Subscribe `user` to a digest of a list selection (its validated query string) or of what they follow.

    Subscribing again to the same selection only changes the frequency.
    """
    if kind not in SubscriptionKind.values or frequency not in DigestFrequency.values:
        raise ValueError(f"Unknown subscription kind or frequency: {kind!r}, {frequency!r}")
    query = query if kind == SubscriptionKind.SELECTION else ""
    subscription, created = Subscription.objects.get_or_create(
        user=user, kind=kind, query=query, defaults={"frequency": frequency}
    )
    if not created and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    return subscription


@transaction.atomic
def unsubscribe(subscription: Subscription) -> None:
    """End a subscription (and forget the periods already sent)."""
    subscription.delete()
