"""Indexes for the admin's changelists: commitments sorted by number, the archived ones, and the
search of papers by identifier and title (trigram indexes, PostgreSQL only; no-ops on SQLite)."""

from django.db import migrations, models

# What Django's `icontains` writes on PostgreSQL: UPPER(col::text) LIKE UPPER('%word%').
PAPER_TRIGRAMS = """
CREATE INDEX IF NOT EXISTS document_identifier_trgm ON commitments_document USING gin (UPPER(identifier) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS document_title_trgm ON commitments_document USING gin (UPPER(title) gin_trgm_ops);
"""
DROP_PAPER_TRIGRAMS = """
DROP INDEX IF EXISTS document_identifier_trgm;
DROP INDEX IF EXISTS document_title_trgm;
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0013_deadline_rederivation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["number", "id"], name="commitment_number_id"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", False)),
                fields=["made_on", "id"],
                name="commitment_archived_made_on_id",
            ),
        ),
        migrations.RunPython(_postgresql(PAPER_TRIGRAMS), _postgresql(DROP_PAPER_TRIGRAMS)),
    ]
