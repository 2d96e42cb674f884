"""Fixtures shared by the test modules."""
import pytest
from django.test import Client

from commitments.auth import COMMISSIESTAF, GRIFFIE
from tests.factories import UserFactory


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
