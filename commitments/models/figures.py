"""Each commitment with the date it was fulfilled: a database view the dashboard's figures count.

`fulfilled_on` is the date of the last full closing letter, as `CommitmentQuerySet.with_fulfilled_on`
has it, computed by one grouped pass over the closures joined to the commitments. That lets one
grouped query count every figure per ministry and committee: a correlated subquery is repeated by
PostgreSQL for every count that reads it, and Django cannot group over a grouped subquery.
Read only; the view is made by migration 0012 (its SQL is the definition).
"""

from django.db import models

from .archive import ActiveManager, ArchivableQuerySet
from .choices import CommitmentStatus
from .commitment import Commitment
from .people import Committee, Ministry, Person


class CommitmentFigures(models.Model):
    """One commitment as the figures count it (the view `commitments_commitmentfigures`)."""

    commitment = models.OneToOneField(
        Commitment, primary_key=True, db_column="id", on_delete=models.DO_NOTHING, related_name="+"
    )
    ministry = models.ForeignKey(Ministry, null=True, on_delete=models.DO_NOTHING, related_name="+")
    committee = models.ForeignKey(Committee, null=True, on_delete=models.DO_NOTHING, related_name="+")
    bewindspersoon = models.ForeignKey(Person, null=True, on_delete=models.DO_NOTHING, related_name="+")
    status = models.CharField(max_length=20, choices=CommitmentStatus.choices)
    due_date = models.DateField(null=True)
    archived_at = models.DateTimeField(null=True)
    fulfilled_on = models.DateField(null=True)

    # Archived commitments are left out, as everywhere the public reads.
    objects = ActiveManager.from_queryset(ArchivableQuerySet)()

    class Meta:
        managed = False
        db_table = "commitments_commitmentfigures"

    def __str__(self):
        return str(self.pk)
