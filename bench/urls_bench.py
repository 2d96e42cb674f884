"""The app's URLs with one more: `/bench-trivial/`, a view that does nothing (the bench's anchor)."""

from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as app_urlpatterns


def trivial(request):
    """The cheapest Django view: no query, no template (it still passes every middleware)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-trivial/", trivial), *app_urlpatterns]
