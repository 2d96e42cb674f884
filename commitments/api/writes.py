"""Writes for integrations (the griffie, with a token): register a letter, close commitments with it.

The same validation as the admin (its document form, one citation parser) and the same service
(`services.closing.close_with_letter`: all or nothing, status and change history with its
reason). A bad request is answered 400 with the errors per field; the request is one
transaction (ATOMIC_REQUESTS), so nothing is half saved.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from ..admin.forms import DocumentAdminForm
from ..models import Commitment, Document, DocumentKind, Fulfilment, Ministry
from ..services import closing
from ..services.records import save_with_reason
from .permissions import GriffieWrites
from .serializers import CommitmentReference, DocumentSerializer

# The names the admin form uses for what the API calls `citation`.
_FORM_FIELD_NAMES = {"citation_text": "citation"}


class RegisterLetterSerializer(serializers.Serializer):
    citation = serializers.CharField(max_length=200, help_text="As written, e.g. 'Kamerstuk 31 015, nr. 210'.")
    title = serializers.CharField(max_length=500)
    date = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.BRIEF_REGERING)
    ministry = serializers.SlugRelatedField(
        slug_field="abbreviation", queryset=Ministry.objects.all(), required=False, allow_null=True
    )


class CloseSerializer(serializers.Serializer):
    commitments = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), many=True, allow_empty=False, help_text="Ids of the commitments it closes."
    )
    fulfilment = serializers.ChoiceField(choices=Fulfilment.choices)
    closed_on = serializers.DateField(required=False, allow_null=True, help_text="Empty: the letter's date.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ClosedSerializer(serializers.Serializer):
    letter = DocumentSerializer()
    commitments = CommitmentReference(many=True)


def _field_errors(error: DjangoValidationError) -> dict | list:
    if hasattr(error, "error_dict"):
        return {
            _FORM_FIELD_NAMES.get(name, name): [m for e in errors for m in e.messages]
            for name, errors in error.error_dict.items()
        }
    return {"non_field_errors": error.messages}


class GriffieWriteView(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [GriffieWrites]


class RegisterLetterView(GriffieWriteView):
    @extend_schema(
        summary="Register a letter (griffie, token)",
        request=RegisterLetterSerializer,
        responses={201: DocumentSerializer, 400: OpenApiResponse(description="Errors per field")},
    )
    def post(self, request):
        incoming = RegisterLetterSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        form = DocumentAdminForm(
            data={
                "citation_text": data["citation"],
                "title": data["title"],
                "kind": data["kind"],
                "date": data.get("date") or "",
                "ministry": data["ministry"].pk if data.get("ministry") else "",
            }
        )
        if not form.is_valid():
            errors = {_FORM_FIELD_NAMES.get(name, name): messages for name, messages in form.errors.items()}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        with transaction.atomic():
            letter = form.save(commit=False)
            save_with_reason(letter, "geregistreerd via de API")
        return Response(DocumentSerializer(letter, context={"request": request}).data, status=status.HTTP_201_CREATED)


class CloseWithLetterView(GriffieWriteView):
    @extend_schema(
        summary="Close commitments with a registered letter (griffie, token)",
        request=CloseSerializer,
        responses={201: ClosedSerializer, 400: OpenApiResponse(description="Errors per field")},
    )
    def post(self, request, identifier):
        letter = get_object_or_404(Document.objects.letters().select_related("dossier"), identifier=identifier)
        incoming = CloseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            closed = closing.close_with_letter(
                data["commitments"],
                letter,
                data["fulfilment"],
                closed_on=data.get("closed_on"),
                note=data.get("note", ""),
            )
        except DjangoValidationError as error:
            return Response(_field_errors(error), status=status.HTTP_400_BAD_REQUEST)
        context = {"request": request}
        body = {"letter": DocumentSerializer(letter, context=context).data}
        body["commitments"] = CommitmentReference(closed, many=True, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)
