"""What is public: reasons typed by clerks (rappel screen, admin) stay internal unless the
setting TRACKER_PUBLISH_STAFF_REASONS says otherwise; the kind of change and dates are public."""

import datetime

import pytest

from commitments.models import DeadlineSource, RappelOutcome
from commitments.services import deadlines
from commitments.services.rappel import RappelDecision, record_rappel_decisions
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

SECRET = "minister ligt onder vuur, niet doorzetten"


def _decided():
    commitment = CommitmentFactory(due_date=datetime.date(2026, 1, 1))
    record_rappel_decisions(
        [RappelDecision(commitment, RappelOutcome.OPEN, reason=SECRET, new_due_date=datetime.date(2026, 9, 1))],
        cutoff=datetime.date(2026, 6, 30),
    )
    return commitment


def test_a_rappel_reason_does_not_appear_on_the_public_page(client):
    commitment = _decided()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert SECRET not in page
    assert str(DeadlineSource.RAPPEL.label) in page or "rappel" in page.lower()
    assert "1 september 2026" in page


def test_a_reason_typed_in_the_admin_stays_internal_too(client):
    commitment = CommitmentFactory(due_date=datetime.date(2026, 1, 1))
    deadlines.change_due_date(commitment, datetime.date(2026, 5, 1), reason=SECRET)
    assert SECRET not in client.get(commitment.get_absolute_url()).content.decode()


def test_the_setting_publishes_staff_reasons(client, settings):
    settings.TRACKER_PUBLISH_STAFF_REASONS = True
    commitment = _decided()
    assert SECRET in client.get(commitment.get_absolute_url()).content.decode()


def test_the_engines_explanations_stay_public(client):
    commitment = CommitmentFactory(deadline_phrase="voor de zomer", made_on=datetime.date(2026, 1, 10), due_date=None)
    entry = deadlines.derive_deadline(commitment)
    assert entry is not None and entry.public_reason == entry.reason
