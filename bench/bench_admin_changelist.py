"""Benchmark: the griffie's commitment changelist with 100,000 commitments.

Builds a throwaway database (SQLite in a temp dir by default; pass DATABASE_URL for
PostgreSQL), fills it with N commitments, then times admin changelist requests with
common filters and prints wall time and query count per request.

    .venv/bin/python bench/bench_admin_changelist.py [N]
"""
import datetime
import os
import random
import sys
import tempfile
import time
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
            batch.append(m.Commitment(
                number=f"TZ{i:07d}", text=f"De minister zegt toe de Kamer te informeren over onderwerp {i}.",
                made_on=made_on, office=office, bewindspersoon_id=office.person_id, ministry_id=office.ministry_id,
                committee=rng.choice(committees + [None]), dossier=dossier if i % 10 == 0 else None,
                deadline_phrase="voor de zomer", due_date=made_on + datetime.timedelta(days=rng.randrange(30, 400)),
                status=rng.choice(statuses),
            ))
            if len(batch) == 5000:
                m.Commitment.objects.bulk_create(batch)
                batch = []
        m.Commitment.objects.bulk_create(batch)
    return get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-1")


def main():
    t0 = time.perf_counter()
    user = populate()
    print(f"{connection.vendor}: {m.Commitment.objects.count()} commitments built in {time.perf_counter() - t0:.1f}s")
    client = Client()
    client.force_login(user)
    url = "/admin/commitments/commitment/"
    cases = {
        "all": {}, "overdue": {"overdue": "yes"}, "status open": {"status__exact": "openstaand"},
        "ministry": {"ministry__id__exact": "1"}, "search text": {"q": "onderwerp 4242"},
        "search number": {"q": "TZ0099999"}, "page 100": {"p": "100"}, "sorted by due date": {"o": "5"},
    }
    client.get(url)  # warm up
    for name, params in cases.items():
        timings = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                t = time.perf_counter()
                response = client.get(url, params)
                timings.append(time.perf_counter() - t)
            assert response.status_code == 200, (name, response.status_code)
        print(f"{name:20s} best {min(timings) * 1000:7.1f} ms  queries {len(queries.captured_queries)}")


if __name__ == "__main__":
    main()
