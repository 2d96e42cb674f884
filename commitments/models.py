"""The domain: papers, people, motions and the commitments made to parliament.

Field names follow the Tweede Kamer's open data where one exists, so records can be
matched with it later. Behaviour about sets of rows lives in `querysets.py`; state
changes that touch several rows live in `services.py`.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import citations
from .querysets import CommitmentQuerySet, DocumentQuerySet, MotionQuerySet, OfficeQuerySet


class Chamber(models.TextChoices):
    TK = "TK", _("Tweede Kamer")
    EK = "EK", _("Eerste Kamer")


class Party(models.Model):
    """A fractie: a parliamentary party group."""

    abbreviation = models.CharField(_("abbreviation"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.abbreviation


class Person(models.Model):
    """A member of parliament or a bewindspersoon (or both, over time)."""

    name = models.CharField(_("name"), max_length=200, help_text=_("As written in the Kamer's papers, e.g. 'Wörsdörfer'."))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    party = models.ForeignKey(
        Party, verbose_name=_("current party"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    tk_id = models.UUIDField(_("Tweede Kamer open data id"), null=True, blank=True, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commitments:person", args=[self.pk])


class Ministry(models.Model):
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return reverse("commitments:ministry", args=[self.abbreviation])


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
        return reverse("commitments:committee", args=[self.abbreviation])


class Office(models.Model):
    """A bewindspersoon's office, held over a period."""

    class Function(models.TextChoices):
        MINISTER_PRESIDENT = "minister-president", _("minister-president")
        MINISTER = "minister", _("minister")
        MINISTER_FOR = "minister voor", _("minister for (without own ministry)")
        STAATSSECRETARIS = "staatssecretaris", _("staatssecretaris")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="offices")
    function = models.CharField(_("function"), max_length=30, choices=Function.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("As the Kamer writes it, e.g. 'staatssecretaris van VWS'.")
    )
    ministry = models.ForeignKey(Ministry, verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="offices")
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

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

    def covers(self, day):
        """Whether the office was held on `day` (open-ended bounds count as held)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


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

    @property
    def slug(self):
        return f"{self.number}-{self.suffix}" if self.suffix else self.number

    def get_absolute_url(self):
        return reverse("commitments:dossier", args=[self.slug])


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


class DocumentKind(models.TextChoices):
    BRIEF_REGERING = "brief regering", _("government letter")
    MOTIE = "motie", _("motion")
    AMENDEMENT = "amendement", _("amendment")
    VERSLAG = "verslag", _("report")
    ANTWOORD_SCHRIFTELIJKE_VRAGEN = "antwoord schriftelijke vragen", _("answer to written questions")
    SCHRIFTELIJKE_VRAGEN = "schriftelijke vragen", _("written questions")
    HANDELINGEN = "handelingen", _("Handelingen (transcript)")
    WETSVOORSTEL = "wetsvoorstel", _("bill")
    OVERIG = "overig", _("other")


class Document(models.Model):
    """A citable paper: a Kamerstuk, Handelingen, Aanhangsel Handelingen or an Eerste Kamer paper.

    The identifying parts come from one parser (`citations.parse_citation`); `identifier`
    is their canonical slug, unique, and the key in our own URLs.
    """

    class CitationKind(models.TextChoices):
        KAMERSTUK = "kamerstuk", _("Kamerstuk")
        HANDELINGEN = "handelingen", _("Handelingen")
        AANHANGSEL = "aanhangsel", _("Aanhangsel Handelingen")

    identifier = models.CharField(_("identifier"), max_length=60, unique=True, editable=False)
    citation_kind = models.CharField(_("citation kind"), max_length=20, choices=CitationKind.choices)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    ondernummer = models.CharField(_("ondernummer"), max_length=10, blank=True)
    vergaderjaar = models.CharField(_("parliamentary year"), max_length=9, blank=True, help_text=_("e.g. 2020-2021"))
    number = models.CharField(_("number (Handelingen)"), max_length=10, blank=True)
    item = models.CharField(_("item (Handelingen)"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices, default=DocumentKind.BRIEF_REGERING)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
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

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "identifier"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["date"]), models.Index(fields=["kind"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(citation_kind="kamerstuk") | (Q(dossier__isnull=False) & ~Q(ondernummer="")),
                name="kamerstuk_has_dossier_and_ondernummer",
                violation_error_message=_("A Kamerstuk needs a dossier and an ondernummer."),
            )
        ]

    def __str__(self):
        return f"{self.citation} {self.title}" if self.title else self.citation

    def as_citation(self) -> citations.Citation:
        """The parsed form of this document's identifying parts."""
        return citations.Citation(
            kind=self.citation_kind,
            chamber=self.chamber,
            dossier_number=self.dossier.number if self.dossier_id else "",
            dossier_suffix=self.dossier.suffix if self.dossier_id else "",
            ondernummer=self.ondernummer,
            vergaderjaar=self.vergaderjaar,
            number=self.number,
            item=self.item,
        )

    @property
    def citation(self):
        return self.as_citation().citation

    @property
    def official_url(self):
        return self.as_citation().official_url

    def get_absolute_url(self):
        return reverse("commitments:document", args=[self.identifier])

    def save(self, *args, **kwargs):
        self.identifier = self.as_citation().slug
        super().save(*args, **kwargs)


