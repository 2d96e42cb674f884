"""The pages, filters and exports with the Kamer's whole open-data set loaded: queries and time.

    .venv/bin/python bench/bench_sync.py DIR          # loads the set into postgres://…/tk_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tk_bench .venv/bin/python bench/bench_open_data_pages.py

Prints, per request, the number of queries, the median of five wall times in process, and beside
it the anchor measured in the same run (a trivial page: /healthz, one query) with the ratio. The
export is read to the end and its rows counted.
"""

import csv
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from commitments.models import Commitment, Motion, Vote  # noqa: E402

REQUESTS = [
    "/moties/",
    "/moties/?page=200",
    "/moties/?status=aangenomen",
    "/moties/?party=D66",
    "/moties/?appreciatie=Ontijdig",
    "/moties/?q=stikstof",
    "/moties/?q=2024Z11440",
    "/moties/?dossier=36600-XV",
    "/moties/2024Z11440/",
    "/moties/33997-183/",
    "/toezeggingen/",
    "/toezeggingen/?overdue=true&sort=days_late",
    "/",
]


def timed(client: Client, url: str) -> tuple[float, int, int]:
    times, queries, status = [], 0, 0
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append(time.perf_counter() - started)
        queries, status = len(captured), response.status_code
        assert body is not None
    return statistics.median(times) * 1000, queries, status


def main() -> None:
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(
        f"motions {Motion.objects.count()}, votes {Vote.objects.count()}, "
        f"commitments {Commitment.objects.count()} (the set loaded by sync_tk)"
    )
    client = Client()
    anchor, anchor_queries, _ = timed(client, "/healthz")
    print(f"\nanchor: /healthz (a trivial page, {anchor_queries} query): {anchor:.1f} ms\n")
    print(f"  {'request':<45} {'status':>6} {'queries':>8} {'ms':>8} {'ratio':>7}")
    for url in REQUESTS:
        ms, queries, status = timed(client, url)
        print(f"  {url:<45} {status:>6} {queries:>8} {ms:>8.1f} {ms / anchor:>7.1f}")
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/moties/export.csv")
        text = io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))
        rows = sum(1 for _ in csv.reader(text)) - 1
    seconds = time.perf_counter() - started
    print(
        f"\n  /moties/export.csv: {rows} rows in {seconds:.1f} s ({rows / seconds:.0f} rows/s), {len(captured)} queries"
    )


if __name__ == "__main__":
    main()
