"""The commitment's page: what it says is right, dated by the letters, and readable at a glance."""

import datetime

import pytest

from commitments.models import Activity, DeadlineChange, OfficeFunction
from commitments.selectors import pages
from tests.daily.helpers import TODAY, close, commitment, days, frozen_today  # noqa: F401
from tests.factories import ActivityFactory, DocumentFactory, MinistryFactory, OfficeFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def page(client, c):
    return client.get(c.get_absolute_url()).content.decode()


def test_a_source_that_is_also_the_activitys_report_is_listed_once(client):
    report = DocumentFactory(title="Verslag van een schriftelijk overleg")
    activity = ActivityFactory(kind=Activity.Kind.SCHRIFTELIJK_OVERLEG, report=report)
    c = commitment(source_document=report, source_activity=activity)
    assert page(client, c).count(f'href="{report.get_absolute_url()}"') == 1


def test_the_status_history_is_dated_by_the_letter_not_by_data_entry(client):
    c = commitment(made_on=datetime.date(2021, 1, 27))
    close(c, datetime.date(2021, 6, 18))  # entered today, 27 November 2026
    history = client.get(c.get_absolute_url()).context["status_history"]
    assert [(e.date, e.status) for e in history] == [
        (datetime.date(2021, 1, 27), "openstaand"),
        (datetime.date(2021, 6, 18), "voldaan"),
    ]
    html = page(client, c)
    assert "18 juni 2021" in html and "27 november 2026: voldaan" not in html


def test_a_data_entry_remark_is_not_shown_publicly(client):
    c = commitment(status_note="die brief heeft in de bronstukken geen Kamerstuknummer")
    assert "bronstukken" not in page(client, c)


def test_no_date_is_said_once(client):
    c = commitment(
        due_date=None,
        deadline_phrase="",
        deadline_precision="none",
        deadline_anchor="none",
        deadline_explanation="geen datum",
    )
    html = page(client, c)
    assert "geen datum – geen datum" not in html and 'geen datum</span> <span class="phrase">– geen datum' not in html


def test_a_date_set_by_hand_shows_its_reason_not_the_old_explanation(client):
    c = commitment(
        due_date=days(100),
        due_date_overridden=True,
        deadline_phrase="eind 2020",
        deadline_explanation="laatste dag van 2020",
    )
    DeadlineChange.objects.create(
        commitment=c,
        old_due_date=datetime.date(2020, 12, 31),
        new_due_date=days(100),
        source=DeadlineChange.Source.EXTENSION,
        reason="Uitstel gevraagd bij brief",
    )
    html = page(client, c)
    assert "laatste dag van 2020" not in html
    assert "Afgeleide datum" not in html
    assert "handmatig vastgesteld: Uitstel gevraagd bij brief" in html


def test_a_commitment_fulfilled_years_late_says_so_in_words(client):
    c = commitment(made_on=datetime.date(2020, 1, 1), due_date=datetime.date(2021, 6, 1))
    close(c, TODAY)
    html = page(client, c)
    assert "te laat voldaan" in html
    assert "dagen te laat" in html and "5 jaar en 5 maanden" in html


def test_an_overdue_commitment_shows_the_delay_in_words_in_the_list(client):
    commitment(due_date=datetime.date(2021, 6, 1))
    html = client.get("/toezeggingen/").content.decode()
    assert "2005 dagen te laat" in html and "(5 jaar en 5 maanden)" in html


def test_the_timeline_goes_made_rescheduled_partly_answered_closed(client):
    c = commitment(made_on=datetime.date(2020, 11, 10), due_date=datetime.date(2021, 7, 1))
    DeadlineChange.objects.create(
        commitment=c,
        old_due_date=datetime.date(2021, 1, 31),
        new_due_date=datetime.date(2021, 7, 1),
        source=DeadlineChange.Source.EXTENSION,
        reason="Uitstel",
        changed_at=datetime.datetime(2021, 2, 1, 12, tzinfo=datetime.UTC),
    )
    close(c, datetime.date(2021, 6, 18), "gedeeltelijk")
    close(c, datetime.date(2021, 12, 1))
    timeline = client.get(c.get_absolute_url()).context["timeline"]
    assert [(e.kind, e.date, e.status) for e in timeline] == [
        (pages.MADE, datetime.date(2020, 11, 10), "openstaand"),
        (pages.RESCHEDULED, datetime.date(2021, 2, 1), ""),
        (pages.ANSWERED, datetime.date(2021, 6, 18), "deels voldaan"),
        (pages.ANSWERED, datetime.date(2021, 12, 1), "voldaan"),
    ]


def test_who_answers_for_it_now_is_shown_beside_who_promised(client):
    old = MinistryFactory(abbreviation="OUD", name="Oud ministerie")
    new = MinistryFactory(abbreviation="NIEUW", name="Nieuw ministerie")
    old.successor = new
    old.save()
    then = OfficeFactory(
        person=PersonFactory(name="Blokhuis"),
        ministry=old,
        function=OfficeFunction.STAATSSECRETARIS,
        title="staatssecretaris",
        start=datetime.date(2017, 10, 26),
        end=datetime.date(2022, 1, 10),
    )
    OfficeFactory(
        person=PersonFactory(name="Opvolger"),
        ministry=new,
        function=OfficeFunction.STAATSSECRETARIS,
        title="staatssecretaris",
        start=datetime.date(2024, 7, 2),
        end=None,
    )
    c = commitment(office=then, made_on=datetime.date(2020, 11, 10))
    html = page(client, c)
    assert "Blokhuis" in html
    assert "Nu verantwoordelijk" in html and "Opvolger" in html and "opvolgend ministerie: Nieuw ministerie" in html
