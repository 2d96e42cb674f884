"""Benchmark: the admin's big changelists on an existing database (100k or 1M commitments).

Times each page with the test client as a superuser, 20 requests after one warm-up, and prints
p50 / p95 in ms, the query count, and the slowest query of the page (its time and first words).
It writes nothing but a superuser `bench-admin` (created when missing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/bench_admin.py [N]
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
ONLY = sys.argv[2:]  # names (or parts of them) of the pages to time; all when empty
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from commitments import models as m  # noqa: E402

COMMITMENTS = "/admin/commitments/commitment/"


def autocomplete(model, field, term):
    return {"app_label": "commitments", "model_name": model, "field_name": field, "term": term}


def cases():
    ministry = m.Ministry.objects.order_by("pk").first()
    commitment = m.Commitment.all_objects.order_by("-pk").first()
    motion = m.Motion.all_objects.order_by("-pk").first()
    number = m.Commitment.all_objects.filter(number__startswith="TZ").order_by("pk").values_list("number", flat=True)
    number = number[4242] if number.count() > 4242 else commitment.number
    year = commitment.made_on.year if commitment and commitment.made_on else 2020
    rows = [
        ("changelist", COMMITMENTS, {}),
        ("q=onderwerp 4242", COMMITMENTS, {"q": "onderwerp 4242"}),
        (f"q={number}", COMMITMENTS, {"q": number}),
        ("overdue=yes", COMMITMENTS, {"overdue": "yes"}),
        ("overdue=no", COMMITMENTS, {"overdue": "no"}),
        ("status=openstaand", COMMITMENTS, {"status__exact": "openstaand"}),
        ("ministry", COMMITMENTS, {"ministry__id__exact": str(ministry.pk) if ministry else "1"}),
        ("archived=yes", COMMITMENTS, {"archived": "yes"}),
        ("year", COMMITMENTS, {"made_on__year": str(year)}),
        ("year+month", COMMITMENTS, {"made_on__year": str(year), "made_on__month": "5"}),
        ("year+month+day", COMMITMENTS, {"made_on__year": str(year), "made_on__month": "5", "made_on__day": "12"}),
        ("p=150", COMMITMENTS, {"p": "150"}),
        ("p=2000", COMMITMENTS, {"p": "2000"}),
        ("sort by due date", COMMITMENTS, {"o": "5"}),
        ("overdue, by due date", COMMITMENTS, {"overdue": "yes", "o": "5"}),
        ("facets", COMMITMENTS, {"_facets": "True"}),
        ("commitment change form", f"{COMMITMENTS}{commitment.pk}/change/", {}) if commitment else None,
        ("commitment history", f"{COMMITMENTS}{commitment.pk}/history/", {}) if commitment else None,
        ("motions", "/admin/commitments/motion/", {}),
        ("motions q=motie", "/admin/commitments/motion/", {"q": "motie 4242"}),
        ("motion change form", f"/admin/commitments/motion/{motion.pk}/change/", {}) if motion else None,
        ("documents", "/admin/commitments/document/", {}),
        ("documents q=visserij", "/admin/commitments/document/", {"q": "visserij"}),
        ("documents q=36600", "/admin/commitments/document/", {"q": "36600"}),
        ("votes", "/admin/commitments/vote/", {}),
        ("votes q=VVD", "/admin/commitments/vote/", {"q": "VVD"}),
        ("autocomplete commitment", "/admin/autocomplete/", autocomplete("closure", "commitment", "onderwerp 4242")),
        ("autocomplete document", "/admin/autocomplete/", autocomplete("closure", "document", "visserij")),
        ("autocomplete motion", "/admin/autocomplete/", autocomplete("commitment", "motion", "motie 42")),
    ]
    return [row for row in rows if row]


def measure(client, url, params):
    """p50 and p95 wall time, p50 of the process's CPU time and of the SQL time, query counts, slowest query."""
    timings, cpu, sql, counts, slowest = [], [], [], set(), (0.0, "")
    client.get(url, params)  # warm up
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, (url, params, response.status_code)
        counts.add(len(queries.captured_queries))
        sql.append(sum(float(query["time"]) for query in queries.captured_queries))
        for query in queries.captured_queries:
            if float(query["time"]) > slowest[0]:
                slowest = (float(query["time"]), query["sql"])
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, statistics.median(cpu), statistics.median(sql), sorted(counts), slowest


def main():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "email": "b@example.org"}
    )
    client = Client(raise_request_exception=True)
    client.force_login(user)
    print(
        f"{connection.vendor} {connection.settings_dict['NAME']}: {m.Commitment.all_objects.count()} commitments, "
        f"{m.Motion.all_objects.count()} motions, {m.Document.all_objects.count()} documents, "
        f"{m.Vote.objects.count()} votes; {RUNS} requests each"
    )
    # cpu: this process's CPU time (Python and templates; the machine is shared, so wall time
    # includes waiting for a core); sql: the time spent in queries, as Django measures it.
    print(f"{'page':28s} {'p50':>7s} {'p95':>7s} {'cpu50':>6s} {'sql50':>6s}  queries  slowest query")
    for name, url, params in cases():
        if ONLY and not any(part in name for part in ONLY):
            continue
        try:
            p50, p95, cpu, sql_time, counts, (worst, sql) = measure(client, url, params)
        except Exception as error:  # a page that fails is reported, the others still timed
            print(f"{name:28s} FAILED: {type(error).__name__}: {str(error)[:80]}")
            continue
        print(
            f"{name:28s} {p50 * 1000:7.1f} {p95 * 1000:7.1f} {cpu * 1000:6.1f} {sql_time * 1000:6.1f}  "
            f"{','.join(map(str, counts)):7s}  "
            f"{worst * 1000:6.1f} ms {' '.join(sql.split())[:110]}"
        )


if __name__ == "__main__":
    main()
