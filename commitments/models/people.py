"""People and bodies: parties, members and bewindspersonen, ministries, committees, offices."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import clock
from ..links import url_of
from .choices import OfficeFunction
from .opendata import FromOpenData, OpenDataHistory


def held_on_q(day: datetime.date) -> Q:
    """The one rule for "an office held on `day`": open-ended bounds count as held."""
    return (Q(start__isnull=True) | Q(start__lte=day)) & (Q(end__isnull=True) | Q(end__gte=day))


class OfficeQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        """Offices held on `day` (open-ended bounds count as held)."""
        return self.filter(held_on_q(day))


class Party(FromOpenData):
    """A fractie: a parliamentary party group."""

    tk_entity = "Fractie"

    abbreviation = models.CharField(_("abbreviation"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.abbreviation


class Person(FromOpenData):
    """A member of parliament or a bewindspersoon (or both, over time)."""

    tk_entity = "Persoon"

    name = models.CharField(
        _("name"), max_length=200, help_text=_("As written in the Kamer's papers, e.g. 'Wörsdörfer'.")
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    party = models.ForeignKey(
        Party, verbose_name=_("current party"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_of("commitments:person", self.pk)


class Ministry(models.Model):
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("When the ministry was merged or renamed: the ministry that answers for its commitments now."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return url_of("commitments:ministry", self.abbreviation)

    @property
    def current(self) -> "Ministry":
        """The ministry that answers for this one's commitments now (itself, or its last successor)."""
        ministry, seen = self, {self.pk}
        while ministry.successor_id and ministry.successor_id not in seen:
            seen.add(ministry.successor_id)
            ministry = ministry.successor  # type: ignore[assignment]
        return ministry


class Committee(models.Model):
    """A vaste commissie. Plenary activities have no committee ('Plenair')."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_of("commitments:committee", self.abbreviation)


class Office(models.Model):
    """A bewindspersoon's office, held over a period."""

    Function = OfficeFunction

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="offices")
    function = models.CharField(_("function"), max_length=30, choices=Function.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("As the Kamer writes it, e.g. 'staatssecretaris van VWS'.")
    )
    ministry = models.ForeignKey(Ministry, verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="offices")
    start = models.DateField(_("start"), null=True, blank=True, validators=[clock.validate_date_in_range])
    end = models.DateField(_("end"), null=True, blank=True, validators=[clock.validate_date_in_range])

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "-start"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="office_end_after_start",
                violation_error_message=_("An office cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.title})"

    def covers(self, day: datetime.date) -> bool:
        """Whether the office was held on `day`, by the queryset's rule (`held_on_q`)."""
        return Office.objects.held_on(day).filter(pk=self.pk).exists()
