"""gunicorn's settings for production (`make serve`); each can be changed from the environment.

Workers are stateless: sessions, history and the login lock-outs live in PostgreSQL, static files
are served by WhiteNoise from STATIC_ROOT, so several servers can run behind one proxy.
"""

import os
import sys
from pathlib import Path

wsgi_app = "tracker.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not sync workers: a streamed export (100,000 rows) keeps its worker's heartbeat going
# while it runs, so `timeout` only ever kills a worker that hangs, never an export halfway.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# On SIGTERM (a deploy), running requests get this long to finish before the worker stops.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 120))
keepalive = 5
# Workers are not recycled unless asked (GUNICORN_MAX_REQUESTS): their memory stays flat (75 MB
# idle, 83 MB after streaming a million-row export), while a worker restarting every 5,000 requests
# halved the requests/s under load (each new worker starts cold) and each restart reset a
# connection it had accepted but not yet read (gthread drops them when it stops). The jitter keeps
# recycled workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = 500
# The proxy in front sets X-Forwarded-For/-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The application logs JSON with request ids (tracker/requestlog.py); gunicorn's own errors go
# to stderr, access lines only when asked (the proxy usually logs access).
errorlog = "-"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
capture_output = False


def static_manifest_error(static_root: Path) -> str | None:
    """Why production cannot serve pages from `static_root`, or None when collectstatic has run."""
    if not (static_root / "staticfiles.json").is_file():
        return (
            f"No static files manifest in {static_root}: run `manage.py collectstatic --noinput` "
            "with the production settings first (every page would be a 500 without it)."
        )
    return None


def on_starting(server):
    """Refuse to start without collected static files, instead of answering every page with 500."""
    if os.environ.get("DJANGO_SETTINGS_MODULE", "tracker.settings_production") != "tracker.settings_production":
        return
    static_root = Path(os.environ.get("STATIC_ROOT", Path(__file__).resolve().parent / "staticfiles"))
    error = static_manifest_error(static_root)
    if error:
        server.log.error(error)
        sys.exit(1)
