"""Load the recess calendar (commitments/data/recesses.csv) so deadlines resolve from the first migrate.

The griffie keeps the calendar up to date in the admin afterwards.
"""
import csv
import datetime
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "recesses.csv"


def load_recesses(apps, schema_editor):
    Recess = apps.get_model("commitments", "Recess")
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Recess.objects.get_or_create(
                chamber=row["kamer"],
                kind=row["soort"],
                start=datetime.date.fromisoformat(row["start"]),
                defaults={
                    "end": datetime.date.fromisoformat(row["end"]),
                    "confidence": row["confidence"],
                    "note": row["note"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]

    operations = [migrations.RunPython(load_recesses, migrations.RunPython.noop)]
