"""What each API resource shows: the pages' fields, and links to the related resources."""

from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Closure,
    Commitment,
    CommitmentRecipient,
    Committee,
    Document,
    Dossier,
    Ministry,
    Motion,
    MotionSigner,
    MotionStatusChange,
    Office,
    Party,
    Person,
)


def absolute(request, viewname, *args, query=""):
    url = reverse(viewname, args=args)
    url = f"{url}?{query}" if query else url
    return request.build_absolute_uri(url) if request is not None else url


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """A read-only absolute link built from the object: `LinkField("api:motion-detail", lambda m: ...)`."""

    def __init__(self, viewname, args, query=None, **kwargs):
        self.viewname, self.args, self.query = viewname, args, query
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        query = self.query(value) if self.query else ""
        return absolute(self.context.get("request"), self.viewname, *self.args(value), query=query)


# ---------------------------------------------------------------------- small references


class PartyReference(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["abbreviation", "name"]


class PersonReference(serializers.ModelSerializer):
    url = LinkField("api:person-detail", lambda p: [p.pk])
    html_url = LinkField("commitments:person", lambda p: [p.pk])

    class Meta:
        model = Person
        fields = ["id", "name", "url", "html_url"]


class MinistryReference(serializers.ModelSerializer):
    url = LinkField("api:ministry-detail", lambda m: [m.abbreviation])

    class Meta:
        model = Ministry
        fields = ["abbreviation", "name", "url"]


class CommitteeReference(serializers.ModelSerializer):
    url = LinkField("api:committee-detail", lambda c: [c.abbreviation])

    class Meta:
        model = Committee
        fields = ["abbreviation", "name", "url"]


class DossierReference(serializers.ModelSerializer):
    slug = serializers.CharField(read_only=True)
    url = LinkField("api:dossier-detail", lambda d: [d.slug])

    class Meta:
        model = Dossier
        fields = ["slug", "title", "url"]


class DocumentReference(serializers.ModelSerializer):
    citation = serializers.CharField(read_only=True)
    url = LinkField("api:document-detail", lambda d: [d.identifier])

    class Meta:
        model = Document
        fields = ["identifier", "citation", "url"]


class MotionReference(serializers.ModelSerializer):
    identifier = serializers.CharField(read_only=True)
    url = LinkField("api:motion-detail", lambda m: [m.identifier])

    class Meta:
        model = Motion
        fields = ["identifier", "title", "status", "url"]


class CommitmentReference(serializers.ModelSerializer):
    url = LinkField("api:commitment-detail", lambda c: [c.pk])

    class Meta:
        model = Commitment
        fields = ["id", "number", "status", "due_date", "url"]


# ---------------------------------------------------------------------- commitments


class RecipientSerializer(serializers.ModelSerializer):
    person = PersonReference(read_only=True, allow_null=True)
    party = PartyReference(read_only=True, allow_null=True)

    class Meta:
        model = CommitmentRecipient
        fields = ["person", "party"]


class ClosureSerializer(serializers.ModelSerializer):
    document = DocumentReference(read_only=True)

    class Meta:
        model = Closure
        fields = ["document", "fulfilment", "closed_on", "note"]


class CommitmentSerializer(serializers.ModelSerializer):
    """A commitment as its page shows it; `is_overdue` and `days_late` computed for today."""

    url = LinkField("api:commitment-detail", lambda c: [c.pk])
    html_url = LinkField("commitments:commitment", lambda c: [c.pk])
    is_overdue = serializers.SerializerMethodField()
    days_late = serializers.IntegerField(read_only=True, allow_null=True)
    office = serializers.CharField(source="office.title", read_only=True, allow_null=True, default=None)
    bewindspersoon = PersonReference(read_only=True, allow_null=True)
    ministry = MinistryReference(read_only=True, allow_null=True)
    committee = CommitteeReference(read_only=True, allow_null=True, help_text="null: plenary (plenair)")
    dossier = DossierReference(read_only=True, allow_null=True)
    source_document = DocumentReference(read_only=True, allow_null=True)
    source_activity = serializers.CharField(
        source="source_activity.title", read_only=True, allow_null=True, default=None
    )
    motion = MotionReference(read_only=True, allow_null=True)
    recipients = RecipientSerializer(many=True, read_only=True)
    closures = ClosureSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "html_url",
            "number",
            "kind",
            "chamber",
            "text",
            "made_on",
            "source_activity",
            "source_document",
            "bewindspersoon",
            "office",
            "ministry",
            "committee",
            "dossier",
            "motion",
            "recipients",
            "deadline_phrase",
            "due_date",
            "due_date_earliest",
            "deadline_precision",
            "deadline_anchor",
            "deadline_explanation",
            "due_date_overridden",
            "status",
            "status_note",
            "is_overdue",
            "days_late",
            "closures",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, commitment) -> bool:
        # The annotation is NULL in SQL when there is no due date: such a commitment is never overdue.
        return bool(commitment.is_overdue)


# ---------------------------------------------------------------------- motions


