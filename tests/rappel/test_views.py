"""The half-yearly rappel, through its pages: lists per ministry for a cut-off date, printable and CSV, and the one
screen where the griffie records the committee's decisions (all or nothing, in the history)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.auth import GRIFFIE
from commitments.models import Closure, Commitment, DeadlineChange
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    DossierFactory,
    MinistryFactory,
    OfficeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Every test names its cut-off date: "today" never decides what a list shows.
CUTOFF = datetime.date(2026, 6, 30)
MADE = datetime.date(2025, 11, 20)


def day(text):
    return datetime.date.fromisoformat(text)


def promise(ministry, due_date, **fields):
    office = OfficeFactory(ministry=ministry)
    fields.setdefault("made_on", MADE)
    return CommitmentFactory(office=office, due_date=due_date, **fields)


@pytest.fixture
def rows():
    vws = MinistryFactory(abbreviation="VWS", name="Volksgezondheid, Welzijn en Sport")
    jenv = MinistryFactory(abbreviation="JenV", name="Justitie en Veiligheid")
    return {
        "vws": vws,
        "jenv": jenv,
        "late": promise(vws, day("2026-05-31"), number="TZ-LATE", deadline_phrase="eind mei"),
        "partly_late": promise(
            vws, day("2026-06-29"), number="TZ-PARTLY", partly_fulfilled=True, partly_fulfilled__on=day("2026-02-01")
        ),
        "due_on_cutoff": promise(vws, CUTOFF, number="TZ-CUTOFF"),
        "soon": promise(vws, day("2026-07-20"), number="TZ-SOON"),
        "far": promise(vws, day("2026-12-31"), number="TZ-FAR"),
        "done": promise(vws, day("2026-01-01"), number="TZ-DONE", fulfilled=True, fulfilled__on=day("2025-12-15")),
        "lapsed": promise(vws, day("2026-01-01"), number="TZ-LAPSED", lapsed=True),
        "undated": promise(vws, None, number="TZ-UNDATED", deadline_phrase="op korte termijn"),
        "jenv_late": promise(jenv, day("2026-03-01"), number="TZ-JENV"),
    }


def ministry_url(name, abbreviation="VWS", **params):
    url = reverse(f"commitments:{name}", args=[abbreviation])
    params.setdefault("peildatum", CUTOFF.isoformat())
    return url + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def numbers(commitments):
    return [c.number for c in commitments]


# ------------------------------------------------------------------------------------ lists


def test_index_lists_ministries_with_counts_for_the_cutoff(griffie_client, rows):
    response = griffie_client.get(reverse("commitments:rappel_index"), {"peildatum": CUTOFF.isoformat()})
    counts = {m.abbreviation: (m.overdue, m.due_soon) for m in response.context["ministries"]}
    assert counts == {"JenV": (1, 0), "VWS": (2, 2)}
    page = response.content.decode()
    assert reverse("commitments:rappel_ministry", args=["VWS"]) + "?peildatum=2026-06-30&amp;binnen=60" in page


def test_ministry_list_shows_overdue_and_soon_due_open_commitments(griffie_client, rows):
    response = griffie_client.get(ministry_url("rappel_ministry"))
    assert response.status_code == 200
    assert numbers(response.context["overdue"]) == ["TZ-LATE", "TZ-PARTLY"]
    # Due on the cut-off date itself is not yet late (the one overdue rule).
    assert numbers(response.context["due_soon"]) == ["TZ-CUTOFF", "TZ-SOON"]
    page = response.content.decode()
    assert "eind mei" in page
    assert "TZ-FAR" not in page and "TZ-DONE" not in page and "TZ-UNDATED" not in page and "TZ-JENV" not in page


def test_days_late_are_counted_from_the_cutoff_not_from_today(griffie_client, rows):
    on_cutoff = griffie_client.get(ministry_url("rappel_ministry")).context["overdue"]
    assert [(c.number, c.days_late) for c in on_cutoff] == [("TZ-LATE", 30), ("TZ-PARTLY", 1)]
    later = griffie_client.get(ministry_url("rappel_ministry", peildatum="2026-07-10")).context["overdue"]
    assert [(c.number, c.days_late) for c in later] == [("TZ-LATE", 40), ("TZ-PARTLY", 11), ("TZ-CUTOFF", 10)]


@pytest.mark.parametrize(("binnen", "expected"), [(10, ["TZ-CUTOFF"]), (200, ["TZ-CUTOFF", "TZ-SOON", "TZ-FAR"])])
def test_window_for_soon_due_follows_binnen(griffie_client, rows, binnen, expected):
    response = griffie_client.get(ministry_url("rappel_ministry", binnen=binnen))
    assert numbers(response.context["due_soon"]) == expected


@pytest.mark.parametrize(
    "params, message",
    [
        ({"peildatum": "30-06-2026"}, "Ongeldige peildatum"),
        ({"peildatum": "2026-02-30"}, "Ongeldige peildatum"),
        ({"peildatum": "2026-06-30", "binnen": "zestig"}, "Ongeldig aantal dagen"),
        ({"peildatum": "2026-06-30", "binnen": "-1"}, "Ongeldig aantal dagen"),
    ],
)
def test_invalid_cutoff_or_window_answers_400_in_dutch(griffie_client, rows, params, message):
    for url in [
        reverse("commitments:rappel_index"),
        reverse("commitments:rappel_ministry", args=["VWS"]),
        reverse("commitments:rappel_export", args=["VWS"]),
    ]:
        response = griffie_client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_unknown_ministry_is_404(griffie_client, rows):
    assert griffie_client.get(ministry_url("rappel_ministry", abbreviation="XYZ")).status_code == 404


def test_printable_version_has_the_list_without_navigation(griffie_client, rows):
    page = griffie_client.get(ministry_url("rappel_ministry")).content.decode()
    assert 'class="site-header"' in page and "@media print" in page
    printable = griffie_client.get(ministry_url("rappel_ministry", print=1)).content.decode()
    assert 'class="site-header"' not in printable and "<nav" not in printable
    assert "TZ-LATE" in printable and "Te laat op de peildatum" in printable


def test_list_query_count_does_not_grow_with_rows(griffie_client, rows):
    url = ministry_url("rappel_ministry")
    griffie_client.get(url)  # warm the session and permission caches alike for both runs
    with CaptureQueriesContext(connection) as few:
        griffie_client.get(url)
    for _ in range(100):
        promise(rows["vws"], day("2026-04-01"))
    with CaptureQueriesContext(connection) as many:
        response = griffie_client.get(url)
    assert len(response.context["overdue"]) == 102
    assert len(many) == len(few) <= 10


def test_index_query_count_does_not_grow_with_ministries(griffie_client, rows):
    url = reverse("commitments:rappel_index") + "?peildatum=2026-06-30"
    griffie_client.get(url)
    with CaptureQueriesContext(connection) as few:
        griffie_client.get(url)
    for abbreviation in ["OCW", "BZK", "EZK"]:
        promise(MinistryFactory(abbreviation=abbreviation), day("2026-05-01"))
    with CaptureQueriesContext(connection) as many:
        response = griffie_client.get(url)
    assert len(response.context["ministries"]) == 5
    assert len(many) == len(few) <= 8


# ---------------------------------------------------------------------------------- export


def test_csv_is_excel_ready_and_parses_back(griffie_client, rows):
    rows["late"].text = '=HYPERLINK("http://example.org")'
    rows["late"].save()
    response = griffie_client.get(ministry_url("rappel_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "rappel-vws-2026-06-30.csv" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    parsed = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [r["nummer"] for r in parsed] == ["TZ-LATE", "TZ-PARTLY", "TZ-CUTOFF", "TZ-SOON"]
    late = parsed[0]
    assert late["tekst"] == '\'=HYPERLINK("http://example.org")'
    assert (late["deadline"], late["peildatum"], late["dagen_te_laat"], late["termijn"]) == (
        "2026-05-31",
        "2026-06-30",
        "30",
        "eind mei",
    )
    assert parsed[2]["dagen_te_laat"] == ""
    assert late["bron"] == rows["late"].source_activity.title


# ------------------------------------------------------------------------------- decisions


def decision_rows(*rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        row = {"decision": "", "new_due_date": "", "letter": "", "reason": "", **row}
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return data


def post_decisions(client, *rows):
    return client.post(ministry_url("rappel_decisions"), decision_rows(*rows))


def test_decision_screen_lists_one_row_per_commitment(griffie_client, rows):
    response = griffie_client.get(ministry_url("rappel_decisions"))
    assert response.status_code == 200
    assert [c.number for _form, c in response.context["pairs"]] == ["TZ-LATE", "TZ-PARTLY", "TZ-CUTOFF", "TZ-SOON"]
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_fulfilled_decision_closes_with_the_letter(griffie_client, rows):
    DocumentFactory(dossier=DossierFactory(number="31015"), ondernummer="300", date=day("2026-06-15"))
    late = rows["late"]
    response = post_decisions(
        griffie_client,
        {
            "commitment": late.pk,
            "decision": "voldaan",
            "letter": "Kamerstuk 31 015, nr. 300",
            "reason": "Brief van 15 juni beantwoordt de vraag",
        },
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == Commitment.Status.VOLDAAN
    closure = late.closures.get()
    assert (closure.document.identifier, closure.fulfilment) == ("31015-300", Closure.Fulfilment.FULL)
    entry = late.deadline_changes.get()
    assert entry.source == DeadlineChange.Source.RAPPEL
    assert entry.changed_by == griffie_client.user
    assert "voldaan" in entry.reason and "Brief van 15 juni" in entry.reason and "30-06-2026" in entry.reason


def test_partly_fulfilled_decision_needs_a_letter(griffie_client, rows):
    response = post_decisions(
        griffie_client,
        {
            "commitment": rows["late"].pk,
            "decision": "deels voldaan",
            "new_due_date": "2026-12-31",
            "reason": "deel binnen",
        },
    )
    assert "hoort de brief" in response.content.decode()
    assert not DeadlineChange.objects.exists()


def test_partly_fulfilled_decision_sets_a_new_deadline(griffie_client, rows):
    late = rows["late"]
    DocumentFactory(dossier=DossierFactory(number="31015"), ondernummer="151", date=day("2026-06-15"))
    post_decisions(
        griffie_client,
        {
            "commitment": late.pk,
            "decision": "deels voldaan",
            "new_due_date": "2026-12-31",
            "letter": "Kamerstuk 31 015, nr. 151",
            "reason": "Eerste deel ontvangen, rest in het najaar",
        },
    )
    late.refresh_from_db()
    assert late.status == Commitment.Status.DEELS_VOLDAAN
    assert late.due_date == day("2026-12-31") and late.due_date_overridden
    entry = late.deadline_changes.get()
    assert (entry.source, entry.old_due_date, entry.new_due_date) == ("rappel", day("2026-05-31"), day("2026-12-31"))


def test_open_decision_sets_a_new_deadline_and_keeps_the_status(griffie_client, rows):
    partly = rows["partly_late"]
    post_decisions(
        griffie_client,
        {
            "commitment": partly.pk,
            "decision": "openstaand",
            "new_due_date": "2026-10-01",
            "reason": "Uitstel akkoord",
        },
    )
    partly.refresh_from_db()
    assert partly.status == Commitment.Status.DEELS_VOLDAAN
    assert partly.due_date == day("2026-10-01")
    assert partly.deadline_changes.get().reason.endswith("Uitstel akkoord")


def test_explanation_asked_is_recorded_without_changing_the_date(griffie_client, rows):
    late = rows["late"]
    post_decisions(griffie_client, {"commitment": late.pk, "decision": "uitleg gevraagd", "reason": "Waarom zo laat?"})
    late.refresh_from_db()
    assert late.due_date == day("2026-05-31") and late.status == Commitment.Status.OPENSTAAND
    entry = late.deadline_changes.get()
    assert (entry.old_due_date, entry.new_due_date, entry.source) == (late.due_date, late.due_date, "rappel")
    assert "uitleg gevraagd" in entry.reason


def test_several_decisions_in_one_post_and_rows_without_decision_stay(griffie_client, rows):
    response = post_decisions(
        griffie_client,
        {"commitment": rows["late"].pk, "decision": "openstaand", "new_due_date": "2026-09-01", "reason": "ok"},
        {"commitment": rows["partly_late"].pk, "decision": "uitleg gevraagd", "reason": "graag toelichting"},
        {"commitment": rows["soon"].pk},
    )
    assert response.status_code == 302
    assert DeadlineChange.objects.filter(source="rappel").count() == 2
    assert not rows["soon"].deadline_changes.exists()


@pytest.mark.parametrize(
    "bad_row, message",
    [
        ({"decision": "voldaan", "reason": "brief komt"}, "hoort de brief"),
        ({"decision": "openstaand", "reason": "later"}, "Geef de nieuwe deadline"),
        ({"decision": "openstaand", "new_due_date": "2026-09-01"}, "Geef een reden voor het besluit"),
        ({"decision": "voldaan", "letter": "Kamerstuk 31 015, nr. 999", "reason": "x"}, "nog niet geregistreerd"),
        ({"decision": "openstaand", "new_due_date": "31 sept", "reason": "x"}, "geldige datum"),
    ],
)
def test_invalid_row_saves_nothing_and_explains_in_dutch(griffie_client, rows, bad_row, message):
    DossierFactory(number="31015")
    response = post_decisions(
        griffie_client,
        {
            "commitment": rows["partly_late"].pk,
            "decision": "openstaand",
            "new_due_date": "2026-09-01",
            "reason": "goed",
        },
        {"commitment": rows["late"].pk, **bad_row},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DeadlineChange.objects.exists()
    rows["partly_late"].refresh_from_db()
    assert rows["partly_late"].due_date == day("2026-06-29")


def test_letter_predating_the_commitment_rolls_back_every_decision(griffie_client, rows):
    old_letter = DocumentFactory(dossier=DossierFactory(number="31015"), ondernummer="150", date=day("2025-01-10"))
    response = post_decisions(
        griffie_client,
        {
            "commitment": rows["partly_late"].pk,
            "decision": "openstaand",
            "new_due_date": "2026-09-01",
            "reason": "goed",
        },
        {"commitment": rows["late"].pk, "decision": "voldaan", "letter": "Kamerstuk 31 015, nr. 150", "reason": "x"},
    )
    assert response.status_code == 200
    assert "kan die niet afdoen" in response.content.decode()
    assert not DeadlineChange.objects.exists() and not old_letter.closures.exists()
    rows["partly_late"].refresh_from_db()
    assert rows["partly_late"].due_date == day("2026-06-29")


def test_no_decision_at_all_is_refused(griffie_client, rows):
    response = post_decisions(griffie_client, {"commitment": rows["late"].pk})
    assert response.status_code == 200
    assert "Kies bij ten minste één toezegging een besluit" in response.content.decode()


def test_a_commitment_of_another_ministry_cannot_be_decided_here(griffie_client, rows):
    response = post_decisions(
        griffie_client,
        {
            "commitment": rows["jenv_late"].pk,
            "decision": "uitleg gevraagd",
            "reason": "x",
        },
    )
    assert response.status_code == 200
    assert "geen openstaande toezeggingen van dit ministerie" in response.content.decode()
    assert not DeadlineChange.objects.exists()


# ------------------------------------------------------------------------------ who may do what


@pytest.mark.parametrize("name", ["rappel_ministry", "rappel_export"])
def test_commissiestaf_may_view_a_ministrys_list_and_its_export(staff_client, rows, name):
    assert staff_client.get(ministry_url(name)).status_code == 200


def test_commissiestaf_may_view_the_index(staff_client, rows):
    assert staff_client.get(reverse("commitments:rappel_index")).status_code == 200


def test_commissiestaf_may_not_open_the_decision_screen(staff_client, rows):
    assert staff_client.get(ministry_url("rappel_decisions")).status_code == 403


def test_commissiestaf_may_not_record_decisions(staff_client, rows):
    response = post_decisions(
        staff_client, {"commitment": rows["late"].pk, "decision": "uitleg gevraagd", "reason": "x"}
    )
    assert response.status_code == 403
    assert not DeadlineChange.objects.exists()


def test_commissiestaf_is_not_shown_the_link_to_the_decision_screen(staff_client, rows):
    assert "besluiten/" not in staff_client.get(ministry_url("rappel_ministry")).content.decode()


@pytest.mark.parametrize("name", ["rappel_ministry", "rappel_export", "rappel_decisions"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, rows, name):
    response = client.get(ministry_url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_visitors_cannot_record_decisions(client, rows):
    response = post_decisions(client, {"commitment": rows["late"].pk, "decision": "uitleg gevraagd", "reason": "x"})
    assert response.status_code == 302
    assert not DeadlineChange.objects.exists()


def test_decisions_need_the_csrf_token(rows):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="griffier2", groups=[GRIFFIE]))
    response = post_decisions(client, {"commitment": rows["late"].pk, "decision": "uitleg gevraagd", "reason": "x"})
    assert response.status_code == 403
    assert not DeadlineChange.objects.exists()


def test_the_same_commitment_twice_in_one_post_is_refused_and_nothing_is_saved(griffie_client, rows):
    late = rows["late"]
    response = post_decisions(
        griffie_client,
        {"commitment": late.pk, "decision": "openstaand", "new_due_date": "2026-09-01", "reason": "eerst"},
        {"commitment": late.pk, "decision": "openstaand", "new_due_date": "2026-12-01", "reason": "daarna"},
    )
    assert response.status_code == 200
    assert "Een toezegging staat er twee keer in" in response.content.decode()
    assert not DeadlineChange.objects.exists()
    late.refresh_from_db()
    assert late.due_date == day("2026-05-31")
