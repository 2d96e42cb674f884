"""Indexes for the admin's changelist of commitments: sorted by number, and the archived ones."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0008_open_data_sync"),
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
    ]
