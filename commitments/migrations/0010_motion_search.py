"""The motions' search documents (PostgreSQL: kept by triggers, trigram GIN indexes), like the
commitments' of migration 0006: the motions index searched every dictum (0.5 s at 52,000 motions).

The PostgreSQL parts are no-ops on SQLite (checked with `schema_editor.connection.vendor`).
"""

import django.db.models.deletion
from django.db import migrations, models

# `tz_fold` is migration 0006's (unaccent, then lower case, as `commitments.models.search.fold`).
FUNCTIONS = r"""
-- The search document of the given motions, written again (insert or replace).
CREATE OR REPLACE FUNCTION tz_motion_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO commitments_motionsearch (motion_id, text, identifiers)
SELECT m.id,
       tz_fold(m.title || ' ' || m.dictum),
       coalesce(tz_fold(concat_ws(' ',
           '|' || m.zaak || '|', '|' || d.identifier || '|', '|' || d.document_number || '|')), '')
FROM commitments_motion m
LEFT JOIN commitments_document d ON d.id = m.document_id
WHERE m.id IN (SELECT unnest(ids))
ON CONFLICT (motion_id) DO UPDATE SET text = EXCLUDED.text, identifiers = EXCLUDED.identifiers
$$;

CREATE OR REPLACE FUNCTION tz_motion_search_motions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tz_motion_search_refresh(ARRAY(SELECT id FROM changed));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_motion_search_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE renamed bigint[];
BEGIN
    renamed := ARRAY(SELECT n.id FROM changed n JOIN before o ON o.id = n.id
                     WHERE (n.identifier, n.document_number) IS DISTINCT FROM (o.identifier, o.document_number));
    IF cardinality(renamed) > 0 THEN
        PERFORM tz_motion_search_refresh(ARRAY(SELECT id FROM commitments_motion WHERE document_id = ANY(renamed)));
    END IF;
    RETURN NULL;
END $$;

-- Statement-level triggers: a bulk insert or update (the open-data sync) refreshes its rows at once.
CREATE TRIGGER tz_motion_search_insert AFTER INSERT ON commitments_motion
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_motion_search_motions_changed();
CREATE TRIGGER tz_motion_search_update AFTER UPDATE ON commitments_motion
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_motion_search_motions_changed();
CREATE TRIGGER tz_motion_search_document_update AFTER UPDATE ON commitments_document
    REFERENCING NEW TABLE AS changed OLD TABLE AS before
    FOR EACH STATEMENT EXECUTE FUNCTION tz_motion_search_documents_changed();

SELECT tz_motion_search_refresh(ARRAY(SELECT id FROM commitments_motion));

CREATE INDEX motionsearch_text_trgm ON commitments_motionsearch USING gin (text gin_trgm_ops);
CREATE INDEX motionsearch_identifiers_trgm ON commitments_motionsearch USING gin (identifiers gin_trgm_ops);
"""

REVERSE = r"""
DROP TRIGGER IF EXISTS tz_motion_search_insert ON commitments_motion;
DROP TRIGGER IF EXISTS tz_motion_search_update ON commitments_motion;
DROP TRIGGER IF EXISTS tz_motion_search_document_update ON commitments_document;
DROP FUNCTION IF EXISTS tz_motion_search_motions_changed, tz_motion_search_documents_changed;
DROP FUNCTION IF EXISTS tz_motion_search_refresh(bigint[]);
DROP INDEX IF EXISTS motionsearch_text_trgm;
DROP INDEX IF EXISTS motionsearch_identifiers_trgm;
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0009_list_sort_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="MotionSearch",
            fields=[
                (
                    "motion",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="commitments.motion",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="search text")),
                ("identifiers", models.TextField(blank=True, verbose_name="identifiers")),
            ],
            options={
                "verbose_name": "motion search document",
                "verbose_name_plural": "motion search documents",
            },
        ),
        migrations.RunPython(_postgresql(FUNCTIONS), _postgresql(REVERSE)),
    ]
