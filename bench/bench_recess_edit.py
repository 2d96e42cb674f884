"""Benchmark: a clerk moves a recess in the admin, on a database of any size (PostgreSQL).

Moves the start of the Tweede Kamer's zomerreces of YEAR (default 2021) by DAYS (default -7)
through the admin's change form (test client, a superuser), then waits for the re-derivation to
finish (in the request, or in the background thread it starts), and prints: the time of the save
(the request), the time until every due date was derived again, how many due dates moved, and
how many history rows and deadline-history entries were written. Run it twice with opposite
DAYS to leave the data as it was. Works against the code before and after the batched
re-derivation (it only uses the admin and the models).

    DATABASE_URL=postgres://…/copy .venv/bin/python bench/bench_recess_edit.py [DAYS] [YEAR]
"""

import datetime
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from commitments.models import Commitment, DeadlineChange, Recess  # noqa: E402
from tests.admin.form_data import form_data  # noqa: E402


def main():
    days = int(sys.argv[1]) if len(sys.argv) > 1 else -7
    year = int(sys.argv[2]) if len(sys.argv) > 2 else 2021
    user = get_user_model().objects.filter(is_superuser=True).first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-recess", "bench@example.org", "bench-password-1")
    client = Client()
    client.force_login(user)
    recess = Recess.objects.get(chamber="TK", kind="zomerreces", start__year=year)
    url = reverse("admin:commitments_recess_change", args=[recess.pk])
    new_start = recess.start + datetime.timedelta(days=days)
    data = form_data(client, url, start=new_start.isoformat())
    history, entries = Commitment.history.count(), DeadlineChange.objects.count()
    started = time.perf_counter()
    response = client.post(url, data)
    saved = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    for thread in threading.enumerate():
        if thread.name == "rederive-deadlines":
            thread.join()
    done = time.perf_counter() - started
    written, moved = Commitment.history.count() - history, DeadlineChange.objects.count() - entries
    messages = [str(m) for m in response.wsgi_request._messages]  # what the clerk is told
    print(f"recess TK zomerreces {year}: start {recess.start} -> {new_start}")
    print(f"admin save (request): {saved * 1000:,.0f} ms")
    print(f"all due dates derived again after: {done:,.1f} s")
    print(f"due dates moved (deadline-history entries): {moved:,}; commitment history rows: {written:,}")
    for message in messages:
        print(f"message: {message}")


if __name__ == "__main__":
    main()
