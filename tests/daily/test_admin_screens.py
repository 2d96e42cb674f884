"""The griffie's screens: the right icons, refused actions that keep the input, the letter's page."""

import re

import pytest
from django.urls import reverse

from commitments.models import Closure, Commitment
from tests.daily.helpers import close, commitment, days, frozen_today  # noqa: F401
from tests.factories import DocumentFactory, DossierFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

CHANGELIST = reverse("admin:commitments_commitment_changelist")


def late_cell(html, commitment):
    row = next(row for row in html.split("</tr>") if f"/commitment/{commitment.pk}/change/" in row)
    return re.search(r'<td class="field-overdue_flag">(.*?)</td>', row, re.S).group(1)


def test_the_late_column_shows_a_red_cross_for_late_and_a_green_tick_on_time(griffie_client):
    late = commitment(due_date=days(-40))
    on_time = commitment(due_date=days(40))
    html = griffie_client.get(CHANGELIST).content.decode()
    assert "icon-no.svg" in late_cell(html, late) and "40 dagen te laat" in late_cell(html, late)
    assert "icon-yes.svg" in late_cell(html, on_time) and "icon-no" not in late_cell(html, on_time)


def test_a_refused_close_action_shows_the_form_again_with_selection_letter_and_note(griffie_client):
    c = commitment(made_on=days(-10))
    letter = DocumentFactory(date=days(-30))
    response = griffie_client.post(
        CHANGELIST,
        {
            "action": "close_with_letter",
            "_selected_action": [c.pk],
            "apply": "1",
            "letter": letter.pk,
            "fulfilment": "volledig",
            "note": "zie bijlage 2",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kan die niet afdoen" in html
    assert f'value="{c.pk}"' in html and 'value="zie bijlage 2"' in html
    assert f'<option value="{letter.pk}" selected>' in html
    assert not Closure.objects.exists()


def test_action_forms_have_a_date_picker_and_show_the_current_due_date(griffie_client):
    c = commitment(due_date=days(-40))
    html = griffie_client.post(CHANGELIST, {"action": "reset_deadline", "_selected_action": [c.pk]}).content.decode()
    assert reverse("admin:jsi18n") in html and "DateTimeShortcuts.js" in html
    assert "huidige termijn: 18 oktober 2026" in html


def test_on_the_letters_page_the_closing_date_defaults_to_the_letters_date(griffie_client):
    letter = DocumentFactory(date=days(-5))
    c = commitment()
    url = reverse("admin:commitments_document_change", args=[letter.pk])
    page = griffie_client.get(url)
    html = page.content.decode()
    assert "Nog een Afdoeningsbrief toevoegen" not in html
    assert "Nog een Afgedane toezegging toevoegen" in html
    form = page.context["adminform"].form
    data = {
        "citation_text": letter.citation,
        "kenmerk": "",
        "kind": letter.kind,
        "title": letter.title,
        "date": letter.date.isoformat(),
        "series": "",
        "ministry": "",
        "closures-TOTAL_FORMS": "1",
        "closures-INITIAL_FORMS": "0",
        "closures-MIN_NUM_FORMS": "0",
        "closures-MAX_NUM_FORMS": "1000",
        "closures-0-commitment": c.pk,
        "closures-0-fulfilment": "volledig",
        "closures-0-closed_on": "",
        "closures-0-note": "",
        "closures-0-document": letter.pk,
        "closures-0-id": "",
    }
    assert form is not None
    response = griffie_client.post(url, data, follow=True)
    assert Closure.objects.get(commitment=c).closed_on == letter.date
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Het stuk") for m in messages), messages
    assert not any(m.startswith("De stuk") for m in messages)
    c.refresh_from_db()
    assert c.status == Commitment.Status.VOLDAAN


def test_a_letter_added_with_its_closures_dates_them_by_the_letter(griffie_client):
    c = commitment()
    dossier = c.dossier or DossierFactory(number="31015")
    data = {
        "citation_text": f"Kamerstuk {dossier.number}, nr. 300",
        "kenmerk": "",
        "kind": "brief regering",
        "title": "Voortgangsbrief",
        "date": days(-2).isoformat(),
        "series": "",
        "ministry": "",
        "closures-TOTAL_FORMS": "1",
        "closures-INITIAL_FORMS": "0",
        "closures-MIN_NUM_FORMS": "0",
        "closures-MAX_NUM_FORMS": "1000",
        "closures-0-commitment": c.pk,
        "closures-0-fulfilment": "volledig",
        "closures-0-closed_on": "",
        "closures-0-note": "",
        "closures-0-id": "",
    }
    response = griffie_client.post(reverse("admin:commitments_document_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert Closure.objects.get(commitment=c).closed_on == days(-2)


def test_the_closure_column_header_is_translated(griffie_client):
    letter = DocumentFactory()
    html = griffie_client.get(reverse("admin:commitments_document_change", args=[letter.pk])).content.decode()
    headers = re.findall(r'<th class="column-commitment[^"]*">\s*(.*?)\s*<', html, re.S)
    assert headers == ["Toezegging"]
