"""People and offices: "an office held on a day" has one rule, open-ended bounds count as held."""

import datetime

import pytest

from commitments.models import Office
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2017, 10, 26), datetime.date(2022, 1, 10)


def held_on(day):
    return set(Office.objects.held_on(day).values_list("pk", flat=True))


def test_office_is_held_on_its_first_and_last_day():
    office = OfficeFactory(start=START, end=END)
    assert held_on(START) == held_on(END) == {office.pk}


def test_office_is_not_held_before_it_starts_or_after_it_ends():
    OfficeFactory(start=START, end=END)
    assert held_on(START - datetime.timedelta(days=1)) == held_on(END + datetime.timedelta(days=1)) == set()


def test_office_without_an_end_is_still_held():
    office = OfficeFactory(start=START, end=None)
    assert held_on(datetime.date(2030, 1, 1)) == {office.pk}


def test_office_without_a_start_was_held_before_its_end():
    office = OfficeFactory(start=None, end=END)
    assert held_on(datetime.date(2000, 1, 1)) == {office.pk}


def test_covers_agrees_with_held_on():
    office = OfficeFactory(start=START, end=END)
    for day in (START - datetime.timedelta(days=1), START, END, END + datetime.timedelta(days=1)):
        assert office.covers(day) == (office.pk in held_on(day)), day