class SignerSerializer(serializers.ModelSerializer):
    person = PersonReference(read_only=True)
    party = PartyReference(read_only=True, allow_null=True)

    class Meta:
        model = MotionSigner
        fields = ["person", "party", "role"]


class MotionStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MotionStatusChange
        fields = ["status", "date", "note", "decision_as_published", "vote_kind"]


class MotionSerializer(serializers.ModelSerializer):
    """A motion with its signers and course. `identifier` is its Kamerstuk's identifier, or its Zaak
    number when it has no Kamerstuk; `citation` likewise."""

    identifier = serializers.CharField(read_only=True)
    citation = serializers.CharField(read_only=True)
    url = LinkField("api:motion-detail", lambda m: [m.identifier])
    html_url = LinkField("commitments:motion", lambda m: [m.identifier])
    document = DocumentReference(read_only=True, allow_null=True)
    dossier = DossierReference(source="document.dossier", read_only=True, allow_null=True)
    committee = CommitteeReference(read_only=True, allow_null=True)
    signers = SignerSerializer(many=True, read_only=True)
    course = MotionStatusChangeSerializer(source="status_changes", many=True, read_only=True)
    replaced_by = MotionReference(read_only=True, allow_null=True)
    obligation = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = [
            "id",
            "identifier",
            "citation",
            "zaak",
            "url",
            "html_url",
            "title",
            "dictum",
            "filed_on",
            "kabinetsappreciatie",
            "status",
            "document",
            "dossier",
            "committee",
            "signers",
            "course",
            "replaced_by",
            "obligation",
        ]

    @extend_schema_field(CommitmentReference(allow_null=True))
    def get_obligation(self, motion):
        """The commitment to carry the motion out (adopted motions), or null."""
        try:
            obligation = motion.obligation
        except Commitment.DoesNotExist:
            return None
        return CommitmentReference(obligation, context=self.context).data


# ---------------------------------------------------------------------- papers, people, bodies


class DocumentSerializer(serializers.ModelSerializer):
    citation = serializers.CharField(read_only=True)
    official_url = serializers.URLField(read_only=True)
    url = LinkField("api:document-detail", lambda d: [d.identifier])
    html_url = LinkField("commitments:document", lambda d: [d.identifier])
    dossier = DossierReference(read_only=True, allow_null=True)
    ministry = MinistryReference(read_only=True, allow_null=True)
    series = serializers.CharField(source="series.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Document
        fields = [
            "identifier",
            "citation",
            "url",
            "html_url",
            "official_url",
            "citation_kind",
            "chamber",
            "kind",
            "title",
            "date",
            "vergaderjaar",
            "dossier",
            "ministry",
            "series",
        ]


class DossierSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(read_only=True)
    url = LinkField("api:dossier-detail", lambda d: [d.slug])
    html_url = LinkField("commitments:dossier", lambda d: [d.slug])
    commitments = LinkField("api:commitment-list", lambda d: [], query=lambda d: urlencode({"dossier": d.slug}))
    motions = LinkField("api:motion-list", lambda d: [], query=lambda d: urlencode({"dossier": d.slug}))
    documents = LinkField("api:document-list", lambda d: [], query=lambda d: urlencode({"dossier": d.slug}))

    class Meta:
        model = Dossier
        fields = ["slug", "number", "suffix", "title", "url", "html_url", "commitments", "motions", "documents"]


class OfficeSerializer(serializers.ModelSerializer):
    ministry = MinistryReference(read_only=True)

    class Meta:
        model = Office
        fields = ["function", "title", "ministry", "start", "end"]


class PersonSerializer(serializers.ModelSerializer):
    url = LinkField("api:person-detail", lambda p: [p.pk])
    html_url = LinkField("commitments:person", lambda p: [p.pk])
    party = PartyReference(read_only=True, allow_null=True)
    offices = OfficeSerializer(many=True, read_only=True)
    commitments_made = LinkField(
        "api:commitment-list", lambda p: [], query=lambda p: urlencode({"bewindspersoon": p.pk})
    )
    commitments_received = LinkField("api:commitment-list", lambda p: [], query=lambda p: urlencode({"member": p.pk}))

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "full_name",
            "url",
            "html_url",
            "party",
            "offices",
            "commitments_made",
            "commitments_received",
        ]


class MinistrySerializer(serializers.ModelSerializer):
    url = LinkField("api:ministry-detail", lambda m: [m.abbreviation])
    html_url = LinkField("commitments:ministry", lambda m: [m.abbreviation])
    commitments = LinkField(
        "api:commitment-list", lambda m: [], query=lambda m: urlencode({"ministry": m.abbreviation})
    )

    class Meta:
        model = Ministry
        fields = ["abbreviation", "name", "url", "html_url", "commitments"]


class CommitteeSerializer(serializers.ModelSerializer):
    url = LinkField("api:committee-detail", lambda c: [c.abbreviation])
    html_url = LinkField("commitments:committee", lambda c: [c.abbreviation])
    commitments = LinkField(
        "api:commitment-list", lambda c: [], query=lambda c: urlencode({"committee": c.abbreviation})
    )

    class Meta:
        model = Committee
        fields = ["abbreviation", "name", "url", "html_url", "commitments"]
