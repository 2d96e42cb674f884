"""The read API: one resource per part of the domain, filtered by the list's own FilterSet.

Every list is keyset-paginated in a fixed number of queries, whatever the page size (the
selectors' `select_related` and `prefetch_related`), and carries an ETag.
"""

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from .. import clock, filters
from ..models import Committee, Document, Dossier, Ministry, Motion, MotionSigner, Office, Person
from ..selectors import pages as selectors
from . import serializers
from .conditional import ConditionalGetMixin

# Query parameters the API reads besides the filters (pagination, DRF's format switch).
API_PARAMETERS = ("cursor", "page_size", "format")


def for_the_api(filterset_class):
    """The list's FilterSet, also accepting the API's own parameters (cursor, page size)."""
    return type(
        f"Api{filterset_class.__name__}",
        (filterset_class,),
        {"extra_parameters": (*filterset_class.extra_parameters, *API_PARAMETERS), "__module__": __name__},
    )


class ReadOnlyResource(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[^/]+"


@extend_schema_view(
    list=extend_schema(
        summary="Commitments and motion obligations",
        description="The list page's filters (`/toezeggingen/`), search (`q`) and sort (`sort`), "
        "paginated by cursor. An invalid filter value is answered with 400 and the errors per field.",
    ),
    retrieve=extend_schema(summary="One commitment"),
)
class CommitmentViewSet(ReadOnlyResource):
    serializer_class = serializers.CommitmentSerializer
    filterset_class = for_the_api(filters.CommitmentFilter)

    def get_queryset(self):
        return selectors.commitment_rows(clock.today())

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        self.note_last_modified(row.updated_at for row in rows or [])
        return rows

    def get_object(self):
        commitment = super().get_object()
        self.note_last_modified([commitment.updated_at])
        return commitment


@extend_schema_view(
    list=extend_schema(
        summary="Motions",
        description="The motion export's filters, newest first. Each motion has its course "
        "(status changes, with the decision as published and the kind of vote).",
    ),
    retrieve=extend_schema(summary="One motion, by its Kamerstuk identifier (31015-205) or Zaak number (2024Z11440)"),
)
class MotionViewSet(ReadOnlyResource):
    serializer_class = serializers.MotionSerializer
    filterset_class = for_the_api(filters.MotionFilter)
    lookup_field = "identifier"

    def get_object(self):
        # A Kamerstuk identifier or a Zaak number (any case): the one lookup the pages use too.
        motion = get_object_or_404(self.get_queryset().identified_by(self.kwargs["identifier"]))
        self.check_object_permissions(self.request, motion)
        return motion

    def get_queryset(self):
        return (
            Motion.objects.select_related(
                "document__dossier", "committee", "replaced_by__document__dossier", "obligation"
            )
            .prefetch_related(
                Prefetch("signers", queryset=MotionSigner.objects.select_related("person", "party")),
                "status_changes",
            )
            .order_by(F("filed_on").desc(nulls_last=True), "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Papers (Kamerstukken, Handelingen, letters)"),
    retrieve=extend_schema(summary="One paper, by identifier (31015-192)"),
)
class DocumentViewSet(ReadOnlyResource):
    serializer_class = serializers.DocumentSerializer
    filterset_class = for_the_api(filters.DocumentFilter)
    lookup_field = "identifier"

    def get_queryset(self):
        return Document.objects.select_related("dossier", "ministry", "series").order_by(
            F("date").desc(nulls_last=True), "pk"
        )


@extend_schema_view(
    list=extend_schema(summary="Dossiers"), retrieve=extend_schema(summary="One dossier, by slug (31015, 36200-XVI)")
)
class DossierViewSet(ReadOnlyResource):
    serializer_class = serializers.DossierSerializer
    filterset_class = for_the_api(filters.DossierFilter)
    lookup_field = "slug"

    def get_queryset(self):
        return Dossier.objects.order_by("pk")

    def get_object(self):
        dossier = selectors.dossier_by_slug(self.kwargs["slug"])
        self.check_object_permissions(self.request, dossier)
        return dossier


@extend_schema_view(
    list=extend_schema(summary="Members and bewindspersonen"), retrieve=extend_schema(summary="One person")
)
class PersonViewSet(ReadOnlyResource):
    serializer_class = serializers.PersonSerializer
    filterset_class = for_the_api(filters.PersonFilter)
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        offices = Office.objects.select_related("ministry").order_by(F("start").desc(nulls_last=True), "pk")
        return (
            Person.objects.select_related("party")
            .prefetch_related(Prefetch("offices", queryset=offices))
            .order_by("pk")
        )


@extend_schema_view(list=extend_schema(summary="Ministries"), retrieve=extend_schema(summary="One ministry (VWS)"))
class MinistryViewSet(ReadOnlyResource):
    serializer_class = serializers.MinistrySerializer
    filterset_class = for_the_api(filters.MinistryFilter)
    lookup_field = "abbreviation"

    def get_queryset(self):
        return Ministry.objects.order_by("pk")


@extend_schema_view(list=extend_schema(summary="Committees"), retrieve=extend_schema(summary="One committee"))
class CommitteeViewSet(ReadOnlyResource):
    serializer_class = serializers.CommitteeSerializer
    filterset_class = for_the_api(filters.CommitteeFilter)
    lookup_field = "abbreviation"

    def get_queryset(self):
        return Committee.objects.order_by("pk")
