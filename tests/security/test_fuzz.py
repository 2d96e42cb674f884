"""Property-based: no hostile value in any public URL, query parameter, or the admin's search and
filters ends in a 500. Bounded (FUZZ_EXAMPLES per test) so CI stays quick."""

import datetime
import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments import clock
from commitments.filters import CommitmentListFilter, MotionFilter
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MinistryFactory,
    MotionFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "²",
            "٣",
            "𝟙𝟚",
            "１２",
            "\x00",
            "a\x00b",
            "9999-12-31",
            "0001-01-01",
            "10000-01-01",
            "2026-02-30",
            "-1",
            "1e309",
            "9" * 30,
            "NaN",
            "inf",
            "'",
            '"',
            "%",
            "%00",
            "\\",
            "..",
            "../..",
            "<script>",
            "=1+1",
            "\u202e",
            "\ud7ff",
            " ",
            "",
            "true",
            "false",
            "open",
            "-days_late",
            "31015-XVI",
            "plenair",
        ]
    ),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
    st.text(min_size=1000, max_size=3000, alphabet="ab1 "),
)

PUBLIC_LISTS = ["/toezeggingen/", "/toezeggingen/export.csv", "/toezeggingen/deadlines.ics", "/toezeggingen/feed.atom"]
PARAMETERS = sorted(CommitmentListFilter.base_filters) + ["page", "dialect", "bogus"]
MOTION_PARAMETERS = sorted(MotionFilter.base_filters) + ["dialect"]
PATHS = [
    "/moties/{}/",
    "/kamerstukken/{}/",
    "/dossiers/{}/",
    "/ministeries/{}/",
    "/commissies/{}/",
    "/personen/{}/",
    "/toezeggingen/{}/",
]
RAPPEL = ["/rappel/", "/rappel/{}/", "/rappel/{}/export.csv", "/rappel/{}/besluiten/"]
ADMIN_CHANGELISTS = ["commitment", "motion", "document", "person", "office", "activity", "recess", "party"]


def _query(names):
    # Repeated parameters too: a list of values per name.
    return st.dictionaries(st.sampled_from(names), st.lists(HOSTILE, min_size=1, max_size=3), max_size=4)


@pytest.fixture
def data(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2026, 11, 22))
    ministry = MinistryFactory(abbreviation="VWS")
    CommitmentFactory(
        ministry=ministry, committee=CommitteeFactory(abbreviation="VWS"), due_date=datetime.date(2026, 1, 1)
    )
    CommitmentFactory(due_date=None)
    MotionFactory()
    DocumentFactory()
    PersonFactory()


def _no_500(response, url):
    assert response.status_code < 500, url


@FUZZ
@given(url=st.sampled_from(PUBLIC_LISTS), query=_query(PARAMETERS))
def test_public_lists_exports_and_feeds_never_answer_500(data, url, query):
    _no_500(Client().get(url, query), url)


@FUZZ
@given(query=_query(MOTION_PARAMETERS))
def test_motion_export_never_answers_500(data, query):
    _no_500(Client().get("/moties/export.csv", query), query)


@FUZZ
@given(
    pattern=st.sampled_from(PATHS),
    segment=HOSTILE.filter(lambda s: s and "/" not in s and "?" not in s and "#" not in s),
)
def test_detail_pages_never_answer_500(data, pattern, segment):
    from urllib.parse import quote

    url = pattern.format(quote(segment, safe=""))
    _no_500(Client().get(url), url)


@FUZZ
@given(
    pattern=st.sampled_from(RAPPEL),
    ministry=st.sampled_from(["VWS", "²", "x"]),
    query=_query(["peildatum", "binnen", "print", "bogus"]),
)
def test_rappel_pages_never_answer_500(data, pattern, ministry, query):
    staff = Client()
    user = UserFactory(username="fuzz-staf", groups=["Commissiestaf"])
    staff.force_login(user)
    url = pattern.format(ministry)
    _no_500(staff.get(url, query), url)


@FUZZ
@given(
    model=st.sampled_from(ADMIN_CHANGELISTS),
    query=_query(
        [
            "q",
            "o",
            "p",
            "status",
            "overdue",
            "kind",
            "due_date__gte",
            "made_on__year",
            "archived",
            "ministry__id__exact",
            "e",
            "all",
            "_to_field",
        ]
    ),
)
def test_admin_search_and_filters_never_answer_500(data, model, query):
    admin = Client()
    user = UserFactory(username="fuzz-beheer", is_superuser=True)
    user.save()
    admin.force_login(user)
    url = f"/admin/commitments/{model}/"
    _no_500(admin.get(url, query), url)
