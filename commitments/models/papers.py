"""Papers and where they come from: dossiers, document series, documents and activities."""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Concat
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import citations, clock
from ..links import url_of
from .archive import ActiveManager, Archivable, ArchivableQuerySet
from .choices import ActivityKind, Chamber, CitationKind, DocumentKind
from .opendata import FromOpenData, OpenDataHistory
from .people import Committee, Ministry


class DocumentQuerySet(ArchivableQuerySet):
    def letters(self):
        """Papers that can answer a commitment (not motions, amendments or transcripts)."""
        return self.exclude(kind__in=DocumentKind.not_letters())


class Dossier(models.Model):
    """A Kamerstukdossier: number plus an optional suffix (36200-XVI)."""

    number = models.CharField(_("number"), max_length=10, help_text=_("Digits only, e.g. 31015."))
    suffix = models.CharField(_("suffix"), max_length=10, blank=True, help_text=_("e.g. XVI or A; usually empty."))
    title = models.CharField(_("title"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "suffix"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(fields=["number", "suffix"], name="dossier_unique_number_suffix"),
            models.CheckConstraint(condition=Q(number__regex=r"^[0-9]+$"), name="dossier_number_digits"),
        ]

    def __str__(self):
        return f"{self.slug} {self.title}"

    def get_absolute_url(self):
        return url_of("commitments:dossier", self.slug)

    @property
    def slug(self):
        """ "31015", "36200-XVI"."""
        return f"{self.number}-{self.suffix}" if self.suffix else self.number

    @staticmethod
    def slug_expression(path: str):
        """`slug` in SQL, for the dossier at `path` (the exports' cells); NULL without one."""
        number, suffix = F(f"{path}__number"), F(f"{path}__suffix")
        return Case(
            When(**{f"{path}__isnull": True}, then=Value(None)),
            When(**{f"{path}__suffix": ""}, then=number),
            default=Concat(number, Value("-"), suffix),
            output_field=models.CharField(),
        )


class DocumentSeries(models.Model):
    """A recurring kind of paper, e.g. the progress reports of one programme.

    Event deadlines ("bij de volgende voortgangsrapportage") wait for the next paper of a series.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("document series")
        verbose_name_plural = _("document series")

    def __str__(self):
        return self.name


# What a document's citation is written from, in `document_citation`'s order: paths for
# `values_list`, so that an export writes thousands of citations without building a Document each.
CITATION_FIELDS = (
    "citation_kind",
    "chamber",
    "dossier__number",
    "dossier__suffix",
    "ondernummer",
    "vergaderjaar",
    "number",
    "item",
    "document_number",
    "date",
    "kenmerk",
)


def document_citation(
    citation_kind,
    chamber,
    dossier_number,
    dossier_suffix,
    ondernummer,
    vergaderjaar,
    number,
    item,
    document_number,
    date,
    kenmerk,
) -> str:
    """How a document is cited (`Document.citation`), from its `CITATION_FIELDS`: a Kamerstuk,
    Handelingen or Aanhangsel by `citations.format_citation`, a letter without a number by its date
    and kenmerk, a paper without a citation by the Kamer's document number."""
    if citation_kind == CitationKind.DOCUMENTNUMMER:
        return gettext("Kamer document %(number)s") % {"number": document_number}
    if citation_kind == CitationKind.BRIEF:
        return gettext("Letter of %(date)s (kenmerk %(kenmerk)s)") % {
            "date": formats.date_format(date) if date else "?",
            "kenmerk": kenmerk,
        }
    return citations.format_citation(
        citation_kind, chamber, dossier_number or "", dossier_suffix or "", ondernummer, vergaderjaar, number, item
    )


class Document(Archivable, FromOpenData):
    """A citable paper: a Kamerstuk, Handelingen, Aanhangsel Handelingen or an Eerste Kamer paper.

    The identifying parts come from one parser (`citations.parse_citation`); `identifier`
    is their canonical slug, unique, and the key in our own URLs.
    """

    CitationKind = CitationKind
    tk_entity = "Document"

    identifier = models.CharField(_("identifier"), max_length=60, unique=True, editable=False)
    citation_kind = models.CharField(_("citation kind"), max_length=20, choices=CitationKind.choices)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    ondernummer = models.CharField(_("ondernummer"), max_length=10, blank=True)
    kenmerk = models.CharField(
        _("kenmerk"),
        max_length=60,
        blank=True,
        help_text=_("The ministry's reference printed on the letter, e.g. 1702055-206650-J."),
    )
    vergaderjaar = models.CharField(_("parliamentary year"), max_length=9, blank=True, help_text=_("e.g. 2020-2021"))
    number = models.CharField(_("number (Handelingen)"), max_length=10, blank=True)
    item = models.CharField(_("item (Handelingen)"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices, default=DocumentKind.BRIEF_REGERING)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True, validators=[clock.validate_date_in_range])
    series = models.ForeignKey(
        DocumentSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    ministry = models.ForeignKey(
        Ministry, verbose_name=_("ministry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    document_number = models.CharField(
        _("Kamer document number"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The Kamer's DocumentNummer, e.g. 2024D27368."),
    )
    kind_as_published = models.CharField(_("kind as published"), max_length=100, blank=True)

    objects = ActiveManager.from_queryset(DocumentQuerySet)()
    all_objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["-date", "identifier"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["kind"]),
            # A dossier's papers in the order of their numbers, read in order (migration 0015).
            models.Index(fields=["dossier", "ondernummer", "id"], name="document_dossier_number_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(citation_kind=CitationKind.KAMERSTUK) | (Q(dossier__isnull=False) & ~Q(ondernummer="")),
                name="kamerstuk_has_dossier_and_ondernummer",
                violation_error_message=_("A Kamerstuk needs a dossier and an ondernummer."),
            ),
            models.CheckConstraint(
                condition=~Q(citation_kind=CitationKind.BRIEF) | (~Q(kenmerk="") & Q(date__isnull=False)),
                name="unnumbered_letter_has_date_and_kenmerk",
                violation_error_message=_("A letter without a number needs its date and kenmerk."),
            ),
            models.CheckConstraint(
                condition=~Q(citation_kind=CitationKind.DOCUMENTNUMMER) | Q(document_number__isnull=False),
                name="kamer_document_has_document_number",
                violation_error_message=_("A Kamer document without a citation needs its document number."),
            ),
        ]

    def __str__(self):
        return f"{self.citation} {self.title}" if self.title else self.citation

    def save(self, *args, **kwargs):
        # Adding the number to an unnumbered letter changes its identity in place: same pk,
        # so every closure and commitment stays linked.
        self.identifier = self.own_identifier()
        super().save(*args, **kwargs)

    def own_identifier(self) -> str:
        """The identifier the document's identifying parts give (bulk writers call it, as `save` does)."""
        if self.is_unnumbered:
            return self.unnumbered_slug(self.kenmerk)
        if self.citation_kind == CitationKind.DOCUMENTNUMMER:
            return slugify(self.document_number or "")
        return self.as_citation().slug

    def get_absolute_url(self):
        return url_of("commitments:document", self.identifier)

    @property
    def is_unnumbered(self) -> bool:
        return self.citation_kind == CitationKind.BRIEF

    @staticmethod
    def unnumbered_slug(kenmerk: str) -> str:
        """The identifier of a letter known by its kenmerk only: "brief-1702055-206650-j"."""
        return f"brief-{slugify(kenmerk)}"

    def as_citation(self) -> citations.Citation:
        """The parsed form of this document's identifying parts."""
        dossier = self.dossier if self.dossier_id else None
        return citations.Citation(
            kind=self.citation_kind,
            chamber=citations.Chamber(self.chamber),
            dossier_number=dossier.number if dossier is not None else "",
            dossier_suffix=dossier.suffix if dossier is not None else "",
            ondernummer=self.ondernummer,
            vergaderjaar=self.vergaderjaar,
            number=self.number,
            item=self.item,
        )

    @property
    def citation(self):
        dossier = self.dossier if self.dossier_id else None
        return document_citation(
            self.citation_kind,
            self.chamber,
            dossier.number if dossier is not None else "",
            dossier.suffix if dossier is not None else "",
            self.ondernummer,
            self.vergaderjaar,
            self.number,
            self.item,
            self.document_number,
            self.date,
            self.kenmerk,
        )

    @property
    def official_url(self):
        """The publication on officielebekendmakingen.nl, or the Kamer's own copy of a paper without
        a citation; "" for a letter without a number yet."""
        if self.citation_kind == CitationKind.DOCUMENTNUMMER:
            return f"https://www.tweedekamer.nl/downloads/document?id={self.tk_id}" if self.tk_id else ""
        return "" if self.is_unnumbered else self.as_citation().official_url


class Activity(FromOpenData):
    """A debate, consultation or set of written questions where commitments are made.

    When the papers do not give the exact date, leave `date` empty and record the bounds.
    """

    Kind = ActivityKind
    tk_entity = "Activiteit"

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    date = models.DateField(_("date"), null=True, blank=True, validators=[clock.validate_date_in_range])
    date_earliest = models.DateField(
        _("earliest possible date"), null=True, blank=True, validators=[clock.validate_date_in_range]
    )
    date_latest = models.DateField(
        _("latest possible date"), null=True, blank=True, validators=[clock.validate_date_in_range]
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text=_("Empty for plenary activities."),
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    report = models.ForeignKey(
        Document,
        verbose_name=_("report or transcript"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_activities",
    )
    number = models.CharField(
        _("Kamer activity number"), max_length=20, blank=True, help_text=_("The Kamer's Nummer, e.g. 2024A05071.")
    )
    kind_as_published = models.CharField(_("kind as published"), max_length=100, blank=True)

    history = HistoricalRecords(excluded_fields=OpenDataHistory.excluded)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["number"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_earliest__isnull=True)
                | Q(date_latest__isnull=True)
                | Q(date_latest__gte=models.F("date_earliest")),
                name="activity_date_bounds_ordered",
                violation_error_message=_("The latest possible date cannot precede the earliest."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def date_is_approximate(self):
        return self.date is None and (self.date_earliest is not None or self.date_latest is not None)
