"""The data version: one value that changes whenever the register's data changes.

Figures that are costly to count (the dashboard's, the scorecards per ministry) are cached under
this version (`commitments.selectors.cached`), so a cached figure is never older than the data:
any write makes a new version, and the old entries are simply never asked for again.

The version is kept by database triggers, not by Python: every table the pages read has one, so
admin saves, services, `bulk_update`, `QuerySet.update()`, the sync and raw SQL all change it.
`add_data_version_triggers(...)` adds them in a migration; tests/models/test_data_version.py fails
when a table of the app has none (list a table in `UNTRACKED_TABLES` only when no page reads it).

PostgreSQL (see `_POSTGRESQL_FUNCTIONS`):
- a statement-level trigger on each table (insert, update, delete, truncate: a bulk statement
  costs one call) gives the transaction a new *token* (`tz.data_token`, local to the transaction,
  from a sequence). A read inside that transaction sees its own writes, so it reads the token too;
  a savepoint rolled back restores the token with the data;
- the first such statement of a transaction queues a deferred constraint trigger that sets the
  committed counter to a new sequence value when the transaction commits. Taking the counter's
  row lock only at commit keeps writers from queueing behind each other (and from deadlocking on
  it) for the length of their transactions. Sequence values are never handed out twice, so a
  rolled-back transaction's figures can never be mistaken for a later state.
SQLite (development, tests): row-level triggers set the counter at once, to the current time in
microseconds or one more than before, whichever is greater (SQLite writes one transaction at a time).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA_VERSION_ID = 1
TRIGGER = "tz_data_version"

# Tables of the app no public page reads; writes to them leave the version alone.
UNTRACKED_TABLES = frozenset(
    {
        "commitments_dataversion",  # the version itself
        "commitments_follow",  # who follows what (personal; only its owner's pages read it)
        "commitments_subscription",
        "commitments_digestdelivery",
        "commitments_syncstate",  # the sync's cursor and run summary (admin only)
        "commitments_deadlinerederivation",  # a re-derivation's progress (admin only; its changes are tracked)
    }
)


class DataVersion(models.Model):
    """One row (id 1): the committed data version. Written only by the database's triggers."""

    counter = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return str(self.counter)


_POSTGRESQL_FUNCTIONS = rf"""
CREATE SEQUENCE IF NOT EXISTS tz_data_version_seq;

-- One row per server process that has written: the first write of a transaction touches its row,
-- which queues the deferred trigger below (one row per process, so writers never share one).
CREATE TABLE IF NOT EXISTS tz_data_version_pending (backend integer PRIMARY KEY);

CREATE OR REPLACE FUNCTION tz_data_version_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO commitments_dataversion (id, counter) VALUES ({DATA_VERSION_ID}, nextval('tz_data_version_seq'))
        ON CONFLICT (id) DO UPDATE SET counter = EXCLUDED.counter;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS tz_data_version_commit ON tz_data_version_pending;
CREATE CONSTRAINT TRIGGER tz_data_version_commit AFTER INSERT OR UPDATE ON tz_data_version_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tz_data_version_commit();

CREATE OR REPLACE FUNCTION tz_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('tz.data_token', true), '') = '' THEN
        INSERT INTO tz_data_version_pending (backend) VALUES (pg_backend_pid())
            ON CONFLICT (backend) DO UPDATE SET backend = EXCLUDED.backend;
    END IF;
    PERFORM set_config('tz.data_token', nextval('tz_data_version_seq')::text, true);
    RETURN NULL;
END $$;

INSERT INTO commitments_dataversion (id, counter) VALUES ({DATA_VERSION_ID}, nextval('tz_data_version_seq'))
    ON CONFLICT (id) DO NOTHING;
"""

_POSTGRESQL_DROP_FUNCTIONS = """
DROP TABLE IF EXISTS tz_data_version_pending;
DROP FUNCTION IF EXISTS tz_data_version_commit();
DROP FUNCTION IF EXISTS tz_data_changed();
DROP SEQUENCE IF EXISTS tz_data_version_seq;
"""

# Microseconds since 1970: a counter recreated after a flush starts past every earlier value.
_SQLITE_NOW = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"
_SQLITE_EVENTS = ("insert", "update", "delete")


def install_data_version(schema_editor):
    """The functions the triggers call (PostgreSQL) and the version row; once, before any trigger."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_POSTGRESQL_FUNCTIONS, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(
            f"INSERT OR IGNORE INTO commitments_dataversion (id, counter) VALUES ({DATA_VERSION_ID}, {_SQLITE_NOW})",
            params=None,
        )


def uninstall_data_version(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_POSTGRESQL_DROP_FUNCTIONS, params=None)


def add_data_version_triggers(schema_editor, tables):
    """Make every write to `tables` change the data version (for a migration's RunPython)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}", params=None)
            schema_editor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION tz_data_changed()",
                params=None,
            )
    elif vendor == "sqlite":
        for table in tables:
            for event in _SQLITE_EVENTS:
                name = f"{TRIGGER}_{table}_{event}"
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
                schema_editor.execute(
                    f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN "
                    f"INSERT INTO commitments_dataversion (id, counter) VALUES ({DATA_VERSION_ID}, {_SQLITE_NOW}) "
                    "ON CONFLICT (id) DO UPDATE SET counter = max(counter + 1, excluded.counter); END",
                    params=None,
                )
    else:
        raise NotImplementedError(f"No data version triggers for {vendor}.")


def remove_data_version_triggers(schema_editor, tables):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}", params=None)
        elif vendor == "sqlite":
            for event in _SQLITE_EVENTS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_{table}_{event}", params=None)


def tables_with_data_version_trigger(connection) -> set[str]:
    """The tables whose every write changes the data version (read from the database's catalogue)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # After insert, update, delete and truncate, per statement: tgtype bits 4, 8, 16, 32; not row (1),
            # before (2) or instead (64).
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s AND tgtype & 127 = 60",
                [TRIGGER],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        names = {(table, name) for table, name in cursor.fetchall()}
        return {
            table
            for table, _name in names
            if all((table, f"{TRIGGER}_{table}_{event}") in names for event in _SQLITE_EVENTS)
        }
