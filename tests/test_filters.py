"""The list filters, one FilterSet per list shared by the page, its CSV export and its feeds:
strict about what they accept (unknown parameters and invalid booleans are a 400), and
reading dossiers with the citation parser."""

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.filters import CommitmentFilter, PlainSelect, bind_filter
from commitments.models import Commitment, DocumentKind
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    DossierFactory,
    MinistryFactory,
    MotionFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)
LIST = reverse("commitments:commitment_list")
COMMITMENT_EXPORT = reverse("commitments:commitment_export")
MOTION_EXPORT = "/moties/export.csv"
ICS = reverse("commitments:deadlines_ics")
ATOM = "/toezeggingen/feed.atom"
COMMITMENT_SURFACES = [LIST, COMMITMENT_EXPORT, ICS, ATOM]


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def listed(client, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200, response.content.decode()[:2000]
    return {c.pk for c in response.context["filter"].qs}


# ---------------------------------------------------------------------------- overdue


@pytest.fixture
def late_and_on_time():
    return {
        "late": CommitmentFactory(due_date=TODAY - datetime.timedelta(days=1)),
        "on_time": CommitmentFactory(due_date=TODAY + datetime.timedelta(days=1)),
    }


@pytest.mark.parametrize("value", ["true", "1", "on", "yes", "ja"])
def test_overdue_true_spellings_list_the_overdue_rows(client, late_and_on_time, value):
    assert listed(client, f"overdue={value}") == {late_and_on_time["late"].pk}


@pytest.mark.parametrize("value", ["false", "0", "off", "no", "nee"])
def test_overdue_false_spellings_list_the_rows_not_overdue(client, late_and_on_time, value):
    assert listed(client, f"overdue={value}") == {late_and_on_time["on_time"].pk}


def test_overdue_empty_lists_every_row(client, late_and_on_time):
    assert listed(client, "overdue=") == {c.pk for c in late_and_on_time.values()}


@pytest.mark.parametrize("url", COMMITMENT_SURFACES)
def test_overdue_that_is_not_a_boolean_is_400(client, late_and_on_time, url):
    assert client.get(url, {"overdue": "bogus"}).status_code == 400


# ------------------------------------------------------------------------- unknown parameters


@pytest.mark.parametrize("url", COMMITMENT_SURFACES)
def test_an_unknown_parameter_is_400_on_every_commitment_surface(client, url):
    CommitmentFactory()
    response = client.get(url, {"ministerie": "VWS"})
    assert response.status_code == 400
    assert "ministerie" in response.content.decode()


def test_an_unknown_parameter_is_400_on_the_motion_export(client):
    MotionFactory()
    response = client.get(MOTION_EXPORT, {"ministry": "VWS"})
    assert response.status_code == 400
    assert "ministry" in response.content.decode()


def test_the_list_accepts_the_page_number(client):
    CommitmentFactory()
    assert client.get(LIST, {"page": "1"}).status_code == 200


@pytest.mark.parametrize("url", [COMMITMENT_EXPORT, MOTION_EXPORT])
def test_the_exports_accept_the_dialect(client, url):
    assert client.get(url, {"dialect": "excel"}).status_code == 200


@pytest.mark.parametrize("url", [ICS, ATOM])
def test_the_feeds_refuse_the_page_number(client, url):
    assert client.get(url, {"page": "1"}).status_code == 400


# ---------------------------------------------------------------------------- dossiers


DOSSIER_SPELLINGS = [
    ("31015", ("31015", "")),
    ("31 015", ("31015", "")),
    ("36200-XVI", ("36200", "XVI")),
    ("36 200 XVI", ("36200", "XVI")),
]


@pytest.fixture
def in_two_dossiers():
    return {
        ("31015", ""): CommitmentFactory(dossier=DossierFactory(number="31015")),
        ("36200", "XVI"): CommitmentFactory(dossier=DossierFactory(number="36200", suffix="XVI")),
    }


@pytest.mark.parametrize(("spelling", "dossier"), DOSSIER_SPELLINGS)
def test_the_list_reads_every_spelling_of_a_dossier(client, in_two_dossiers, spelling, dossier):
    assert listed(client, f"dossier={spelling}") == {in_two_dossiers[dossier].pk}


@pytest.mark.parametrize(("spelling", "dossier"), DOSSIER_SPELLINGS)
def test_the_commitment_export_reads_every_spelling_of_a_dossier(client, in_two_dossiers, spelling, dossier):
    body = b"".join(client.get(COMMITMENT_EXPORT, {"dossier": spelling}).streaming_content).decode()
    ids = {int(line.split(",", 1)[0]) for line in body.splitlines()[1:]}
    assert ids == {in_two_dossiers[dossier].pk}


@pytest.mark.parametrize(("spelling", "dossier"), DOSSIER_SPELLINGS)
def test_the_calendar_reads_every_spelling_of_a_dossier(client, in_two_dossiers, spelling, dossier):
    response = client.get(ICS, {"dossier": spelling})
    assert response.status_code == 200
    assert response.content.decode().count("BEGIN:VEVENT") == 1
    assert f"commitment-{in_two_dossiers[dossier].pk}@toezeggingen" in response.content.decode()


@pytest.mark.parametrize(("spelling", "dossier"), DOSSIER_SPELLINGS)
def test_the_motion_export_reads_every_spelling_of_a_dossier(client, spelling, dossier):
    number, suffix = dossier
    motion = MotionFactory(
        document=DocumentFactory(dossier=DossierFactory(number=number, suffix=suffix), kind=DocumentKind.MOTIE)
    )
    MotionFactory()
    body = b"".join(client.get(MOTION_EXPORT, {"dossier": spelling}).streaming_content).decode()
    assert [int(line.split(",", 1)[0]) for line in body.splitlines()[1:]] == [motion.pk]


@pytest.mark.parametrize("url", COMMITMENT_SURFACES)
def test_what_is_not_a_dossier_is_400(client, url):
    assert client.get(url, {"dossier": "kindermishandeling"}).status_code == 400


# -------------------------------------------------------------------------- bind_filter


def test_bind_filter_gives_the_filterset_for_the_day_and_no_error(rf):
    filterset, error = bind_filter(
        CommitmentFilter, rf.get("/", {"status": "voldaan"}), Commitment.objects.all(), today=TODAY
    )
    assert isinstance(filterset, CommitmentFilter) and error is None
    assert filterset.today == TODAY


def test_bind_filter_gives_a_400_naming_the_invalid_field(rf):
    filterset, error = bind_filter(
        CommitmentFilter, rf.get("/", {"status": "bogus"}), Commitment.objects.all(), today=TODAY
    )
    assert error.status_code == 400 and "status" in filterset.errors


# ---------------------------------------------------------------------------- the form's selects


def _queries_naming(client, url, table):
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return html, [q["sql"] for q in captured if f'FROM "{table}"' in q["sql"]]


def test_the_forms_choices_are_read_once_per_data_version_and_again_after_a_write(client):
    MinistryFactory(abbreviation="VWS")
    html, first = _queries_naming(client, LIST, "commitments_ministry")
    assert '<option value="VWS">VWS</option>' in html and first  # read from the data
    html, again = _queries_naming(client, LIST, "commitments_ministry")
    assert '<option value="VWS">VWS</option>' in html and again == []  # drawn from the cache
    MinistryFactory(abbreviation="BZK")  # a write: a new data version
    html, after = _queries_naming(client, LIST, "commitments_ministry")
    assert '<option value="BZK">BZK</option>' in html and after


def test_the_forms_choices_are_drawn_in_the_language_of_the_page(client):
    assert '<option value="" selected>alle</option>' in client.get(LIST).content.decode()
    english = client.get(LIST, headers={"accept-language": "en"}, HTTP_COOKIE="django_language=en")
    assert '<option value="" selected>all</option>' in english.content.decode()


def test_a_selected_value_is_marked_and_names_are_escaped(client):
    person = PersonFactory(name="Jansen & <Zn>")
    html = client.get(f"{LIST}?member={person.pk}&kind=motie").content.decode()
    assert f'<option value="{person.pk}" selected>Jansen &amp; &lt;Zn&gt;</option>' in html
    assert '<option value="motie" selected>motie</option>' in html


@pytest.mark.parametrize("value", ["b", "", None, "missing"])
def test_plain_select_draws_the_same_options_as_djangos_select(value):
    choices = [("", "alle"), ("a", "A & co"), ("b", "<B>"), ("b", "B again")]
    attrs = {"id": "id_x", "aria-invalid": "true", "disabled": True, "hidden": False}

    def options(html):
        return html.replace("\n", "").replace("  ", "").split("<option")

    django_html = forms.Select(choices=choices).render("x", value, attrs)
    plain_html = PlainSelect(choices=choices).render("x", value, attrs)

    def attributes(html):
        return set(re.findall(r'[\w-]+(?:="[^"]*")?', options(html)[0]))

    assert options(plain_html)[1:] == options(django_html)[1:]
    assert attributes(plain_html) == attributes(django_html)
    assert attributes(plain_html) == {"select", 'name="x"', 'id="id_x"', 'aria-invalid="true"', "disabled"}
