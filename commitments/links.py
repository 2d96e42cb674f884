"""Links to the public pages, reversed once and remembered.

A page of commitments links each row's bewindspersoon, ministry, committee and members: the same
few dozen people and bodies over and over. `reverse` cost a third of drawing a row (6 ms of 17 for
50 rows at a million commitments); a URL is a function of the URL configuration, the script prefix,
the view and its arguments only, so each is reversed once per process and kept (bounded).
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=8192)
def _reversed(urlconf: str, prefix: str, viewname: str, args: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


def url_of(viewname: str, *args) -> str:
    """`reverse(viewname, args=args)`, remembered per URL configuration and script prefix."""
    return _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, args)
