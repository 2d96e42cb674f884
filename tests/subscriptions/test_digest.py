"""The digest: its content for a frozen day, once per period, and the unsubscribe link in it."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command

from commitments.models import DigestDelivery, DigestFrequency, Fulfilment, SubscriptionKind
from commitments.services import closing
from commitments.services import subscriptions as service
from tests.factories import CommitmentFactory, DocumentFactory, MinistryFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db

# A Friday; the weekly period runs from Monday 23 November.
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch, settings):
    monkeypatch.setattr("commitments.clock.today", lambda: TODAY)
    settings.TRACKER_BASE_URL = "https://toezeggingen.example.org"


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def vws_world():
    """Commitments of VWS: due soon, overdue since yesterday, long overdue, closed, and one of another ministry."""
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    made = days(-200)
    world = {
        "due_soon": CommitmentFactory(office=office, made_on=made, due_date=days(10), text="Rapport jeugdzorg"),
        "due_later": CommitmentFactory(office=office, made_on=made, due_date=days(60), text="Evaluatie later"),
        "new_overdue": CommitmentFactory(
            office=office, made_on=made, due_date=days(-2), text="Brief over wachtlijsten"
        ),
        "old_overdue": CommitmentFactory(office=office, made_on=made, due_date=days(-90), text="Oude belofte"),
        "closed": CommitmentFactory(office=office, made_on=made, due_date=days(-1), text="Voortgangsbrief gestuurd"),
        "elsewhere": CommitmentFactory(made_on=made, due_date=days(3), text="Andere ministerie"),
    }
    closing.close_with_letter([world["closed"]], DocumentFactory(date=days(-1)), Fulfilment.FULL)
    return world


@pytest.fixture
def clerk():
    return UserFactory(username="clerk", email="clerk@example.org")


def test_the_digest_lists_what_falls_due_became_overdue_and_was_closed_for_the_selection(vws_world, clerk):
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS", frequency=DigestFrequency.WEEKLY)
    call_command("send_digests")
    (message,) = mail.outbox
    text = message.body
    assert message.to == ["clerk@example.org"]
    assert message.subject.startswith("Toezeggingen: 3 berichten over Ministerie: VWS")
    assert "Toezeggingen op 27 november 2026" in text
    sections = re.split(r"\n(?=Deadline tot|Te laat sinds|Afgedaan sinds)", text)
    assert "Deadline tot 25 december 2026" in sections[1] and "Rapport jeugdzorg" in sections[1]
    assert "Te laat sinds 20 november 2026" in sections[2] and "Brief over wachtlijsten" in sections[2]
    assert "Afgedaan sinds 20 november 2026" in sections[3] and "Voortgangsbrief gestuurd" in sections[3]
    for absent in ("Evaluatie later", "Oude belofte", "Andere ministerie"):
        assert absent not in text
    assert f"https://toezeggingen.example.org/toezeggingen/{vws_world['due_soon'].pk}/" in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://toezeggingen.example.org/toezeggingen/{vws_world["new_overdue"].pk}/"' in html
    assert '<html lang="nl">' in html


def test_a_rerun_in_the_same_period_sends_nothing_twice(vws_world, clerk, monkeypatch):
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS", frequency=DigestFrequency.WEEKLY)
    call_command("send_digests")
    call_command("send_digests")
    monkeypatch.setattr("commitments.clock.today", lambda: days(2))  # Sunday: the same week
    call_command("send_digests")
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.get().emailed


def test_the_next_period_reports_only_what_happened_since_the_last_digest(vws_world, clerk, monkeypatch):
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS", frequency=DigestFrequency.DAILY)
    call_command("send_digests")
    monkeypatch.setattr("commitments.clock.today", lambda: days(1))
    call_command("send_digests")
    assert len(mail.outbox) == 2
    second = mail.outbox[1].body
    assert "Te laat sinds" not in second and "Afgedaan sinds" not in second
    assert "Rapport jeugdzorg" in second  # still due within four weeks


def test_a_period_with_nothing_to_report_sends_no_email_but_counts_as_handled(clerk):
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS", frequency=DigestFrequency.DAILY)
    MinistryFactory(abbreviation="VWS")
    call_command("send_digests")
    assert mail.outbox == []
    assert DigestDelivery.objects.get().emailed is False


def test_the_digest_of_followed_commitments_reports_only_those(vws_world, clerk):
    service.follow(clerk, vws_world["new_overdue"])
    service.subscribe(clerk, kind=SubscriptionKind.FOLLOWED, frequency=DigestFrequency.WEEKLY)
    call_command("send_digests")
    (message,) = mail.outbox
    assert "Brief over wachtlijsten" in message.body
    assert "Rapport jeugdzorg" not in message.body
    assert "de toezeggingen die u volgt" in message.subject


def test_users_without_an_email_address_get_no_digest(vws_world):
    service.subscribe(UserFactory(email=""), kind=SubscriptionKind.SELECTION, query="ministry=VWS")
    call_command("send_digests")
    assert mail.outbox == []


def test_a_failed_send_is_retried_by_the_next_run(vws_world, clerk, monkeypatch):
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS")

    def broken_send(self, fail_silently=False):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken_send)
    with pytest.raises(ConnectionError):
        call_command("send_digests")
    assert not DigestDelivery.objects.exists()
    monkeypatch.undo()
    monkeypatch.setattr("commitments.clock.today", lambda: TODAY)
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_every_digest_has_a_signed_unsubscribe_link_that_works_without_signing_in(vws_world, clerk, client, settings):
    settings.TRACKER_REQUIRE_LOGIN = True
    service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS")
    call_command("send_digests")
    (message,) = mail.outbox
    url = re.search(r"https://toezeggingen\.example\.org(/abonnementen/afmelden/[^/\s]+/)", message.body)[1]
    assert message.extra_headers["List-Unsubscribe"] == f"<https://toezeggingen.example.org{url}>"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Ministerie: VWS" in confirm.content.decode()
    assert clerk.subscriptions.exists()  # a GET (a mail scanner) changes nothing
    assert client.post(url).status_code == 200
    assert not clerk.subscriptions.exists()


def test_a_tampered_unsubscribe_token_is_refused(clerk, client):
    subscription = service.subscribe(clerk, kind=SubscriptionKind.SELECTION, query="ministry=VWS")
    MinistryFactory(abbreviation="VWS")
    from commitments.subscriptions.tokens import unsubscribe_token

    token = unsubscribe_token(subscription)
    assert client.post(f"/abonnementen/afmelden/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/abonnementen/afmelden/{subscription.pk}/").status_code == 404
    assert clerk.subscriptions.exists()
