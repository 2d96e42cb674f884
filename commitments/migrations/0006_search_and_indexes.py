"""Search documents (PostgreSQL: unaccent, pg_trgm, Dutch full text, kept by triggers) and the
indexes the list, ministry and committee pages filter and sort on.

The PostgreSQL parts are no-ops on SQLite (checked with `schema_editor.connection.vendor`).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Folds like the Python `commitments.models.search.fold`: unaccent, then lower case. `unaccent`
# is only STABLE (it reads its dictionary), so an IMMUTABLE wrapper naming the dictionary is what
# an index or a stored document may use.
FUNCTIONS = r"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION tz_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- The search document of the given commitments, written again (insert or replace).
CREATE OR REPLACE FUNCTION tz_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO commitments_commitmentsearch (commitment_id, document, vector)
SELECT c.id, d.document, to_tsvector('dutch'::regconfig, d.document)
FROM commitments_commitment c
LEFT JOIN commitments_person bp ON bp.id = c.bewindspersoon_id
LEFT JOIN commitments_dossier ds ON ds.id = c.dossier_id
LEFT JOIN commitments_document sd ON sd.id = c.source_document_id
LEFT JOIN commitments_motion mo ON mo.id = c.motion_id
LEFT JOIN commitments_document md ON md.id = mo.document_id
CROSS JOIN LATERAL (
    SELECT tz_fold(concat_ws(' ',
        c.number, c.text, c.deadline_phrase, bp.name, ds.number,
        (SELECT string_agg(concat_ws(' ', p.name, pa.abbreviation), ' ')
           FROM commitments_commitmentrecipient r
           LEFT JOIN commitments_person p ON p.id = r.person_id
           LEFT JOIN commitments_party pa ON pa.id = r.party_id
          WHERE r.commitment_id = c.id),
        '|' || c.id || '|',
        CASE WHEN c.number <> '' THEN '|' || c.number || '|' END,
        CASE WHEN ds.id IS NOT NULL THEN
            '|d:' || ds.number || CASE WHEN ds.suffix <> '' THEN '-' || ds.suffix ELSE '' END || '|' END,
        '|' || sd.identifier || '|',
        '|' || md.identifier || '|'
    )) AS document
) d
WHERE c.id IN (SELECT unnest(ids))
ON CONFLICT (commitment_id) DO UPDATE SET document = EXCLUDED.document, vector = EXCLUDED.vector
$$;

CREATE OR REPLACE FUNCTION tz_search_commitments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tz_search_refresh(ARRAY(SELECT id FROM changed));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_search_recipients_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tz_search_refresh(ARRAY(SELECT DISTINCT commitment_id FROM changed));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_search_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE renamed bigint[];
BEGIN
    renamed := ARRAY(SELECT n.id FROM changed n JOIN before o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name);
    IF cardinality(renamed) > 0 THEN
        PERFORM tz_search_refresh(ARRAY(
            SELECT id FROM commitments_commitment WHERE bewindspersoon_id = ANY(renamed)
            UNION SELECT commitment_id FROM commitments_commitmentrecipient WHERE person_id = ANY(renamed)));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_search_parties_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE renamed bigint[];
BEGIN
    renamed := ARRAY(SELECT n.id FROM changed n JOIN before o ON o.id = n.id
                     WHERE n.abbreviation IS DISTINCT FROM o.abbreviation);
    IF cardinality(renamed) > 0 THEN
        PERFORM tz_search_refresh(ARRAY(
            SELECT commitment_id FROM commitments_commitmentrecipient WHERE party_id = ANY(renamed)));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_search_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE renamed bigint[];
BEGIN
    renamed := ARRAY(SELECT n.id FROM changed n JOIN before o ON o.id = n.id
                     WHERE n.identifier IS DISTINCT FROM o.identifier);
    IF cardinality(renamed) > 0 THEN
        PERFORM tz_search_refresh(ARRAY(
            SELECT id FROM commitments_commitment WHERE source_document_id = ANY(renamed)
            UNION SELECT c.id FROM commitments_commitment c JOIN commitments_motion m ON m.id = c.motion_id
                  WHERE m.document_id = ANY(renamed)));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tz_search_dossiers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE renamed bigint[];
BEGIN
    renamed := ARRAY(SELECT n.id FROM changed n JOIN before o ON o.id = n.id
                     WHERE (n.number, n.suffix) IS DISTINCT FROM (o.number, o.suffix));
    IF cardinality(renamed) > 0 THEN
        PERFORM tz_search_refresh(ARRAY(SELECT id FROM commitments_commitment WHERE dossier_id = ANY(renamed)));
    END IF;
    RETURN NULL;
END $$;

-- Statement-level triggers: a bulk insert or update refreshes its rows in one statement.
CREATE TRIGGER tz_search_commitment_insert AFTER INSERT ON commitments_commitment
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_commitments_changed();
CREATE TRIGGER tz_search_commitment_update AFTER UPDATE ON commitments_commitment
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_commitments_changed();
CREATE TRIGGER tz_search_recipient_insert AFTER INSERT ON commitments_commitmentrecipient
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_recipients_changed();
CREATE TRIGGER tz_search_recipient_update_new AFTER UPDATE ON commitments_commitmentrecipient
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_recipients_changed();
CREATE TRIGGER tz_search_recipient_update_old AFTER UPDATE ON commitments_commitmentrecipient
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_recipients_changed();
CREATE TRIGGER tz_search_recipient_delete AFTER DELETE ON commitments_commitmentrecipient
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION tz_search_recipients_changed();
CREATE TRIGGER tz_search_person_update AFTER UPDATE ON commitments_person
    REFERENCING NEW TABLE AS changed OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION tz_search_people_changed();
CREATE TRIGGER tz_search_party_update AFTER UPDATE ON commitments_party
    REFERENCING NEW TABLE AS changed OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION tz_search_parties_changed();
CREATE TRIGGER tz_search_document_update AFTER UPDATE ON commitments_document
    REFERENCING NEW TABLE AS changed OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION tz_search_documents_changed();
CREATE TRIGGER tz_search_dossier_update AFTER UPDATE ON commitments_dossier
    REFERENCING NEW TABLE AS changed OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION tz_search_dossiers_changed();

CREATE INDEX commitmentsearch_document_trgm ON commitments_commitmentsearch USING gin (document gin_trgm_ops);
CREATE INDEX commitmentsearch_vector ON commitments_commitmentsearch USING gin (vector);

SELECT tz_search_refresh(ARRAY(SELECT id FROM commitments_commitment));
"""

