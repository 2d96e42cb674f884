"""How fast sync_tk loads the Kamer's open data into an empty PostgreSQL database, and re-runs it.

    .venv/bin/python bench/bench_sync.py DIR [--database-url postgres://postgres@127.0.0.1:5432/tk_bench]

DIR is a directory as `sync_tk --from` reads it (the whole term-2023 set is the intended input).
The database is dropped and created anew. Prints, per entity, the records read, the seconds, the
records per second, and beside them the anchor measured in the same run: reading and parsing the
same files without a database (the floor no importer goes under), with the ratio. Then the same
for a second run of the same input (nothing changed), and the peak memory of the process.
"""

import argparse
import gzip
import json
import os
import resource
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def recreate(url: str) -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def parse_only(directory: Path, entity: str) -> tuple[int, float]:
    """The anchor: read and parse an entity's file, nothing else."""
    started, count = time.perf_counter(), 0
    path = directory / f"{entity}.jsonl.gz"
    if entity == "DocumentPublicatie":
        path = directory / "DocumentPublicatie.xml.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                json.loads(line)
                count += 1
    return count, time.perf_counter() - started


def timed_run(directory: Path) -> tuple[dict[str, float], dict[str, int], float]:
    from commitments.tk.sources import DirectorySource
    from commitments.tk.sync import Sync

    seconds: dict[str, float] = {}
    marks = {"entity": None, "at": time.perf_counter()}

    def progress(entity: str, count: int) -> None:
        now = time.perf_counter()
        seconds[entity] = seconds.get(entity, 0.0) + now - marks["at"]
        marks["at"] = now

    started = time.perf_counter()
    marks["at"] = started
    summaries = Sync(DirectorySource(directory), progress=progress).run()
    total = time.perf_counter() - started
    return seconds, {entity: summary.seen for entity, summary in summaries.items()}, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/tk_bench")
    args = parser.parse_args()
    recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    anchors = {}
    from commitments.tk.sources import ENTITIES

    for entity in ENTITIES:
        anchors[entity] = parse_only(args.directory, entity)
    parse_total = sum(seconds for _, seconds in anchors.values())

    print(f"sync_tk --from {args.directory} into an empty PostgreSQL database ({args.database_url})")
    for label in ("first run (empty database)", "second run (same input, nothing changed)"):
        seconds, seen, total = timed_run(args.directory)
        print(
            f"\n{label}: {total:.1f} s in all; reading and parsing the files alone: {parse_total:.1f} s "
            f"(ratio {total / parse_total:.1f})"
        )
        print(f"  {'entity':<20} {'records':>8} {'seconds':>8} {'records/s':>10}   {'parse only':>10} {'ratio':>6}")
        for entity in ENTITIES:
            if entity not in seen:
                continue
            spent = seconds.get(entity, 0.0)
            anchor = anchors[entity][1]
            rate = seen[entity] / spent if spent else 0.0
            ratio = f"{spent / anchor:.1f}" if anchor else "-"
            print(f"  {entity:<20} {seen[entity]:>8} {spent:>8.1f} {rate:>10.0f}   {anchor:>9.1f}s {ratio:>6}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
