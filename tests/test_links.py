"""Links to the public pages are reversed once and remembered (commitments.links)."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from commitments.links import url_of
from tests.factories import CommitmentFactory, CommitteeFactory, MinistryFactory, PersonFactory


def test_a_remembered_link_is_the_reversed_one():
    assert url_of("commitments:person", 7) == reverse("commitments:person", args=[7]) == "/personen/7/"
    assert url_of("commitments:ministry", "VWS") == reverse("commitments:ministry", args=["VWS"])


def test_a_link_follows_the_script_prefix_it_is_drawn_under():
    assert url_of("commitments:committee", "VWS") == "/commissies/VWS/"
    set_script_prefix("/tracker/")
    try:
        assert url_of("commitments:committee", "VWS") == "/tracker/commissies/VWS/"
    finally:
        clear_script_prefix()
    assert url_of("commitments:committee", "VWS") == "/commissies/VWS/"


@pytest.mark.django_db
def test_the_pages_link_their_rows_as_reverse_does():
    person, ministry, committee = PersonFactory(), MinistryFactory(abbreviation="BZK"), CommitteeFactory()
    commitment = CommitmentFactory()
    assert person.get_absolute_url() == reverse("commitments:person", args=[person.pk])
    assert ministry.get_absolute_url() == reverse("commitments:ministry", args=["BZK"])
    assert committee.get_absolute_url() == reverse("commitments:committee", args=[committee.abbreviation])
    assert commitment.get_absolute_url() == reverse("commitments:commitment", args=[commitment.pk])
