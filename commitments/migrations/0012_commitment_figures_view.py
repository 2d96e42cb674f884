"""Each commitment with the date of its last full closing letter (`CommitmentFigures`): a view, so
the dashboard and the scorecards count every figure per ministry and committee in one grouped query;
and an index that gives that date from the index alone.
"""

import django.db.models.deletion
from django.db import migrations, models

VIEW = """
CREATE VIEW commitments_commitmentfigures AS
SELECT c.id, c.ministry_id, c.committee_id, c.bewindspersoon_id, c.status, c.due_date, c.archived_at, f.fulfilled_on
FROM commitments_commitment c
LEFT JOIN (
    SELECT commitment_id, MAX(closed_on) AS fulfilled_on
    FROM commitments_closure WHERE fulfilment = 'volledig' GROUP BY commitment_id
) f ON f.commitment_id = c.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0011_data_version"),
    ]

    operations = [
        migrations.RunSQL(VIEW, "DROP VIEW commitments_commitmentfigures"),
        migrations.AddIndex(
            model_name="closure",
            index=models.Index(
                condition=models.Q(("fulfilment", "volledig")),
                fields=["commitment", "closed_on"],
                name="closure_full_by_commitment",
            ),
        ),
        migrations.CreateModel(
            name="CommitmentFigures",
            fields=[
                (
                    "commitment",
                    models.OneToOneField(
                        db_column="id",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="commitments.commitment",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("openstaand", "open"),
                            ("deels voldaan", "partly fulfilled"),
                            ("voldaan", "fulfilled"),
                            ("vervallen", "lapsed"),
                        ],
                        max_length=20,
                    ),
                ),
                ("due_date", models.DateField(null=True)),
                ("archived_at", models.DateTimeField(null=True)),
                ("fulfilled_on", models.DateField(null=True)),
            ],
            options={
                "db_table": "commitments_commitmentfigures",
                "managed": False,
            },
        ),
    ]
