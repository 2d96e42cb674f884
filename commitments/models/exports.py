"""Temporary tables one CSV export fills and joins, so that its cells are plain SQL.

The exports' cells are SQL expressions (`commitments.exports.columns`), so that PostgreSQL can
write the file with COPY. Some cells join several rows (the members a promise was made to, a
motion's signers, the closing letters) or need Python (a paper's citation, which speaks the
reader's language: `document_citation`). The export computes those for its own rows into these
tables first (`commitments.exports.rows`: created, filled and dropped inside its transaction),
and its query joins them like any relation. Nothing else reads these models.
"""

from django.db import models

from .commitment import Commitment
from .motions import Motion
from .papers import Document


def _key(model, related_name):
    return models.OneToOneField(
        model, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name=related_name
    )


class ExportCitation(models.Model):
    """A paper the export cites, with its citation."""

    document = _key(Document, "export_citation")
    citation = models.TextField()

    class Meta:
        managed = False
        db_table = "export_citation"

    def __str__(self):
        return self.citation


class ExportRecipients(models.Model):
    """The members and parties a commitment was made to, as the export writes them."""

    commitment = _key(Commitment, "export_recipients")
    labels = models.TextField()

    class Meta:
        managed = False
        db_table = "export_recipients"

    def __str__(self):
        return self.labels


class ExportLetters(models.Model):
    """The letters that closed a commitment, oldest first, and the last one's date."""

    commitment = _key(Commitment, "export_letters")
    labels = models.TextField()
    last_closed_on = models.DateField()

    class Meta:
        managed = False
        db_table = "export_letters"

    def __str__(self):
        return self.labels


class ExportSigners(models.Model):
    """A motion's signers, indiener first, as the export writes them."""

    motion = _key(Motion, "export_signers")
    labels = models.TextField()

    class Meta:
        managed = False
        db_table = "export_signers"

    def __str__(self):
        return self.labels


# Their tables exist only inside an export's transaction.
EXPORT_TABLES = (ExportCitation, ExportRecipients, ExportLetters, ExportSigners)