REVERSE = r"""
DROP TRIGGER IF EXISTS tz_search_commitment_insert ON commitments_commitment;
DROP TRIGGER IF EXISTS tz_search_commitment_update ON commitments_commitment;
DROP TRIGGER IF EXISTS tz_search_recipient_insert ON commitments_commitmentrecipient;
DROP TRIGGER IF EXISTS tz_search_recipient_update_new ON commitments_commitmentrecipient;
DROP TRIGGER IF EXISTS tz_search_recipient_update_old ON commitments_commitmentrecipient;
DROP TRIGGER IF EXISTS tz_search_recipient_delete ON commitments_commitmentrecipient;
DROP TRIGGER IF EXISTS tz_search_person_update ON commitments_person;
DROP TRIGGER IF EXISTS tz_search_party_update ON commitments_party;
DROP TRIGGER IF EXISTS tz_search_document_update ON commitments_document;
DROP TRIGGER IF EXISTS tz_search_dossier_update ON commitments_dossier;
DROP FUNCTION IF EXISTS tz_search_commitments_changed, tz_search_recipients_changed, tz_search_people_changed,
    tz_search_parties_changed, tz_search_documents_changed, tz_search_dossiers_changed;
DROP FUNCTION IF EXISTS tz_search_refresh(bigint[]);
DROP FUNCTION IF EXISTS tz_fold(text);
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_letters_kenmerk_successor_motions_concerned"),
    ]

    operations = [
        migrations.CreateModel(
            name="CommitmentSearch",
            fields=[
                (
                    "commitment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="commitments.commitment",
                    ),
                ),
                ("document", models.TextField(blank=True, verbose_name="search document")),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RemoveIndex(model_name="commitment", name="commitments_due_dat_c30083_idx"),
        migrations.RemoveIndex(model_name="commitment", name="commitments_made_on_982b0f_idx"),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["due_date", "id"], name="commitment_due_id"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                condition=models.Q(("status__in", ("openstaand", "deels voldaan"))),
                fields=["due_date", "id"],
                name="commitment_open_due_id",
            ),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["ministry", "due_date", "id"], name="commitment_ministry_due_id"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["committee", "due_date", "id"], name="commitment_committee_due_id"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["bewindspersoon", "due_date", "id"], name="commitment_person_due_id"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["made_on", "id"], name="commitment_made_on_id"),
        ),
        migrations.RunPython(_postgresql(FUNCTIONS), _postgresql(REVERSE)),
    ]
