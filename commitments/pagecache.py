"""Whole public pages for visitors who are not signed in, cached under the data version.

A page a visitor without a session asks for is rendered once per data version, day, language and
URL (`selectors.cached.cache_key`), then served from the cache: one query (the version) instead of
a dozen, and no template rendering. Never stale: any write to the data changes the version, and a
new day changes the key.

What differs between visitors is kept out of the cached copy:
- a request that carries a session or messages cookie (signed in, or with a message waiting) is
  rendered as usual, never cached or served from the cache;
- the CSRF token of the page's forms (the language switch) is cut out of the cached copy and each
  response gets its visitor's own token (`get_token`, which also sets the cookie when needed).
Only 200 responses are kept; the middleware around the view (security headers, Vary, cookies)
runs on every response as before. `TRACKER_PAGE_CACHE = False` turns it off (the tests do, except
those of this module, so query counts measure the rendering path).
"""

import re
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from . import clock
from .selectors.cached import cache_key, current_version

_TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
_PLACEHOLDER = "\x00csrf\x00"


def _personal(request) -> bool:
    """A session (signed in) or messages waiting to be shown make the page this visitor's own."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def cached_for_visitors(view):
    """Serve `view`'s 200 responses to visitors without a session from the cache (see the module)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "TRACKER_PAGE_CACHE", True) or request.method != "GET" or _personal(request):
            return view(request, *args, **kwargs)
        version = current_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = cache_key("page", version, clock.today(), request.get_full_path())
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            charset = response.charset
            content = _TOKEN_FIELD.sub(rf"\g<1>{_PLACEHOLDER}\g<3>", response.content.decode(charset))
            cache.set(key, (content, response["Content-Type"], charset), timeout=None)
            return response
        content, content_type, charset = entry
        if _PLACEHOLDER in content:
            content = content.replace(_PLACEHOLDER, get_token(request))
        return HttpResponse(content.encode(charset), content_type=content_type)

    return wrapper
