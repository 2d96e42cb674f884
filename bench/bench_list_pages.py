"""Benchmark: the list pages, the admin changelist and the CSV export with 100,000 commitments.

Builds a throwaway database (SQLite in a temp dir by default; pass DATABASE_URL for an empty
PostgreSQL database), fills it with N commitments (with recipients and closing letters), then
times requests and prints the best of three wall times and the query count of each. The CSV
export is read to the end, and its peak memory (tracemalloc) is printed too.

    .venv/bin/python bench/bench_list_pages.py [N]
"""

import datetime
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from commitments import models as m  # noqa: E402


def populate():
    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    with transaction.atomic():
        ministries = [m.Ministry.objects.create(abbreviation=f"M{i}", name=f"Ministerie {i}") for i in range(12)]
        committees = [m.Committee.objects.create(abbreviation=f"C{i}", name=f"Commissie {i}") for i in range(14)]
        people = [m.Person.objects.create(name=f"Bewindspersoon {i}") for i in range(40)]
        offices = [
            m.Office.objects.create(person=p, function="minister", title="minister", ministry=rng.choice(ministries))
            for p in people
        ]
        dossier = m.Dossier.objects.create(number="31015", title="Kindermishandeling")
        statuses = ["openstaand"] * 5 + ["deels voldaan", "voldaan", "voldaan", "vervallen"]
        start = datetime.date(2015, 1, 1)
        batch = []
        for i in range(N):
            office = rng.choice(offices)
            made_on = start + datetime.timedelta(days=rng.randrange(4000))
            batch.append(
                m.Commitment(
                    number=f"TZ{i:07d}",
                    text=f"De minister zegt toe de Kamer te informeren over onderwerp {i}.",
                    made_on=made_on,
                    office=office,
                    bewindspersoon_id=office.person_id,
                    ministry_id=office.ministry_id,
                    committee=rng.choice(committees + [None]),
                    dossier=dossier if i % 10 == 0 else None,
                    deadline_phrase="voor de zomer",
                    due_date=made_on + datetime.timedelta(days=rng.randrange(30, 400)),
                    status=rng.choice(statuses),
                )
            )
            if len(batch) == 5000:
                m.Commitment.objects.bulk_create(batch)
                batch = []
        m.Commitment.objects.bulk_create(batch)
        parties = [m.Party.objects.create(abbreviation=f"F{i}") for i in range(15)]
        members = [m.Person.objects.create(name=f"Kamerlid {i}", party=rng.choice(parties)) for i in range(150)]
        letters = [
            m.Document.objects.create(
                citation_kind="kamerstuk",
                dossier=dossier,
                ondernummer=str(i),
                title="Brief",
                date=start + datetime.timedelta(days=4000 + i),
            )
            for i in range(1, 200)
        ]
        ids = list(m.Commitment.objects.values_list("pk", flat=True))
        recipients = []
        for pk in ids[::2]:
            member = rng.choice(members)
            recipients.append(m.CommitmentRecipient(commitment_id=pk, person=member, party_id=member.party_id))
        m.CommitmentRecipient.objects.bulk_create(recipients, batch_size=5000)
        closures = [
            m.Closure(
                commitment_id=pk,
                document=rng.choice(letters),
                fulfilment="volledig",
                closed_on=start + datetime.timedelta(days=4100),
            )
            for pk in m.Commitment.objects.filter(status="voldaan").values_list("pk", flat=True)
        ]
        m.Closure.objects.bulk_create(closures, batch_size=5000)
    # Planner statistics for the freshly loaded tables, as after any bulk load or pg_restore:
    # without them PostgreSQL guesses one row per table and every list page takes seconds.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-1")


def _read(response, stream):
    return sum(len(chunk) for chunk in response.streaming_content) if stream else len(response.content)


def timed(client, url, params, stream=False):
    """Best of three wall times, the query count and size of one request (streams read to the end).

    With `stream`, one more untimed run measures the peak Python memory (tracemalloc slows
    Python down several times, so it is kept out of the timed runs).
    """
    timings, peak = [], None
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            response = client.get(url, params)
            size = _read(response, stream)
            timings.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, params, response.status_code)
    if stream:
        tracemalloc.start()
        _read(client.get(url, params), stream)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return min(timings), len(queries.captured_queries), size, peak


def main():
    t0 = time.perf_counter()
    user = populate()
    print(f"{connection.vendor}: {m.Commitment.objects.count()} commitments built in {time.perf_counter() - t0:.1f}s")
    client = Client()
    client.force_login(user)
    some_pk = m.Commitment.objects.filter(status="voldaan").values_list("pk", flat=True).first()
    cases = [
        ("admin changelist", "/admin/commitments/commitment/", {}),
        ("admin overdue", "/admin/commitments/commitment/", {"overdue": "yes"}),
        ("admin status open", "/admin/commitments/commitment/", {"status__exact": "openstaand"}),
        ("admin ministry", "/admin/commitments/commitment/", {"ministry__id__exact": "1"}),
        ("admin search text", "/admin/commitments/commitment/", {"q": "onderwerp 4242"}),
        ("admin search number", "/admin/commitments/commitment/", {"q": "TZ0099999"}),
        ("admin page 100", "/admin/commitments/commitment/", {"p": "100"}),
        ("dashboard", "/", {}),
        ("list", "/toezeggingen/", {}),
        ("list overdue by days", "/toezeggingen/", {"overdue": "on", "sort": "-days_overdue"}),
        ("list ministry + status", "/toezeggingen/", {"ministry": "M1", "status": "openstaand"}),
        ("list search", "/toezeggingen/", {"q": "Kamerlid 42"}),
        ("list page 200", "/toezeggingen/", {"page": "200"}),
        ("detail", f"/toezeggingen/{some_pk}/", {}),
        ("ministry page", "/ministeries/M1/", {}),
    ]
    client.get("/")  # warm up
    for name, url, params in cases:
        best, queries, size, _peak = timed(client, url, params)
        print(f"{name:24s} best {best * 1000:7.1f} ms  queries {queries:3d}")
    for name, params in [("export all (CSV)", {}), ("export overdue (CSV)", {"overdue": "on"})]:
        best, queries, size, peak = timed(client, "/toezeggingen/export.csv", params, stream=True)
        # Query counts of a stream are pinned by tests/test_export.py (the test client's end of
        # request resets the capture here).
        print(f"{name:24s} best {best * 1000:7.1f} ms  {size / 1e6:.1f} MB, peak Python memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
