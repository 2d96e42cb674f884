"""Fixtures shared by the test modules."""

import pytest
from django.core.cache import cache
from django.test import Client

from commitments import clock
from commitments.auth import COMMISSIESTAF, GRIFFIE
from tests.factories import UserFactory


def pytest_configure(config):
    """A fast password hasher for the tests, as Django's testing docs advise: the default PBKDF2
    costs ~0.5 s per user, and the suite creates hundreds (hashing itself is Django's, not ours)."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Query counts and page tests measure the rendering path; tests/test_pagecache.py turns the
    # whole-page cache for visitors on.
    settings.TRACKER_PAGE_CACHE = False
    get_hashers.cache_clear()


@pytest.fixture
def frozen_today(monkeypatch):
    """The one way to freeze "today": `frozen_today(day)` makes `clock.today()` answer `day`.

    Every page, export, feed, filter, service and command asks `commitments.clock.today()`
    (through the module), so this one patch moves them all. Returns `day`.
    """

    def freeze(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        return day

    return freeze


@pytest.fixture
def griffie_client(client):
    """A client logged in as a clerk of the Griffie group (may edit); the user is `client.user`."""
    user = UserFactory(username="griffier", groups=[GRIFFIE])
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def staff_client():
    """A separate client logged in as committee staff (Commissiestaf: may only view)."""
    staff = Client()
    staff.user = UserFactory(username="commissiestaf", groups=[COMMISSIESTAF])
    staff.force_login(staff.user)
    return staff


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a test's writes are rolled back, and with them the data
    version its cached figures were stored under."""
    cache.clear()
    yield
    cache.clear()
