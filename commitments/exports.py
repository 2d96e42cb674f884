"""CSV exports (being built in the browsing issue)."""
from django.http import Http404


def commitments_csv(request):
    raise Http404


def motions_csv(request):
    raise Http404
