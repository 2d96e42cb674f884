"""Motions (moties): the paper, who signed it, and its course through the Kamer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import clock
from .archive import ActiveManager, Archivable, ArchivableQuerySet
from .choices import DocumentKind, KabinetsAppreciatie, MotionStatus, SignerRole
from .papers import Activity, Document
from .people import Committee, Party, Person


class MotionQuerySet(ArchivableQuerySet):
    def adopted(self):
        return self.filter(status=MotionStatus.AANGENOMEN)


class Motion(Archivable):
    """A motie, filed as a Kamerstuk. When adopted, carrying it out is tracked as a commitment."""

    Status = MotionStatus

    document = models.OneToOneField(
        Document, verbose_name=_("Kamerstuk"), on_delete=models.PROTECT, related_name="motion"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("e.g. 'Motie van het lid Westerveld c.s.'"))
    dictum = models.TextField(_("dictum"), help_text=_("The operative part: 'verzoekt de regering …'."))
    activity = models.ForeignKey(
        Activity, verbose_name=_("filed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True, validators=[clock.validate_date_in_range])
    kabinetsappreciatie = models.CharField(
        _("government appraisal"),
        max_length=60,
        blank=True,
        # format_lazy: the text must follow the user's language, not the one active at import.
        help_text=format_lazy(
            _("Usually one of: {values}; other values are kept as published."),
            values=", ".join(KabinetsAppreciatie.values),
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by (amended motion)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), null=True, blank=True, on_delete=models.PROTECT, related_name="motions"
    )

    objects = ActiveManager.from_queryset(MotionQuerySet)()
    all_objects = MotionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on", "document__identifier"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | ~Q(replaced_by=models.F("pk")),
                name="motion_not_replaced_by_itself",
            )
        ]

    def __str__(self):
        return f"{self.document.citation} {self.title}"

    def get_absolute_url(self):
        return reverse("commitments:motion", args=[self.document.identifier])

    def clean(self):
        if self.document_id and self.document.kind != DocumentKind.MOTIE:
            raise ValidationError({"document": _("A motion must be a Kamerstuk of kind 'motie'.")})


class MotionSigner(models.Model):
    Role = SignerRole

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="signers")
    person = models.ForeignKey(
        Person, verbose_name=_("member"), on_delete=models.PROTECT, related_name="motions_signed"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INDIENER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [models.UniqueConstraint(fields=["motion", "person"], name="motion_signer_once")]

    def __str__(self):
        return f"{self.person} ({self.party})" if self.party_id else str(self.person)


class MotionStatusChange(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=MotionStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True, validators=[clock.validate_date_in_range])
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("motion status change")
        verbose_name_plural = _("motion status history")

    def __str__(self):
        return f"{self.get_status_display()} {self.date or ''}".strip()
