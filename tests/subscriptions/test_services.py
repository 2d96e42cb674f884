"""The subscription services: one subscription per selection, and only known kinds and frequencies."""

import pytest

from commitments.models import DigestFrequency, Subscription, SubscriptionKind
from commitments.services import subscriptions as service
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_subscribing_again_to_a_selection_only_changes_its_frequency():
    user = UserFactory()
    first = service.subscribe(user, kind=SubscriptionKind.SELECTION, query="overdue=true")
    again = service.subscribe(
        user, kind=SubscriptionKind.SELECTION, query="overdue=true", frequency=DigestFrequency.DAILY
    )
    assert again.pk == first.pk and Subscription.objects.get().frequency == DigestFrequency.DAILY


def test_a_subscription_to_what_one_follows_keeps_no_query():
    subscription = service.subscribe(UserFactory(), kind=SubscriptionKind.FOLLOWED, query="overdue=true")
    assert subscription.query == ""


@pytest.mark.parametrize(
    ("kind", "frequency"), [("everything", DigestFrequency.DAILY), (SubscriptionKind.FOLLOWED, "hourly")]
)
def test_an_unknown_kind_or_frequency_is_refused(kind, frequency):
    with pytest.raises(ValueError):
        service.subscribe(UserFactory(), kind=kind, frequency=frequency)
    assert not Subscription.objects.exists()


def test_following_twice_is_one_follow():
    user, commitment = UserFactory(), CommitmentFactory()
    assert service.follow(user, commitment) == service.follow(user, commitment)
    service.unfollow(user, commitment)
    assert not user.follows.exists()
