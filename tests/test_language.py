"""The interface speaks Dutch by default; English is there for whoever picks it."""

import pytest
from django.conf import settings
from django.urls import reverse

from commitments.auth import COMMISSIESTAF
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_dutch_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("commitments:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_english_after_choosing_it_with_the_switch(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("commitments:dashboard"))
    assert response["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("commitments:dashboard"))["Content-Language"] == "nl"


def test_staff_see_the_rappel_and_admin_links_and_the_public_does_not(client):
    rappel = reverse("commitments:rappel_index")
    assert rappel not in client.get(reverse("commitments:dashboard")).content.decode()
    client.force_login(UserFactory(groups=[COMMISSIESTAF]))
    page = client.get(reverse("commitments:dashboard")).content.decode()
    assert rappel in page and reverse("admin:index") in page
