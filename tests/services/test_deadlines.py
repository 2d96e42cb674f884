"""Deadlines in the tracker: derived from the phrase, overridden by the clerk, waiting for an
event, recomputed when the recess calendar changes, and always written to the history."""
import datetime
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from commitments.services import closing, deadlines, motions
from commitments.models import Commitment, DeadlineChange, Document, DocumentSeries, Recess
from tests.factories import ActivityFactory, CommitmentFactory, DossierFactory

pytestmark = pytest.mark.django_db

# The promise of 27 January 2021 in the seeds: report "voor de zomer van 2021".
MADE = datetime.date(2021, 1, 27)
DAY_BEFORE_SUMMER_RECESS_2021 = datetime.date(2021, 7, 8)  # TK zomerreces 2021 starts Fri 9 July


def derived(phrase, made_on=MADE, **fields):
    """A commitment whose due date the engine derived from `phrase`."""
    commitment = CommitmentFactory(deadline_phrase=phrase, made_on=made_on, due_date=None, **fields)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    return commitment


class _FormFields(HTMLParser):
    """The values a browser would post for the first <form method=post> on an admin page."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(client, url, **changes):
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    data = {k: v for k, v in parser.data.items() if k not in ("csrfmiddlewaretoken", "_save", "_continue")}
    data.pop("action", None)
    data.update(changes)
    return data


def change_url(commitment):
    return reverse("admin:commitments_commitment_change", args=[commitment.pk])


# --------------------------------------------------------------------- deriving in the admin


def test_entering_a_phrase_in_the_admin_derives_the_due_date_and_shows_the_explanation(griffie_client):
    activity = ActivityFactory()
    commitment = CommitmentFactory(deadline_phrase="", due_date=None, made_on=MADE, source_activity=activity)
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(griffie_client, url, deadline_phrase="voor de zomer van 2021"), follow=True)
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert commitment.deadline_precision == "day"
    assert commitment.deadline_anchor == "recess"
    assert "zomerreces" in commitment.deadline_explanation
    assert not commitment.due_date_overridden
    page = griffie_client.get(url).content.decode()
    assert commitment.deadline_explanation in page
    entry = commitment.deadline_changes.get()
    assert (entry.source, entry.old_due_date, entry.new_due_date) == ("afgeleid", None, DAY_BEFORE_SUMMER_RECESS_2021)
    assert entry.changed_by == griffie_client.user
    assert entry.phrase == "voor de zomer van 2021"


def test_adding_a_commitment_in_the_admin_derives_its_due_date(griffie_client):
    url = reverse("admin:commitments_commitment_add")
    data = form_data(griffie_client, url, deadline_phrase="in januari", made_on="2020-11-20",
                     number="TZ202011-999", text="De staatssecretaris informeert de Kamer.")
    response = griffie_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Commitment.objects.get(number="TZ202011-999")
    assert added.due_date == datetime.date(2021, 1, 31)
    assert added.deadline_changes.get().source == DeadlineChange.Source.DERIVED


def test_changing_the_phrase_derives_again_with_a_history_entry(griffie_client):
    commitment = derived("in januari", made_on=datetime.date(2020, 11, 20))
    url = change_url(commitment)
    griffie_client.post(url, form_data(griffie_client, url, deadline_phrase="eind 2021"))
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 12, 31)
    latest = commitment.deadline_changes.last()
    assert (latest.old_due_date, latest.new_due_date, latest.phrase) == (
        datetime.date(2021, 1, 31), datetime.date(2021, 12, 31), "eind 2021"
    )


def test_the_clerk_overrides_the_derived_date_with_a_reason(griffie_client):
    commitment = derived("voor de zomer van 2021")
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(
        griffie_client, url, due_date="2021-09-30", deadline_reason="Minister vraagt uitstel tot na de zomer"
    ))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 9, 30)
    assert commitment.due_date_overridden
    override = commitment.deadline_changes.last()
    assert override.source == DeadlineChange.Source.OVERRIDE
    assert (override.old_due_date, override.new_due_date) == (DAY_BEFORE_SUMMER_RECESS_2021, datetime.date(2021, 9, 30))
    assert override.changed_by == griffie_client.user
    assert override.reason == "Minister vraagt uitstel tot na de zomer"
    assert override.changed_at is not None


def test_overriding_without_a_reason_is_refused_in_dutch(griffie_client):
    commitment = derived("voor de zomer van 2021")
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(griffie_client, url, due_date="2021-09-30"))
    assert response.status_code == 200
    assert "Geef een reden voor de nieuwe deadline" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert commitment.deadline_changes.count() == 1


def test_a_date_set_by_hand_stands_when_the_phrase_changes(griffie_client):
    commitment = derived("voor de zomer van 2021")
    deadlines.change_due_date(commitment, datetime.date(2021, 9, 30), reason="uitstel", source="handmatig")
    url = change_url(commitment)
    response = griffie_client.post(url, form_data(griffie_client, url, deadline_phrase="eind 2021"), follow=True)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 9, 30)
    assert "met de hand gezet" in response.content.decode()


def test_rederive_action_releases_the_override_and_records_it(griffie_client):
    commitment = derived("voor de zomer van 2021")
    deadlines.change_due_date(commitment, datetime.date(2021, 9, 30), reason="uitstel", source="handmatig")
    griffie_client.post(reverse("admin:commitments_commitment_changelist"),
                  {"action": "rederive_from_phrase", "_selected_action": [commitment.pk]})
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert not commitment.due_date_overridden
    latest = commitment.deadline_changes.last()
    assert (latest.source, latest.old_due_date, latest.new_due_date) == (
        "afgeleid", datetime.date(2021, 9, 30), DAY_BEFORE_SUMMER_RECESS_2021
    )
    assert latest.changed_by == griffie_client.user
    assert "handmatige datum losgelaten" in latest.reason


def test_every_due_date_change_is_in_the_history_with_who_when_and_why(griffie_client):
    commitment = derived("in januari", made_on=datetime.date(2020, 11, 20))
    deadlines.change_due_date(commitment, datetime.date(2021, 2, 28), reason="uitstel gevraagd", source="uitstel",
                             user=griffie_client.user)
    history = list(commitment.deadline_changes.values_list("source", "old_due_date", "new_due_date", "reason"))
    assert history == [
        ("afgeleid", None, datetime.date(2021, 1, 31), commitment.deadline_explanation),
        ("uitstel", datetime.date(2021, 1, 31), datetime.date(2021, 2, 28), "uitstel gevraagd"),
    ]
    page = griffie_client.get(change_url(commitment)).content.decode()
    assert "uitstel gevraagd" in page and "griffier" in page


# ------------------------------------------------------------------------ the service itself


def test_unrecognised_phrase_gives_no_date_and_says_why():
    commitment = CommitmentFactory(deadline_phrase="als de maan blauw ziet", made_on=MADE)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    assert commitment.due_date is None
    assert commitment.deadline_precision == Commitment.Precision.NONE
    assert commitment.deadline_explanation.startswith("geen datum: ")
    # The factory's date was not derived: clearing it is a change, and in the history.
    assert commitment.deadline_changes.get().new_due_date is None


def test_without_a_date_made_the_activity_date_is_used_and_the_explanation_says_so():
    activity = ActivityFactory(date=None, date_earliest=datetime.date(2020, 10, 15),
                               date_latest=datetime.date(2020, 11, 23))
    commitment = CommitmentFactory(deadline_phrase="in januari", made_on=None, source_activity=activity, due_date=None)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 1, 31)
    assert "laatst mogelijke datum van de activiteit" in commitment.deadline_explanation


def test_apply_leaves_a_date_set_by_hand_alone():
    commitment = CommitmentFactory(deadline_phrase="in januari", made_on=MADE, due_date=datetime.date(2021, 5, 1),
                                   due_date_overridden=True, deadline_explanation="")
    assert deadlines.derive_deadline(commitment) is None
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 5, 1)
    assert commitment.deadline_explanation == ""
    assert not commitment.deadline_changes.exists()


# ----------------------------------------------------------------------------- event deadlines


def test_event_deadline_shows_waiting_for_and_is_never_overdue():
    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    commitment = derived("bij de volgende voortgangsrapportage", expected_series=series)
    assert commitment.due_date is None
    assert commitment.deadline_anchor == Commitment.Anchor.EVENT
    assert commitment.waiting_for == series.name
    assert commitment.deadline_display == f"wacht op {series.name}"
    commitment.expected_event_date = datetime.date(2021, 6, 18)
    commitment.save()
    assert commitment.deadline_display == f"wacht op {series.name} (verwacht 18 juni 2021)"
    assert not Commitment.objects.overdue(datetime.date(2030, 1, 1)).filter(pk=commitment.pk).exists()


def test_event_without_a_named_series_waits_for_the_phrase_as_said():
    commitment = derived("voor het commissiedebat")
    assert commitment.due_date is None
    assert commitment.deadline_display == "wacht op “voor het commissiedebat”"


def test_dated_commitment_is_not_waiting():
    commitment = derived("voor de zomer van 2021")
    assert commitment.waiting_for is None
    assert commitment.deadline_display == "8 juli 2021"


def test_registering_a_paper_of_the_series_lists_the_waiting_commitments(griffie_client):
    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    waiting = derived("bij de volgende voortgangsrapportage", expected_series=series, number="TZ202101-010")
    derived("bij de volgende voortgangsrapportage", number="TZ202101-011")  # waits for nothing named
    closed = derived("bij de volgende voortgangsrapportage", expected_series=series, number="TZ202101-012")
    closed.status = Commitment.Status.VERVALLEN
    closed.save()
    DossierFactory(number="31015")
    response = griffie_client.post(reverse("admin:commitments_document_add"), {
        "citation_text": "Kamerstuk 31 015, nr. 260", "kind": "brief regering", "title": "Zesde voortgangsrapportage",
        "date": "2021-06-18", "series": series.pk, "ministry": "",
        "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
    }, follow=True)
    page = response.content.decode()
    assert "1 toezegging wacht op een stuk uit Voortgangsrapportage" in page
    assert reverse("admin:commitments_commitment_change", args=[waiting.pk]) in page
    assert "TZ202101-011" not in page and "TZ202101-012" not in page
    document = Document.objects.get(identifier="31015-260")
    change_page = griffie_client.get(reverse("admin:commitments_document_change", args=[document.pk])).content.decode()
    assert "Toezeggingen die op deze reeks wachten" in change_page
    assert reverse("admin:commitments_commitment_change", args=[waiting.pk]) in change_page


# ------------------------------------------------------------------------- recess calendar


def summer_recess_2021():
    return Recess.objects.get(chamber="TK", kind="zomerreces", start=datetime.date(2021, 7, 9))


def test_changing_a_recess_rederives_derived_commitments_and_records_why():
    commitment = derived("voor het zomerreces")
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    deadlines.save_recess(recess)
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2021, 7, 1)
    entry = commitment.deadline_changes.last()
    assert entry.source == DeadlineChange.Source.RECALCULATED
    assert (entry.old_due_date, entry.new_due_date) == (DAY_BEFORE_SUMMER_RECESS_2021, datetime.date(2021, 7, 1))
    assert "reces gewijzigd: TK zomerreces 2021" in entry.reason


def test_changing_a_recess_leaves_dates_set_by_hand_and_other_anchors_alone():
    by_hand = derived("voor het zomerreces")
    deadlines.change_due_date(by_hand, datetime.date(2021, 6, 1), reason="afspraak met de commissie", source="handmatig")
    calendar_bound = derived("eind 2021")
    eerste_kamer = derived("voor het zomerreces", chamber="EK")
    before = {c.pk: c.due_date for c in (by_hand, calendar_bound, eerste_kamer)}
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    deadlines.save_recess(recess)
    for commitment in (by_hand, calendar_bound, eerste_kamer):
        commitment.refresh_from_db()
        assert commitment.due_date == before[commitment.pk]
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()


def test_deleting_a_recess_rederives_and_records_it():
    commitment = derived("voor het zomerreces")
    recess = summer_recess_2021()
    recess.start = datetime.date(2021, 7, 2)
    deadlines.save_recess(recess)
    deadlines.delete_recess(recess)
    commitment.refresh_from_db()
    # Without a row for 2021 the engine falls back to the regular pattern (Friday of ISO week 27).
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert "patroon" in commitment.deadline_explanation
    entry = commitment.deadline_changes.last()
    assert entry.source == DeadlineChange.Source.RECALCULATED
    assert (entry.old_due_date, entry.new_due_date) == (datetime.date(2021, 7, 1), DAY_BEFORE_SUMMER_RECESS_2021)
    assert "reces verwijderd: TK zomerreces 2021" in entry.reason


def test_rederive_deadlines_command_recomputes_and_reports():
    commitment = derived("voor het zomerreces")
    Commitment.objects.filter(pk=commitment.pk).update(due_date=datetime.date(2021, 6, 1))
    out = StringIO()
    call_command("rederive_deadlines", "--reason", "controle na import", stdout=out)
    commitment.refresh_from_db()
    assert commitment.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert commitment.deadline_changes.last().reason == "controle na import"
    assert "1 due date(s) changed." in out.getvalue()


# ---------------------------------------------------------------------------------- demo


@pytest.mark.skipif(not (Path(settings.BASE_DIR) / "fixtures" / "demo.json").exists(), reason="no demo fixture yet")
def test_load_demo_derives_every_due_date_from_its_phrase():
    call_command("load_demo", stdout=StringIO())
    commitments = Commitment.objects.all()
    assert commitments.exists()
    for commitment in commitments:
        assert commitment.deadline_explanation, commitment
    assert commitments.filter(due_date__isnull=False).exists()
    summer = commitments.get(deadline_phrase__icontains="voor de zomer van 2021", made_on=MADE)
    assert summer.due_date == DAY_BEFORE_SUMMER_RECESS_2021
    assert summer.deadline_changes.get().source == DeadlineChange.Source.DERIVED
    assert Commitment.objects.fulfilled_on_time().filter(pk=summer.pk).exists()
    assert Commitment.objects.with_fulfilled_on().get(pk=summer.pk).fulfilled_on == datetime.date(2021, 6, 18)


def test_editing_a_recess_note_changes_no_date_and_writes_nothing():
    commitment = derived("voor het zomerreces")
    recess = summer_recess_2021()
    history_before = commitment.history.count()
    recess.note = "bevestigd op de site van de Kamer"
    assert deadlines.save_recess(recess) == []
    commitment.refresh_from_db()
    assert commitment.history.count() == history_before
    assert not DeadlineChange.objects.filter(source=DeadlineChange.Source.RECALCULATED).exists()
