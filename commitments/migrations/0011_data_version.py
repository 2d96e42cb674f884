"""The data version (`commitments.models.dataversion`): its row, and the triggers on every table
the pages read, so any write (admin, services, bulk updates, the sync, raw SQL) changes it.

A later migration that adds a table the pages read adds its trigger the same way
(`add_data_version_triggers`); tests/models/test_data_version.py fails until it does.
"""

from django.db import migrations, models

from commitments.models.dataversion import (
    add_data_version_triggers,
    install_data_version,
    remove_data_version_triggers,
    uninstall_data_version,
)

# Every table of the app as of this migration, but those in `UNTRACKED_TABLES`.
TABLES = [
    "commitments_activity",
    "commitments_agendaitem",
    "commitments_closure",
    "commitments_commitment",
    "commitments_commitment_motions_concerned",
    "commitments_commitmentrecipient",
    "commitments_commitmentrelation",
    "commitments_commitmentsearch",
    "commitments_committee",
    "commitments_deadlinechange",
    "commitments_document",
    "commitments_documentseries",
    "commitments_dossier",
    "commitments_historicalactivity",
    "commitments_historicalclosure",
    "commitments_historicalcommitment",
    "commitments_historicalcommitmentrecipient",
    "commitments_historicalcommitmentrelation",
    "commitments_historicalcommittee",
    "commitments_historicaldeadlinechange",
    "commitments_historicaldocument",
    "commitments_historicaldocumentseries",
    "commitments_historicaldossier",
    "commitments_historicalministry",
    "commitments_historicalmotion",
    "commitments_historicalmotionsigner",
    "commitments_historicalmotionstatuschange",
    "commitments_historicaloffice",
    "commitments_historicalparty",
    "commitments_historicalperson",
    "commitments_historicalrecess",
    "commitments_historicalvote",
    "commitments_ministry",
    "commitments_motion",
    "commitments_motionsearch",
    "commitments_motionsigner",
    "commitments_motionstatuschange",
    "commitments_office",
    "commitments_party",
    "commitments_person",
    "commitments_recess",
    "commitments_syncconflict",
    "commitments_vote",
]


def forwards(apps, schema_editor):
    install_data_version(schema_editor)
    add_data_version_triggers(schema_editor, TABLES)


def backwards(apps, schema_editor):
    remove_data_version_triggers(schema_editor, TABLES)
    uninstall_data_version(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0010_motion_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.BigIntegerField(verbose_name="version")),
            ],
            options={
                "verbose_name": "data version",
                "verbose_name_plural": "data versions",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
