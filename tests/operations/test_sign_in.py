"""Sign-in hygiene: failed sign-ins are rate limited, sessions end, and SSO can be switched on."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, password):
    return client.post(reverse("admin:login"), {"username": "griffier", "password": password})


def test_repeated_failed_sign_ins_lock_the_user_name_out():
    UserFactory(username="griffier", groups=["Griffie"])
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "fout").status_code == 200  # the form again
    assert _login(client, "fout").status_code == 429  # the limit is reached
    locked = _login(client, "geheim-wachtwoord-1")  # even the right password
    assert locked.status_code == 429
    assert "Te veel mislukte aanmeldingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_before_the_limit_works():
    UserFactory(username="griffier", groups=["Griffie"])
    client = Client()
    _login(client, "fout")
    response = _login(client, "geheim-wachtwoord-1")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_remote_user_sso_signs_in_an_existing_user_only(settings):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import RequestFactory

    from tracker.sso import ExistingRemoteUserBackend, HeaderRemoteUserMiddleware

    settings.SSO_REMOTE_USER_HEADER = "HTTP_X_REMOTE_USER"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "tracker.sso.ExistingRemoteUserBackend"]
    UserFactory(username="clerk", groups=["Griffie"]).save()

    from django.http import HttpResponse

    def signed_in(name):
        request = RequestFactory().get("/admin/", HTTP_X_REMOTE_USER=name)
        chain = SessionMiddleware(AuthenticationMiddleware(HeaderRemoteUserMiddleware(lambda r: HttpResponse())))
        chain(request)
        return request.user

    assert signed_in("clerk").username == "clerk"
    assert not signed_in("stranger").is_authenticated
    assert ExistingRemoteUserBackend.create_unknown_user is False
