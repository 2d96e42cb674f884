"""Public pages. (Being built in the browsing issue; these names are what models link to.)"""
from django.http import HttpResponse


def _placeholder(request, **kwargs):
    return HttpResponse("")


dashboard = commitment_list = commitment_detail = document_detail = motion_detail = dossier_detail = _placeholder
person_detail = ministry_detail = committee_detail = _placeholder