class Activity(models.Model):
    """A debate, consultation or set of written questions where commitments are made.

    When the papers do not give the exact date, leave `date` empty and record the bounds.
    """

    class Kind(models.TextChoices):
        PLENAIR_DEBAT = "plenair debat", _("plenary debate")
        COMMISSIEDEBAT = "commissiedebat", _("committee debate")
        TWEEMINUTENDEBAT = "tweeminutendebat", _("tweeminutendebat (formerly VAO/VSO)")
        WETGEVINGSOVERLEG = "wetgevingsoverleg", _("legislative consultation")
        SCHRIFTELIJK_OVERLEG = "schriftelijk overleg", _("written consultation")
        SCHRIFTELIJKE_VRAGEN = "schriftelijke vragen", _("written questions")
        OVERIG = "overig", _("other")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    date = models.DateField(_("date"), null=True, blank=True)
    date_earliest = models.DateField(_("earliest possible date"), null=True, blank=True)
    date_latest = models.DateField(_("latest possible date"), null=True, blank=True)
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
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


class KabinetsAppreciatie(models.TextChoices):
    """Known appraisals; the field keeps any raw value the Kamer publishes (e.g. 'Ontijdig')."""

    OORDEEL_KAMER = "Oordeel Kamer", _("Oordeel Kamer")
    ONTRADEN = "Ontraden", _("Ontraden")
    OVERGENOMEN = "Overgenomen", _("Overgenomen")
    ONTRADEN_TENZIJ = "Ontraden tenzij gewijzigd", _("Ontraden tenzij gewijzigd")
    ONDERSTEUND = "Ondersteund", _("Ondersteund")
    ONTIJDIG = "Ontijdig", _("Ontijdig")


