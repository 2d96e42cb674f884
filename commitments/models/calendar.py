"""The recess calendar the griffie keeps; deadlines are derived from it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import clock
from .choices import Chamber, RecessConfidence


class Recess(models.Model):
    """A recess of one chamber. The griffie keeps this calendar; deadlines are derived from it."""

    Confidence = RecessConfidence

    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices)
    kind = models.CharField(_("kind"), max_length=30, help_text=_("e.g. zomerreces, kerstreces, herfstreces."))
    start = models.DateField(_("first day"), validators=[clock.validate_date_in_range])
    end = models.DateField(_("end"), validators=[clock.validate_date_in_range])
    confidence = models.CharField(_("confidence"), max_length=20, choices=Confidence.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["chamber", "start"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")
        constraints = [
            models.UniqueConstraint(fields=["chamber", "kind", "start"], name="recess_once"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="recess_end_after_start",
                violation_error_message=_("A recess cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.chamber} {self.kind} {self.start:%Y}"
