"""Who may read and write through the API: public like the pages, writes for the griffie's token."""

import pytest
from rest_framework.authtoken.models import Token

from commitments.auth import COMMISSIESTAF, GRIFFIE
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db

READ_URLS = ["/api/v1/", "/api/v1/commitments/", "/api/v1/motions/", "/api/schema/", "/api/docs/"]


@pytest.mark.parametrize("url", READ_URLS)
def test_reading_is_public_like_the_pages(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", READ_URLS)
def test_reading_needs_a_login_when_the_site_requires_one(client, settings, url):
    settings.TRACKER_REQUIRE_LOGIN = True
    assert client.get(url).status_code == 401


def test_a_token_opens_the_api_when_the_site_requires_login(client, settings):
    settings.TRACKER_REQUIRE_LOGIN = True
    CommitmentFactory()
    token = Token.objects.create(user=UserFactory(groups=[COMMISSIESTAF]))
    response = client.get("/api/v1/commitments/", headers={"authorization": f"Token {token.key}"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_signed_in_session_reads_when_the_site_requires_login(staff_client, settings):
    settings.TRACKER_REQUIRE_LOGIN = True
    assert staff_client.get("/api/v1/commitments/").status_code == 200


def test_a_wrong_token_is_refused(client):
    assert client.get("/api/v1/commitments/", headers={"authorization": "Token nonsense"}).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_read_resources_refuse_writes_even_from_the_griffie(method):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory(groups=[GRIFFIE])).key}")
    commitment = CommitmentFactory()
    response = getattr(client, method)(f"/api/v1/commitments/{commitment.pk}/", {"status": "x"}, format="json")
    assert response.status_code in (403, 405)


def test_the_docs_page_serves_swagger_ui_from_our_own_static_files(client):
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    redoc = client.get("/api/redoc/").content.decode()
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in redoc
