"""Feeds (being built in the browsing issue)."""
from django.http import Http404


def deadlines_ics(request):
    raise Http404


def changes_atom(request):
    raise Http404