class Motion(models.Model):
    """A motie, filed as a Kamerstuk. When adopted, carrying it out is tracked as a commitment."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("filed")
        AANGEHOUDEN = "aangehouden", _("held")
        AANGENOMEN = "aangenomen", _("adopted")
        VERWORPEN = "verworpen", _("rejected")
        INGETROKKEN = "ingetrokken", _("withdrawn")
        VERVALLEN = "vervallen", _("lapsed")

    document = models.OneToOneField(
        Document, verbose_name=_("Kamerstuk"), on_delete=models.PROTECT, related_name="motion"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("e.g. 'Motie van het lid Westerveld c.s.'"))
    dictum = models.TextField(_("dictum"), help_text=_("The operative part: 'verzoekt de regering …'."))
    activity = models.ForeignKey(
        Activity, verbose_name=_("filed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
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

    objects = MotionQuerySet.as_manager()
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
    class Role(models.TextChoices):
        INDIENER = "indiener", _("filed by")
        MEDEINDIENER = "medeindiener", _("co-signed by")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="signers")
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.PROTECT, related_name="motions_signed")
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INDIENER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [models.UniqueConstraint(fields=["motion", "person"], name="motion_signer_once")]

    def __str__(self):
        return f"{self.person} ({self.party})" if self.party_id else str(self.person)


class MotionStatusChange(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=Motion.Status.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("motion status change")
        verbose_name_plural = _("motion status history")

    def __str__(self):
        return f"{self.get_status_display()} {self.date or ''}".strip()


class Commitment(models.Model):
    """A toezegging, or the obligation to carry out an adopted motion (kind 'motie')."""

    class Kind(models.TextChoices):
        TOEZEGGING = "toezegging", _("commitment")
        MOTIE = "motie", _("motion")

    class Status(models.TextChoices):
        OPENSTAAND = "openstaand", _("open")
        DEELS_VOLDAAN = "deels voldaan", _("partly fulfilled")
        VOLDAAN = "voldaan", _("fulfilled")
        VERVALLEN = "vervallen", _("lapsed")

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        WEEK = "week", _("week")
        DEKADE = "dekade", _("ten days")
        MONTH = "month", _("month")
        QUARTER = "quarter", _("quarter")
        HALF_YEAR = "half_year", _("half year")
        SEASON = "season", _("season")
        YEAR = "year", _("year")
        EVENT = "event", _("event")
        VAGUE = "vague", _("vague")
        NONE = "none", _("none")

    class Anchor(models.TextChoices):
        CALENDAR = "calendar", _("calendar")
        RECESS = "recess", _("recess")
        BUDGET_CYCLE = "budget_cycle", _("budget cycle")
        DURATION = "duration", _("duration")
        EVENT = "event", _("event")
        CONDITIONAL = "conditional", _("conditional")
        VAGUE = "vague", _("vague")
        NONE = "none", _("none")

    number = models.CharField(
        _("official number"), max_length=30, blank=True, help_text=_("As registered by the Kamer, e.g. TZ202412-116.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOEZEGGING)
    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TK)
    text = models.TextField(_("text"))
    made_on = models.DateField(
        _("made on"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the papers do not give it; the activity then records the bounds."),
    )
    source_activity = models.ForeignKey(
        Activity, verbose_name=_("made in (activity)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments",
    )
    source_document = models.ForeignKey(
        Document, verbose_name=_("made in (document)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments_made",
    )
    motion = models.OneToOneField(
        Motion, verbose_name=_("motion carried out"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="obligation",
    )
    bewindspersoon = models.ForeignKey(
        Person, verbose_name=_("bewindspersoon"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments_made",
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office held"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments", help_text=_("The office held on the day the commitment was made."),
    )
    ministry = models.ForeignKey(
        Ministry, verbose_name=_("ministry"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments", help_text=_("Empty means plenary ('Plenair')."),
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commitments",
    )
    promised_to_members = models.ManyToManyField(
        Person, verbose_name=_("promised to (members)"), blank=True, through="CommitmentRecipient",
        related_name="commitments_received",
    )

    deadline_phrase = models.CharField(_("deadline as said"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_date_earliest = models.DateField(_("earliest date"), null=True, blank=True)
    deadline_precision = models.CharField(
        _("precision"), max_length=20, choices=Precision.choices, default=Precision.NONE
    )
    deadline_anchor = models.CharField(_("anchor"), max_length=20, choices=Anchor.choices, default=Anchor.NONE)
    deadline_rule = models.CharField(_("rule"), max_length=60, blank=True)
    deadline_explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    due_date_overridden = models.BooleanField(
        _("due date set by hand"), default=False, help_text=_("Set by a clerk; not recomputed from the phrase.")
    )
    expected_series = models.ForeignKey(
        DocumentSeries, verbose_name=_("waits for a paper of series"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="waiting_commitments",
    )
    expected_activity = models.ForeignKey(
        Activity, verbose_name=_("waits for activity"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="waiting_commitments",
    )
    expected_event_date = models.DateField(
        _("expected date of the event"), null=True, blank=True,
        help_text=_("For event deadlines: when the awaited paper or debate is expected. Not a due date."),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPENSTAAND)
    status_note = models.CharField(_("status note"), max_length=500, blank=True)
    related = models.ManyToManyField(
        "self", verbose_name=_("related commitments"), through="CommitmentRelation", symmetrical=False,
        blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["due_date"]),
            models.Index(fields=["made_on"]),
            models.Index(fields=["kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="commitment_number_unique",
                violation_error_message=_("Another commitment already has this official number."),
            ),
            models.CheckConstraint(
                condition=Q(kind="motie", motion__isnull=False) | Q(kind="toezegging", motion__isnull=True),
                name="commitment_kind_matches_motion",
                violation_error_message=_("A motion obligation names its motion; a commitment names none."),
            ),
            models.CheckConstraint(
                condition=Q(due_date_earliest__isnull=True) | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("due_date_earliest")),
                name="commitment_due_after_earliest",
                violation_error_message=_("The due date cannot precede the earliest date."),
            ),
        ]

    def __str__(self):
        label = self.number or f"#{self.pk}"
        return f"{label}: {self.text[:80]}"

    def get_absolute_url(self):
        return reverse("commitments:commitment", args=[self.pk])

    @property
    def source(self):
        """Where the commitment was made: the document if known, else the activity."""
        return self.source_document or self.source_activity

    @property
    def waiting_for(self):
        """What an event deadline waits for ('de volgende voortgangsrapportage'), or None.

        Only for commitments without a due date whose deadline is an event: they are never
        overdue, and pages show them as "wacht op …" instead.
        """
        if self.due_date or self.deadline_anchor != self.Anchor.EVENT:
            return None
        if self.expected_series_id:
            return str(self.expected_series)
        if self.expected_activity_id:
            return str(self.expected_activity)
        return f"“{self.deadline_phrase}”" if self.deadline_phrase else _("an event")

    @property
    def deadline_display(self):
        """The deadline in one short Dutch line for pages: the due date, or what it waits for."""
        waiting_for = self.waiting_for
        if waiting_for is not None:
            if self.expected_event_date:
                return _("waiting for %(event)s (expected %(date)s)") % {
                    "event": waiting_for, "date": formats.date_format(self.expected_event_date),
                }
            return _("waiting for %(event)s") % {"event": waiting_for}
        if self.due_date:
            return formats.date_format(self.due_date)
        if self.deadline_anchor == self.Anchor.VAGUE:
            return _("no date (vague: %(phrase)s)") % {"phrase": self.deadline_phrase}
        return _("no date")

    def clean(self):
        errors = {}
        if self.office_id and self.bewindspersoon_id and self.office.person_id != self.bewindspersoon_id:
            errors["office"] = _("This office is held by someone else than the bewindspersoon.")
        if self.office_id and self.made_on and not self.office.covers(self.made_on):
            errors["office"] = _("This office was not held on the date the commitment was made.")
        if self.kind == self.Kind.MOTIE and not self.motion_id:
            errors["motion"] = _("A motion obligation must name the motion it carries out.")
        if self.kind == self.Kind.TOEZEGGING and self.motion_id:
            errors["motion"] = _("Only a motion obligation names a motion; choose kind 'motion'.")
        if self.pk and self.status == self.Status.VOLDAAN and not self.closures.filter(
            fulfilment=Closure.Fulfilment.FULL
        ).exists():
            errors["status"] = _("A fulfilled commitment needs a closing letter that fulfils it fully.")
        if self.due_date and self.due_date_earliest and self.due_date < self.due_date_earliest:
            errors["due_date"] = _("The due date cannot precede the earliest date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The ministry follows the office unless a clerk set it.
        if self.office_id and not self.ministry_id:
            self.ministry_id = self.office.ministry_id
        if self.office_id and not self.bewindspersoon_id:
            self.bewindspersoon_id = self.office.person_id
        super().save(*args, **kwargs)


class CommitmentRecipient(models.Model):
    """To whom a commitment was made: a member (with the fractie at that time) and/or a fractie."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(Person, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    party = models.ForeignKey(Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="commitments_received")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("promised to")
        verbose_name_plural = _("promised to")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(party__isnull=False),
                name="recipient_names_member_or_party",
                violation_error_message=_("Name a member, a party or both."),
            )
        ]

    def __str__(self):
        if self.person_id and self.party_id:
            return f"{self.person} ({self.party})"
        return str(self.person or self.party)


