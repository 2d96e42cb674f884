"""Reads from a replica, when one is configured (`DATABASE_REPLICA_URL`).

Only the public pages read from the replica: a GET or HEAD outside the admin and the rappel
(`ReplicaReadsMiddleware` decides per request). Everything else, writes and staff screens,
uses the primary, so a clerk always sees what was just saved. Migrations run on the primary only.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
_read_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("read_from_replica", default=False)

# Staff screens read from the primary (they write, and must see their own writes).
_PRIMARY_PREFIXES = ("/admin/", "/rappel/", "/healthz")


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _read_from_replica.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Public GET and HEAD requests read from the replica; the rest from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public_read = request.method in ("GET", "HEAD") and not request.path.startswith(_PRIMARY_PREFIXES)
        token = _read_from_replica.set(public_read and REPLICA in settings.DATABASES)
        try:
            return self.get_response(request)
        finally:
            _read_from_replica.reset(token)
