"""Motions (moties): the paper, who signed it, and its course through the Kamer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import citations, clock
from ..links import url_of
from .archive import ActiveManager, Archivable, ArchivableQuerySet
from .choices import Chamber, DocumentKind, KabinetsAppreciatie, MotionStatus, SignerRole, VoteChoice
from .opendata import FromOpenData, OpenDataHistory
from .papers import Activity, Document
from .people import Committee, Party, Person


class MotionQuerySet(ArchivableQuerySet):
    def adopted(self):
        return self.filter(status=MotionStatus.AANGENOMEN)

    def identified_by(self, identifier: str):
        """The motion whose `identifier` this is: its Kamerstuk's identifier, or its Zaak number
        in any case ("2024Z11440", "2024z11440")."""
        if zaak := citations.parse_zaak_number(identifier):
            return self.filter(zaak=zaak)
        return self.filter(document__identifier=identifier)

    def with_status_date(self):
        """Annotate `status_date`: the date of the latest step of the course (empty when none is dated)."""
        latest = MotionStatusChange.objects.filter(motion=OuterRef("pk")).order_by(*MotionStatusChange.LATEST_FIRST)
        return self.annotate(status_date=Subquery(latest.values("date")[:1]))

    def with_vote_totals(self):
        """Annotate `seats_for` and `seats_against` of the latest decision that has votes (None when no
        decision has any), counted by `VoteQuerySet.seats`: one correlated subquery each, whatever
        the number of rows."""
        latest_with_votes = (
            MotionStatusChange.objects.filter(motion=OuterRef(OuterRef("pk")))
            .filter(Exists(Vote.objects.filter(decision=OuterRef("pk"))))
            .order_by(*MotionStatusChange.LATEST_FIRST)
            .values("pk")[:1]
        )

        def total(choice):
            votes = (
                Vote.objects.filter(decision=Subquery(latest_with_votes))
                .order_by()
                .values("decision")
                .annotate(total=Coalesce(Vote.objects.seats(choice), 0))
                .values("total")[:1]
            )
            return Subquery(votes, output_field=models.IntegerField())

        return self.annotate(seats_for=total(VoteChoice.VOOR), seats_against=total(VoteChoice.TEGEN))


class Motion(Archivable, FromOpenData):
    """A motie, usually filed as a Kamerstuk. When adopted, carrying it out is tracked as a commitment.

    Motions from the Kamer's open data are known by their Zaak number (2024Z11440); older ones
    often have no derivable Kamerstuk, so the paper is optional and the Zaak number identifies them.
    """

    Status = MotionStatus
    tk_entity = "Zaak"

    document = models.OneToOneField(
        Document,
        verbose_name=_("Kamerstuk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="motion",
        help_text=_("Empty only for a motion known by its Zaak number alone."),
    )
    zaak = models.CharField(
        _("Zaak number"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The Kamer's Zaak number, e.g. 2024Z11440."),
    )
    title = models.CharField(_("title"), max_length=500, help_text=_("e.g. 'Motie van het lid Westerveld c.s.'"))
    dictum = models.TextField(_("dictum"), blank=True, help_text=_("The operative part: 'verzoekt de regering …'."))
    activity = models.ForeignKey(
        Activity, verbose_name=_("filed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True, validators=[clock.validate_date_in_range])
    kabinetsappreciatie = models.CharField(
        _("government appraisal"),
        max_length=100,
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
    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["-filed_on", "zaak", "pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        # The motions index reads newest first (filed_on desc nulls last, id desc): that index is made
        # on PostgreSQL by migration 0008, as SQLite cannot index NULLS LAST.
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | ~Q(replaced_by=models.F("pk")),
                name="motion_not_replaced_by_itself",
            ),
            models.CheckConstraint(
                condition=Q(document__isnull=False) | Q(zaak__isnull=False),
                name="motion_has_kamerstuk_or_zaak",
                violation_error_message=_("A motion needs its Kamerstuk or its Zaak number."),
            ),
        ]

    def __str__(self):
        return f"{self.citation} {self.title}"

    def get_absolute_url(self):
        return url_of("commitments:motion", self.identifier)

    @property
    def paper(self) -> Document | None:
        """The Kamerstuk, or None for a motion known by its Zaak number (no query when there is none)."""
        return self.document if self.document_id else None

    @property
    def identifier(self) -> str:
        """The key in our URLs: the Kamerstuk's identifier, else the Zaak number."""
        return self.paper_else_zaak(self.paper.identifier if self.paper is not None else None, self.zaak)

    @property
    def citation(self) -> str:
        """How the motion is cited: its Kamerstuk, else its Zaak number."""
        return self.paper_else_zaak(self.paper.citation if self.paper is not None else None, self.zaak)

    @staticmethod
    def paper_else_zaak(paper_value: str | None, zaak: str | None) -> str:
        """The rule of `identifier` and `citation`, on values (the exports read them so): the
        Kamerstuk's identifier or citation (None without a Kamerstuk), else the Zaak number."""
        return paper_value if paper_value is not None else (zaak or "")

    @staticmethod
    def paper_else_zaak_expression(paper_value, zaak):
        """`paper_else_zaak` in SQL, on expressions (the exports' cells)."""
        return Coalesce(paper_value, zaak, Value(""), output_field=models.CharField())

    @property
    def chamber(self) -> str:
        return self.paper.chamber if self.paper is not None else Chamber.TK

    @property
    def kamer_url(self) -> str:
        """The motion's page on the Tweede Kamer's site (motions known by their Zaak number)."""
        return f"https://www.tweedekamer.nl/kamerstukken/moties/detail?id={self.zaak}" if self.zaak else ""

    def clean(self):
        if self.zaak:
            # As the Kamer writes it, so the URL (any case) and the sync find it.
            zaak = citations.parse_zaak_number(self.zaak)
            if zaak is None:
                raise ValidationError({"zaak": _("A Zaak number is written like 2024Z11440.")})
            self.zaak = zaak
        if self.document_id and self.document.kind != DocumentKind.MOTIE:
            raise ValidationError({"document": _("A motion must be a Kamerstuk of kind 'motie'.")})
        if not self.document_id and not self.zaak:
            raise ValidationError({"document": _("A motion needs its Kamerstuk or its Zaak number.")})


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


