"""The JSON API under /api/v1/: the pages' data for other systems, and writes for integrations.

- `permissions`: reads public like the pages (closed with TRACKER_REQUIRE_LOGIN); writes for the
  griffie with a token.
- `pagination`: keyset cursors over any stable ordering, nulls last (the list's `sort` included).
- `conditional`: ETag and Last-Modified, 304 for a client that already has the page.
- `serializers`, `views`: one read-only resource per part of the domain, filtered by the list's
  own FilterSet (`commitments.filters`), so a query string means the same rows everywhere.
- `writes`: register a letter and close commitments with it, through `services.closing`.
"""
