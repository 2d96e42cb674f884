"""The recess calendar the griffie keeps; deadlines are derived from it (and re-derived when it changes)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class DeadlineRederivation(models.Model):
    """A re-derivation of due dates, queued or done: one per recess edit or `rederive_deadlines` run.

    Work done in batches records its progress here (`last_pk`, counts) in the same transaction as
    the batch, so an interrupted run (a worker restarted, a command stopped) resumes where it
    stopped. Unfinished rows are the queue (`services.rederivation`). The bookkeeping of a job,
    not the griffie's record: the changes themselves are in each commitment's history.
    """

    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, blank=True)
    every_phrase = models.BooleanField(
        _("every phrase"), default=False, help_text=_("Every commitment with a phrase, not only recess-anchored ones.")
    )
    # The period of the recess (before and after the edit): only commitments whose due date can
    # depend on it are read (`CommitmentQuerySet.may_depend_on_recess`). Empty: all of them.
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    estimated = models.PositiveIntegerField(_("commitments to read"), null=True, blank=True)
    last_pk = models.BigIntegerField(_("done up to commitment id"), default=0)
    examined = models.PositiveIntegerField(_("commitments read"), default=0)
    moved = models.PositiveIntegerField(_("due dates changed"), default=0)
    updated = models.PositiveIntegerField(_("commitments updated"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deadline re-derivation")
        verbose_name_plural = _("deadline re-derivations")
        indexes = [
            models.Index(fields=["id"], name="rederivation_pending", condition=Q(finished_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_start__isnull=False, period_end__isnull=False, period_end__gte=models.F("period_start")),
                name="rederivation_period",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.reason[:80]}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def commitments(self):
        """The commitments this re-derivation reads (those with a date set by hand are left out)."""
        from .commitment import Commitment

        queryset = Commitment.objects.filter(due_date_overridden=False)
        if self.chamber:
            queryset = queryset.filter(chamber=self.chamber)
        queryset = queryset.exclude(deadline_phrase="") if self.every_phrase else queryset.derived_from_recess()
        if self.period_start is not None and self.period_end is not None:
            queryset = queryset.may_depend_on_recess(self.period_start, self.period_end)
        return queryset
