"""What an operator relies on: health endpoint, request ids and JSON logs, CSP, persistent
connections, a replica router, gunicorn's configuration, and imports that never half-finish."""

import io
import json
import logging
import runpy
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from commitments.models import Commitment
from tracker import db_router, requestlog

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connections["default"], "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["databases"] == ["default"]


@override_settings(TRACKER_REQUIRE_LOGIN=True)
def test_healthz_needs_no_login(client):
    assert client.get("/healthz").status_code == 200


def test_every_response_carries_a_request_id_and_keeps_a_sane_incoming_one(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234")["X-Request-ID"] == "lb-1234"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n<x>")["X-Request-ID"] != "bad id\n<x>"


def test_a_failed_request_is_logged_as_json_with_its_request_id(client, monkeypatch):
    from commitments import views

    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views.figures, "dashboard", boom)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(requestlog.RequestIdFilter())
    handler.setFormatter(requestlog.JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    client.raise_request_exception = False
    try:
        response = client.get("/", HTTP_X_REQUEST_ID="req-42")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert entry["request_id"] == "req-42"
    assert entry["level"] == "ERROR"
    assert "kapot" in entry["exception"]


def test_logging_goes_to_stdout_as_json():
    handler = settings.LOGGING["handlers"]["stdout"]
    assert handler["stream"] == "ext://sys.stdout"
    assert settings.LOGGING["loggers"]["django.request"]["level"] == "ERROR"


def test_pages_send_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_production_keeps_database_connections_open(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    production = runpy.run_path(
        str(ROOT / "tracker" / "settings_production.py"), run_name="tracker.settings_production"
    )
    assert production["DATABASES"]["default"]["CONN_MAX_AGE"] >= 60
    assert production["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert production["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$"]


def test_public_reads_go_to_the_replica_and_staff_screens_to_the_primary(rf, settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    router = db_router.ReplicaRouter()
    seen = {}

    def view_for(path, method="GET"):
        def view(request):
            seen[path, method] = router.db_for_read(Commitment)
            return None

        return db_router.ReplicaReadsMiddleware(view)(getattr(rf, method.lower())(path))

    view_for("/toezeggingen/")
    view_for("/admin/commitments/commitment/")
    view_for("/rappel/")
    view_for("/toezeggingen/", "POST")
    assert seen == {
        ("/toezeggingen/", "GET"): "replica",
        ("/admin/commitments/commitment/", "GET"): None,
        ("/rappel/", "GET"): None,
        ("/toezeggingen/", "POST"): None,
    }
    assert router.db_for_write(Commitment) == "default"
    assert router.allow_migrate("replica", "commitments") is False
    # Outside a request: the primary.
    assert router.db_for_read(Commitment) is None


def test_without_a_replica_every_read_uses_the_primary(rf):
    assert "replica" not in settings.DATABASES
    router = db_router.ReplicaRouter()
    result = {}
    db_router.ReplicaReadsMiddleware(lambda request: result.setdefault("db", router.db_for_read(Commitment)))(
        rf.get("/toezeggingen/")
    )
    assert result["db"] is None


def test_gunicorn_refuses_to_start_without_collected_static_files(tmp_path):
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert "collectstatic" in config["static_manifest_error"](tmp_path)
    (tmp_path / "staticfiles.json").write_text("{}")
    assert config["static_manifest_error"](tmp_path) is None


def test_gunicorn_uses_threads_so_streamed_exports_are_not_killed_by_the_timeout():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["graceful_timeout"] >= 60
    assert config["wsgi_app"] == "tracker.wsgi:application"


def test_a_failed_demo_import_leaves_nothing_behind(monkeypatch):
    from commitments.management.commands import load_demo

    Commitment.objects.all().delete()

    def fail(*args, **kwargs):
        raise RuntimeError("killed halfway")

    monkeypatch.setattr(load_demo, "derive_due_dates", fail)
    with pytest.raises(RuntimeError):
        call_command("load_demo", stdout=StringIO())
    assert not Commitment.objects.exists()
