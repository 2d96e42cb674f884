"""`/healthz`: is this app server able to answer? For the load balancer and the orchestrator."""

from django.db import connections, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail first, as a 500.
@transaction.non_atomic_requests
@never_cache
@require_safe
def healthz(request):
    """200 when every configured database answers a `SELECT 1`, else 503 naming the ones that did not."""
    failing = []
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:  # noqa: BLE001 - any failure means "not healthy", and is reported as such
            failing.append(alias)
    if failing:
        return JsonResponse({"status": "unavailable", "databases": failing}, status=503)
    return JsonResponse({"status": "ok"})
