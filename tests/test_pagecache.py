"""Whole pages cached for visitors without a session (commitments.pagecache): served in one query,
never stale after a write or a new day, never shared with or taken from a signed-in user, and
each visitor's forms carry that visitor's own CSRF token."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments.auth import COMMISSIESTAF
from commitments.services import closing
from tests.factories import CommitmentFactory, DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
LIST = "/toezeggingen/?overdue=true&sort=-days_late"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings, frozen_today):
    settings.TRACKER_PAGE_CACHE = True
    frozen_today(TODAY)


def get(client, url=LIST, **headers):
    """The response and its queries (the test's savepoints around the request's transaction aside)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len([q for q in queries if "SAVEPOINT" not in q["sql"]])


def without_token(response):
    return TOKEN.sub("", response.content.decode())


def test_a_visitor_gets_the_same_page_from_the_cache_in_one_query():
    CommitmentFactory(text="Brief over de jeugdzorg", due_date=TODAY - datetime.timedelta(days=3))
    first, rendered = get(Client())
    second, served = get(Client())
    assert (rendered > 1, served) == (True, 1)  # the data version only
    assert "Brief over de jeugdzorg" in second.content.decode()
    assert without_token(second) == without_token(first)


def test_a_write_shows_on_the_next_request():
    commitment = CommitmentFactory(text="Brief over de jeugdzorg", due_date=TODAY - datetime.timedelta(days=3))
    get(Client())
    closing.close_with_letter([commitment], DocumentFactory(date=TODAY), "volledig")
    response, queries = get(Client())
    assert queries > 1
    assert "Brief over de jeugdzorg" not in response.content.decode()


def test_a_new_day_renders_the_page_again(frozen_today):
    CommitmentFactory(text="Brief over de jeugdzorg", due_date=TODAY + datetime.timedelta(days=1))
    assert "Brief over de jeugdzorg" not in get(Client())[0].content.decode()
    frozen_today(TODAY + datetime.timedelta(days=2))
    assert "Brief over de jeugdzorg" in get(Client())[0].content.decode()


def test_a_signed_in_user_is_neither_served_nor_cached():
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=3))
    staff = Client()
    staff.force_login(UserFactory(username="griffier-jansen", groups=[COMMISSIESTAF]))
    get(staff)  # the filter form's choices, drawn once per data version
    signed_in, queries = get(staff)
    assert signed_in.context["user"].username == "griffier-jansen"  # rendered for this user
    visitor, rendered = get(Client())
    assert rendered > 1  # the signed-in user's page was not kept for visitors
    assert get(Client())[1] == 1  # the visitor's was
    again, queries_again = get(staff)
    assert (again.context["user"].username, queries_again) == ("griffier-jansen", queries)


def test_each_visitor_posts_with_their_own_token():
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=3))
    get(Client())
    visitor = Client(enforce_csrf_checks=True)
    page, queries = get(visitor)
    assert queries == 1
    token = TOKEN.search(page.content.decode()).group(1)
    assert "csrftoken" in page.cookies
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_each_language_has_its_own_copy():
    CommitmentFactory(due_date=TODAY - datetime.timedelta(days=3))
    dutch = get(Client(), HTTP_ACCEPT_LANGUAGE="nl")[0].content.decode()
    english = get(Client(), HTTP_ACCEPT_LANGUAGE="en")[0].content.decode()
    assert 'lang="nl"' in dutch
    assert 'lang="en"' in english


def test_an_invalid_request_is_not_cached():
    client = Client()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/toezeggingen/?due_after=2021-13-45")
        assert response.status_code == 400
        assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) > 1
