"""The data version changes with every write to a table the pages read, whoever writes."""

import pytest
from django.apps import apps
from django.db import connection, transaction

from commitments.models import Commitment, Subscription
from commitments.models.dataversion import (
    UNTRACKED_TABLES,
    remove_data_version_triggers,
    tables_with_data_version_trigger,
)
from commitments.selectors.cached import current_version
from tests.factories import CommitmentFactory, MinistryFactory, UserFactory

pytestmark = pytest.mark.django_db


def _app_tables():
    # Tables, not views (unmanaged models): a view is read from tables that have the trigger.
    models = apps.get_app_config("commitments").get_models(include_auto_created=True)
    return {model._meta.db_table for model in models if model._meta.managed}


def test_every_table_of_the_app_has_the_trigger():
    missing = _app_tables() - UNTRACKED_TABLES - tables_with_data_version_trigger(connection)
    assert missing == set(), "add them with add_data_version_triggers in a migration, or to UNTRACKED_TABLES"


class _Editor:
    """Enough of a schema editor for the trigger helpers (SQLite's refuses to open in a transaction)."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_trigger_check_sees_a_table_without_one():
    remove_data_version_triggers(_Editor(), ["commitments_closure"])
    assert "commitments_closure" not in tables_with_data_version_trigger(connection)
    assert "commitments_commitment" in tables_with_data_version_trigger(connection)


def test_every_untracked_table_is_a_table_of_the_app():
    assert _app_tables() >= UNTRACKED_TABLES


def test_a_save_changes_the_version():
    commitment = CommitmentFactory()
    before = current_version()
    commitment.text = "Anders geformuleerd"
    commitment.save()
    assert current_version() not in (None, before)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda c: Commitment.objects.filter(pk=c.pk).update(text="x"), id="queryset update"),
        pytest.param(lambda c: Commitment.objects.bulk_update([c], ["text"]), id="bulk_update"),
        pytest.param(lambda c: Commitment.objects.filter(pk=c.pk).delete(), id="delete"),
        pytest.param(lambda c: MinistryFactory(), id="another table"),
        pytest.param(
            lambda c: connection.cursor().execute("UPDATE commitments_commitment SET text = 'y' WHERE id = %s", [c.pk]),
            id="raw SQL",
        ),
    ],
)
def test_every_kind_of_write_changes_the_version(write):
    commitment = CommitmentFactory()
    before = current_version()
    write(commitment)
    assert current_version() not in (None, before)


def test_a_write_nobody_reads_leaves_the_version():
    user = UserFactory()
    before = current_version()
    Subscription.objects.create(user=user, query="overdue=true")
    assert current_version() == before


def test_a_rolled_back_write_restores_the_version():
    CommitmentFactory()
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Commitment.objects.update(text="weg")
        assert current_version() != before
        raise RuntimeError
    assert current_version() == before


def test_every_version_is_new():
    commitment = CommitmentFactory()
    seen = {current_version()}
    for text in ("a", "b", "a"):
        Commitment.objects.filter(pk=commitment.pk).update(text=text)
        seen.add(current_version())
    assert len(seen) == 4


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_changes_the_version_others_read():
    commitment = CommitmentFactory()
    before = current_version()
    Commitment.objects.filter(pk=commitment.pk).update(text="gewijzigd")  # autocommit: its own transaction
    after = current_version()
    assert after not in (None, before)
    assert "." not in after  # the committed counter, no transaction's own token
