"""Cheap polling: every successful read carries an ETag (and Last-Modified where rows know it).

A client that sends the ETag back (If-None-Match) gets 304 Not Modified without a body. The ETag
is a hash of the body, so it changes whenever anything on the page does, including a row leaving
the selection; Last-Modified is the newest `updated_at` of the rows shown (commitments).
"""

import hashlib

from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


class ConditionalGetMixin:
    """Sets ETag and Last-Modified on 200 answers to GET and HEAD, and answers 304 when they match."""

    last_modified = None

    def note_last_modified(self, moments):
        moments = [moment for moment in moments if moment is not None]
        self.last_modified = max(moments) if moments else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response.headers["ETag"] = etag
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp is not None:
            response.headers["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
