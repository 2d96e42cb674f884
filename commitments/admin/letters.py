""" "Brief ontvangen": one admin screen to register a received letter and close what it answers.

The clerk identifies the letter (by its citation, or by date and kenmerk while it has no number),
optionally pastes its text or uploads its PDF or official XML, and sees the open commitments it
most likely answers, ranked, each with the reasons (`selectors.letters`). Ticking full or partial
and saving once registers the letter and closes them in one transaction (`services.letters`).
A refused save shows the same screen again with everything that was entered.
"""

import io
from xml.etree import ElementTree

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import citations
from ..models import Closure, Commitment, Document, DocumentKind, DocumentSeries, Dossier, Fulfilment, Ministry
from ..selectors.letters import propose_closures
from ..services.letters import register_letter

NOT_CLOSED = ""
FULFILMENT_CHOICES = [(NOT_CLOSED, _("not closed")), *Fulfilment.choices]
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def text_of_upload(upload) -> str:
    """The text of an uploaded letter: a PDF (pypdf) or the official XML publication."""
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    name = (upload.name or "").lower()
    text = _read(data, name)
    if not text.strip():
        raise ValidationError(_("The file holds no readable text (a scan?); paste the text instead."))
    return text


def _read(data: bytes, name: str) -> str:
    try:
        if name.endswith(".pdf") or data.startswith(b"%PDF"):
            from pypdf import PdfReader

            return "\n\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        if name.endswith(".xml") or data.lstrip().startswith(b"<"):
            # Staff uploads only; expat (2.4.1+) refuses entity-expansion bombs.
            root = ElementTree.fromstring(data)  # noqa: S314
            # The official publication's paragraphs are <al> elements; keep them as paragraphs.
            paragraphs = [" ".join("".join(al.itertext()).split()) for al in root.iter("al")]
            return "\n\n".join(paragraphs) if paragraphs else " ".join("".join(root.itertext()).split())
    except Exception as error:  # a broken file is the clerk's to fix, not a server error
        raise ValidationError(_("The file could not be read: %(error)s") % {"error": error}) from error
    raise ValidationError(_("Upload a PDF or the official XML of the letter."))


class LetterReceivedForm(forms.Form):
    citation_text = forms.CharField(
        label=_("Citation"),
        required=False,
        max_length=200,
        help_text=_("As written, e.g. 'Kamerstuk 28 345, nr. 252'. Empty while the letter has no number yet."),
    )
    date = forms.DateField(label=_("Date of the letter"), required=False, widget=AdminDateWidget)
    kenmerk = forms.CharField(
        label=_("Kenmerk"),
        required=False,
        max_length=60,
        help_text=_("The ministry's reference, e.g. 1702055-206650-J; identifies a letter without a number."),
    )
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.BRIEF_REGERING)
    series = forms.ModelChoiceField(label=_("Series"), queryset=DocumentSeries.objects.all(), required=False)
    ministry = forms.ModelChoiceField(label=_("Ministry"), queryset=Ministry.objects.all(), required=False)
    text = forms.CharField(
        label=_("Text of the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Pasting the text (or uploading the file) improves the proposals."),
    )
    upload = forms.FileField(label=_("Or upload the PDF or official XML"), required=False)
    closed_on = forms.DateField(
        label=_("Closing date"), required=False, widget=AdminDateWidget, help_text=_("Empty: the letter's date.")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    extra = forms.ModelMultipleChoiceField(
        label=_("Also closes (not proposed)"),
        queryset=Commitment.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Closure._meta.get_field("commitment"), admin.site),
    )
    extra_fulfilment = forms.ChoiceField(label=_("Those fulfil"), choices=Fulfilment.choices, required=False)

    def clean(self):
        cleaned = super().clean()
        citation_text, kenmerk, day = cleaned.get("citation_text"), cleaned.get("kenmerk", ""), cleaned.get("date")
        if not citation_text and not (kenmerk and day):
            raise ValidationError(_("Give the letter's citation, or its date and kenmerk while it has no number."))
        parsed = dossier = None
        if citation_text:
            try:
                parsed = citations.parse_citation(citation_text)
            except citations.CitationError as error:
                self.add_error("citation_text", str(error))
                return cleaned
            if parsed.dossier_number:
                dossier = Dossier.objects.filter(number=parsed.dossier_number, suffix=parsed.dossier_suffix).first()
                if dossier is None:
                    self.add_error(
                        "citation_text",
                        _("Dossier %(dossier)s is not registered yet. Add the dossier first.")
                        % {"dossier": parsed.dossier_slug},
                    )
                    return cleaned
        upload = cleaned.get("upload")
        if upload:
            try:
                cleaned["text"] = "\n\n".join(filter(None, [cleaned.get("text", ""), text_of_upload(upload)]))
            except ValidationError as error:
                self.add_error("upload", error)
        self.letter = self._letter(parsed, dossier, cleaned)
        return cleaned

    def _letter(self, parsed, dossier, cleaned) -> Document:
        """The registered letter these fields identify, brought up to date, or a new one (unsaved)."""
        kenmerk = cleaned.get("kenmerk", "")
        letter = None
        if parsed is not None:
            letter = Document.objects.filter(identifier=parsed.identity().slug).first()
        if letter is None and kenmerk:
            letter = Document.objects.filter(kenmerk=kenmerk).first()
        letter = letter or Document(kind=cleaned.get("kind") or DocumentKind.BRIEF_REGERING)
        if parsed is not None:
            letter.citation_kind, letter.chamber, letter.dossier = parsed.kind, parsed.chamber, dossier
            letter.ondernummer, letter.number, letter.item = parsed.ondernummer, parsed.number, parsed.item
            letter.vergaderjaar = parsed.vergaderjaar or letter.vergaderjaar
        elif not letter.pk:
            letter.citation_kind = Document.CitationKind.BRIEF
        for name in ("date", "title", "series", "ministry"):
            if cleaned.get(name):
                setattr(letter, name, cleaned[name])
        letter.kenmerk = kenmerk or letter.kenmerk
        if not letter.title:
            letter.title = str(_("Letter"))
        return letter


