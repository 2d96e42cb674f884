"""Following a commitment, following a list selection, and managing one's subscriptions."""

import pytest

from commitments.models import DigestFrequency, Follow, Subscription, SubscriptionKind
from tests.factories import CommitmentFactory, MinistryFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_follows_and_unfollows_a_commitment(staff_client):
    commitment = CommitmentFactory()
    page = staff_client.get(commitment.get_absolute_url()).content.decode()
    assert f'action="/toezeggingen/{commitment.pk}/volgen/"' in page
    staff_client.post(f"/toezeggingen/{commitment.pk}/volgen/")
    assert Follow.objects.filter(user=staff_client.user, commitment=commitment).exists()
    assert 'aria-pressed="true"' in staff_client.get(commitment.get_absolute_url()).content.decode()
    staff_client.post(f"/toezeggingen/{commitment.pk}/volgen/", {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_anonymous_visitors_see_no_follow_buttons_and_cannot_follow(client):
    commitment = CommitmentFactory()
    assert "/volgen/" not in client.get(commitment.get_absolute_url()).content.decode()
    assert "Volg deze selectie" not in client.get("/toezeggingen/").content.decode()
    response = client.post(f"/toezeggingen/{commitment.pk}/volgen/")
    assert response.status_code == 302 and not Follow.objects.exists()


def test_the_list_page_offers_to_follow_the_selection_it_shows(staff_client):
    MinistryFactory(abbreviation="VWS")
    page = staff_client.get("/toezeggingen/?ministry=VWS&overdue=true").content.decode()
    assert "Volg deze selectie" in page
    assert 'name="query" value="ministry=VWS&amp;overdue=true"' in page


def test_following_a_selection_stores_its_query_without_page_or_sort(staff_client):
    MinistryFactory(abbreviation="VWS")
    response = staff_client.post(
        "/abonnementen/nieuw/",
        {
            "kind": SubscriptionKind.SELECTION,
            "query": "sort=-due_date&overdue=true&ministry=VWS&page=2",
            "frequency": "daily",
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.query, subscription.frequency) == ("ministry=VWS&overdue=true", DigestFrequency.DAILY)
    assert "Ministerie: VWS" in staff_client.get("/abonnementen/").content.decode()


@pytest.mark.parametrize("query", ["status=bogus", "ministry=NOPE", "unknown=1"])
def test_an_invalid_selection_is_refused_by_the_lists_filterset(staff_client, query):
    response = staff_client.post(
        "/abonnementen/nieuw/", {"kind": SubscriptionKind.SELECTION, "query": query, "frequency": "weekly"}, follow=True
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_subscribing_to_what_i_follow(staff_client):
    staff_client.post("/abonnementen/nieuw/", {"kind": SubscriptionKind.FOLLOWED, "frequency": "weekly"})
    assert Subscription.objects.get().kind == SubscriptionKind.FOLLOWED


def test_a_user_ends_only_their_own_subscription(staff_client, griffie_client):
    theirs = Subscription.objects.create(user=griffie_client.user, kind=SubscriptionKind.FOLLOWED)
    assert staff_client.post(f"/abonnementen/{theirs.pk}/opzeggen/").status_code == 404
    assert griffie_client.post(f"/abonnementen/{theirs.pk}/opzeggen/").status_code == 302
    assert not Subscription.objects.exists()


def test_the_subscriptions_page_needs_a_login(client):
    assert client.get("/abonnementen/").status_code == 302