class CommitmentRelation(models.Model):
    class Kind(models.TextChoices):
        FOLLOW_UP = "vervolg op", _("follows up on")
        REPEATS = "herhaling van", _("repeats")
        CHANGES = "wijziging van", _("changes")
        SUPPLEMENTS = "aanvulling op", _("supplements")

    from_commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="relations_from")
    to_commitment = models.ForeignKey(
        Commitment, verbose_name=_("other commitment"), on_delete=models.CASCADE, related_name="relations_to"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices, default=Kind.FOLLOW_UP)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["from_commitment", "to_commitment", "kind"], name="relation_once"),
            models.CheckConstraint(
                condition=~Q(from_commitment=models.F("to_commitment")),
                name="relation_not_to_itself",
                violation_error_message=_("A commitment cannot relate to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_commitment_id} {self.get_kind_display()} {self.to_commitment_id}"


class Closure(models.Model):
    """A letter (or other paper) that fulfils a commitment, fully or partly."""

    class Fulfilment(models.TextChoices):
        FULL = "volledig", _("fully")
        PARTIAL = "gedeeltelijk", _("partly")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="closures")
    document = models.ForeignKey(
        Document, verbose_name=_("letter"), on_delete=models.PROTECT, related_name="closures"
    )
    fulfilment = models.CharField(_("fulfils"), max_length=20, choices=Fulfilment.choices, default=Fulfilment.FULL)
    closed_on = models.DateField(_("date"), help_text=_("Usually the letter's date."))
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["closed_on", "pk"]
        verbose_name = _("closing letter")
        verbose_name_plural = _("closing letters")
        indexes = [models.Index(fields=["closed_on"])]
        constraints = [models.UniqueConstraint(fields=["commitment", "document"], name="closure_once_per_letter")]

    def __str__(self):
        return f"{self.document.citation} ({self.get_fulfilment_display()})"

    def clean(self):
        from .services import closure_date_error

        if self.commitment_id and self.document_id:
            error = closure_date_error(self.commitment, self.document)
            if error:
                raise ValidationError({"document": error})


class DeadlineChange(models.Model):
    """One entry of a commitment's deadline history. A due date is never silently changed."""

    class Source(models.TextChoices):
        DERIVED = "afgeleid", _("derived from the phrase")
        OVERRIDE = "handmatig", _("set by hand")
        RECALCULATED = "herberekend", _("recalculated (recess calendar changed)")
        RAPPEL = "rappel", _("rappel decision")
        EXTENSION = "uitstel", _("extension asked by the minister")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deadline_changes")
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    old_due_date = models.DateField(_("old due date"), null=True, blank=True)
    new_due_date = models.DateField(_("new due date"), null=True, blank=True)
    phrase = models.CharField(_("deadline as said"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline history")

    def __str__(self):
        return f"{self.old_due_date or '—'} → {self.new_due_date or '—'}"


class Recess(models.Model):
    """A recess of one chamber. The griffie keeps this calendar; deadlines are derived from it."""

    class Confidence(models.TextChoices):
        VERIFIED = "verified", _("verified (chamber's own pages)")
        INFERRED = "inferred", _("inferred (dated news)")
        PATTERN = "pattern", _("pattern (regular rule)")

    chamber = models.CharField(_("chamber"), max_length=2, choices=Chamber.choices)
    kind = models.CharField(_("kind"), max_length=30, help_text=_("e.g. zomerreces, kerstreces, herfstreces."))
    start = models.DateField(_("first day"))
    end = models.DateField(_("end"))
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
                condition=Q(end__gte=models.F("start")), name="recess_end_after_start",
                violation_error_message=_("A recess cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.chamber} {self.kind} {self.start:%Y}"
