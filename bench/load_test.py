"""Load test: C concurrent clients for S seconds against a running server on loopback.

Prints requests/s, latency percentiles (p50/p95/p99) and errors. Bounded in clients, time and
request count, and refuses any host that is not this machine (it is for our own server only).

    .venv/bin/python bench/load_test.py http://127.0.0.1:8000 [--clients 50] [--seconds 60]

Each client keeps one connection open and walks a fixed mix of public pages (dashboard, list
with and without filters and search, pages of the list, a commitment, the Atom feed, /healthz).
Any status other than 200 (or an exception) counts as an error. bench/load_test.sh sets up the
production server with the demo data or 100,000 commitments and runs this.
"""

import argparse
import http.client
import random
import re
import statistics
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_CLIENTS, MAX_SECONDS, MAX_REQUESTS = 100, 120, 500_000

PATHS = [
    "/",
    "/toezeggingen/",
    "/toezeggingen/?status=open",
    "/toezeggingen/?overdue=true&sort=-days_late",
    "/toezeggingen/?q=minister",
    "/toezeggingen/?page=3",
    "/toezeggingen/feed.atom",
    "/healthz",
]


def discover_detail_paths(host, port, count=20):
    """A few commitment pages, taken from the list's links."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", "/toezeggingen/", headers={"X-Forwarded-Proto": "https"})
    body = connection.getresponse().read().decode()
    connection.close()
    return sorted(set(re.findall(r'href="(/toezeggingen/\d+/)"', body)))[:count]


def client(host, port, paths, stop_at, results, lock, seed):
    rng = random.Random(seed)
    latencies, errors, connection = [], 0, None
    while time.monotonic() < stop_at:
        path = rng.choice(paths)
        started = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            errors += 1
            if connection is not None:
                connection.close()
            connection = None
        latencies.append(time.monotonic() - started)
        with lock:
            results["count"] += 1
            if results["count"] >= MAX_REQUESTS:
                break
    if connection is not None:
        connection.close()
    with lock:
        results["latencies"].extend(latencies)
        results["errors"] += errors


def percentile(values, fraction):
    return statistics.quantiles(values, n=100, method="inclusive")[int(fraction * 100) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    url = urlsplit(args.base_url)
    if url.hostname not in LOOPBACK:
        parser.error(f"only a server on this machine ({', '.join(sorted(LOOPBACK))}) may be load tested")
    clients, seconds = min(args.clients, MAX_CLIENTS), min(args.seconds, MAX_SECONDS)
    port = url.port or 80
    paths = PATHS + discover_detail_paths(url.hostname, port)
    results, lock = {"count": 0, "errors": 0, "latencies": []}, threading.Lock()
    started = time.monotonic()
    stop_at = started + seconds
    threads = [
        threading.Thread(target=client, args=(url.hostname, port, paths, stop_at, results, lock, seed))
        for seed in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies = sorted(results["latencies"])
    print(f"clients {clients}, {elapsed:.0f} s, {len(latencies)} requests, {results['errors']} errors")
    print(f"requests/s {len(latencies) / elapsed:.1f}")
    print(
        "latency ms: p50 {:.0f}, p95 {:.0f}, p99 {:.0f}".format(
            *(1000 * percentile(latencies, f) for f in (0.50, 0.95, 0.99))
        )
    )


if __name__ == "__main__":
    main()