class MotionStatusChange(FromOpenData):
    """A step of a motion's course; from the open data, a Besluit (with its votes)."""

    tk_entity = "Besluit"
    # The one order of a course, latest step first (undated steps last): the latest decides the status.
    LATEST_FIRST = (F("date").desc(nulls_last=True), F("pk").desc())

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=MotionStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True, validators=[clock.validate_date_in_range])
    note = models.CharField(_("note"), max_length=500, blank=True)
    decision_as_published = models.CharField(
        _("decision as published"), max_length=200, blank=True, help_text=_("The Kamer's BesluitSoort, kept as is.")
    )
    vote_kind = models.CharField(
        _("kind of vote"), max_length=40, blank=True, help_text=_("'Met handopsteken' or 'Hoofdelijk'.")
    )

    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("motion status change")
        verbose_name_plural = _("motion status history")

    def __str__(self):
        return f"{self.get_status_display()} {self.date or ''}".strip()


class VoteQuerySet(models.QuerySet):
    def seats(self, choice: str) -> models.Sum:
        """Seats cast `choice`, as an aggregate over votes (each vote carries its seats: a party's
        size, or one for a member in a roll call)."""
        return models.Sum("seats", filter=Q(choice=choice))


class Vote(FromOpenData):
    """One Stemming of the Kamer: a party's vote (with its seats), or a member's in a roll call.

    The Kamer's record, read-only here (the sync writes it, with history like every other change). A vote the party called a mistake (`Vergissing`) still
    counts, as it does in the Kamer's result; it is marked on the page.
    """

    Choice = VoteChoice
    tk_entity = "Stemming"

    decision = models.ForeignKey(MotionStatusChange, on_delete=models.CASCADE, related_name="votes")
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    actor_name = models.CharField(_("voter as published"), max_length=200)
    party_name = models.CharField(_("party as published"), max_length=100, blank=True)
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)
    seats = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("The party's seats; 1 for a member in a roll call.")
    )
    mistake = models.BooleanField(_("declared a mistake"), default=False)

    objects = VoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["-seats", "actor_name", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.actor_name}: {self.get_choice_display()}"

    @property
    def seat_count(self) -> int:
        """The seats this vote counts for, by the rule of `VoteQuerySet.seats` (for votes already loaded)."""
        return 1 if self.person_id else (self.seats or 0)