def fulfilment_field_name(commitment_pk: int) -> str:
    return f"fulfil_{commitment_pk}"


class LetterReceivedView:
    """The screen, mounted by `DocumentAdmin.get_urls` at admin/commitments/document/brief-ontvangen/."""

    template = "admin/commitments/document/letter_received.html"

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def __call__(self, request):
        if not (request.user.has_perm("commitments.add_document") and request.user.has_perm("commitments.add_closure")):
            raise PermissionDenied
        form = LetterReceivedForm(request.POST or None, request.FILES or None)
        proposals, chosen, errors = [], {}, []
        if request.method == "POST" and form.is_valid():
            proposals = propose_closures(form.letter, form.cleaned_data.get("text", ""))
            chosen = {
                p.commitment.pk: request.POST.get(fulfilment_field_name(p.commitment.pk), NOT_CLOSED) for p in proposals
            }
            # Keep choices made on commitments that dropped out of the proposals after an edit.
            for key, value in request.POST.items():
                if key.startswith("fulfil_") and key[7:].isdecimal() and int(key[7:]) not in chosen:
                    chosen[int(key[7:])] = value
            if "save" in request.POST:
                try:
                    letter = self._save(request, form, chosen)
                except ValidationError as error:
                    errors = error.messages
                else:
                    return redirect("admin:commitments_document_change", letter.pk)
        kept = {pk for pk, value in chosen.items() if value} - {p.commitment.pk for p in proposals}
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Letter received"),
            "form": form,
            "proposals": [(p, chosen.get(p.commitment.pk, NOT_CLOSED)) for p in proposals],
            "kept": [(c, chosen[c.pk]) for c in Commitment.objects.filter(pk__in=kept)],
            "choices": FULFILMENT_CHOICES,
            "errors": errors,
            "opts": Document._meta,
            "media": self.model_admin.media + form.media,
        }
        return TemplateResponse(request, self.template, context)

    def _save(self, request, form, chosen):
        pairs = [(pk, value) for pk, value in chosen.items() if value in Fulfilment.values]
        by_pk = Commitment.objects.in_bulk([pk for pk, _value in pairs])
        closures = [(by_pk[pk], value) for pk, value in pairs if pk in by_pk]
        extra_fulfilment = form.cleaned_data.get("extra_fulfilment") or Fulfilment.FULL
        closures += [(c, extra_fulfilment) for c in form.cleaned_data.get("extra") or [] if c.pk not in by_pk]
        letter = register_letter(
            form.letter, closures, closed_on=form.cleaned_data.get("closed_on"), note=form.cleaned_data.get("note", "")
        )
        self.model_admin.message_user(
            request,
            ngettext(
                "%(letter)s is registered and closes %(count)d commitment.",
                "%(letter)s is registered and closes %(count)d commitments.",
                len(closures),
            )
            % {"letter": letter.citation, "count": len(closures)},
            messages.SUCCESS,
        )
        return letter
