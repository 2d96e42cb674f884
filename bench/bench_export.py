"""The CSV exports on an existing database: checksums of many variants, and speed beside COPY.

    DATABASE_URL=... .venv/bin/python bench/bench_export.py checksums   # sha256 + size per variant
    DATABASE_URL=... .venv/bin/python bench/bench_export.py measure     # rows/s beside COPY, peak RSS

`checksums` exports every variant below (filters, dialects, the motions and rappel exports)
through the test client with "today" fixed, so that two versions of the code can be compared
byte for byte on the same data. `measure` (PostgreSQL) times the full commitments export read to
its end, in a fresh subprocess that reports its peak RSS (VmHWM), beside PostgreSQL's
`COPY (SELECT …) TO STDOUT WITH CSV` of the same rows and columns, in the same run.
"""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import datetime  # noqa: E402

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from commitments import clock  # noqa: E402

TODAY = datetime.date(2026, 11, 27)

VARIANTS = [
    ("/toezeggingen/export.csv", ""),
    ("/toezeggingen/export.csv", "dialect=excel"),
    ("/toezeggingen/export.csv", "overdue=true"),
    ("/toezeggingen/export.csv", "overdue=false&dialect=excel"),
    ("/toezeggingen/export.csv", "status=openstaand&status=deels+voldaan"),
    ("/toezeggingen/export.csv", "ministry=M1&sort=-days_late"),
    ("/toezeggingen/export.csv", "sort=-days_overdue&dialect=excel"),
    ("/toezeggingen/export.csv", "sort=made_on"),
    ("/toezeggingen/export.csv", "q=onderwerp+42"),
    ("/toezeggingen/export.csv", "dossier=31015"),
    ("/toezeggingen/export.csv", "kind=motie"),
    ("/toezeggingen/export.csv", "due_before=2020-01-01&made_after=2016-01-01"),
    ("/toezeggingen/export.csv", "committee=C3&dialect=excel"),
    ("/moties/export.csv", ""),
    ("/moties/export.csv", "dialect=excel"),
    ("/moties/export.csv", "status=aangenomen"),
    ("/moties/export.csv", "dossier=31015&dialect=excel"),
    ("/moties/export.csv", "q=2024z00003"),
    ("/moties/export.csv", "party=F1"),
    ("/rappel/M1/export.csv", "peildatum=2026-11-27"),
    ("/rappel/M2/export.csv", "peildatum=2018-06-30&binnen=90"),
]


def freeze_today():
    clock.today = lambda: TODAY


def staff_client():
    client = Client()
    user, _ = get_user_model().objects.get_or_create(username="export-bench", defaults={"is_superuser": True})
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def checksums():
    freeze_today()
    client = staff_client()
    for url, query in VARIANTS:
        response = client.get(f"{url}?{query}" if query else url)
        assert response.status_code == 200, (url, query, response.status_code)
        sha, size, lines = hashlib.sha256(), 0, 0
        for chunk in response.streaming_content:
            sha.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        print(f"{sha.hexdigest()[:20]} {size:11d} B {lines:8d} CRLF  {url}?{query}", flush=True)


# The same rows and columns as /toezeggingen/export.csv (plain), written by PostgreSQL itself.
CITATION_SQL = """CASE {d}.citation_kind
    WHEN 'kamerstuk' THEN 'Kamerstuk' || CASE WHEN {d}.chamber = 'EK' THEN ' I ' ELSE ' ' END
        || {s}.number || CASE WHEN {s}.suffix <> '' THEN '-' || {s}.suffix ELSE '' END || '-' || {d}.ondernummer
    WHEN 'documentnummer' THEN 'Kamerstuk ' || {d}.document_number
    WHEN 'brief' THEN 'Brief van ' || {d}.date || ' (kenmerk ' || {d}.kenmerk || ')'
    ELSE {d}.citation_kind || ' ' || {d}.vergaderjaar || ', nr. ' || {d}.number || ', item ' || {d}.item END"""

COPY_SQL = f"""
COPY (
SELECT c.id,
       CASE WHEN c.number = '' AND c.motion_id IS NOT NULL
            THEN COALESCE({CITATION_SQL.format(d="md", s="mdd")}, mo.zaak, '') ELSE c.number END,
       c.kind, c.text, c.made_on, bp.name, o.title, mi.abbreviation, COALESCE(co.name, 'Plenair'),
       (SELECT string_agg(CASE WHEN r.person_id IS NOT NULL
                               THEN p.name || COALESCE(' (' || rp.abbreviation || ')', '')
                               ELSE rp.abbreviation END, '; ' ORDER BY r.id)
          FROM commitments_commitmentrecipient r
          LEFT JOIN commitments_person p ON p.id = r.person_id
          LEFT JOIN commitments_party rp ON rp.id = r.party_id
         WHERE r.commitment_id = c.id),
       COALESCE({CITATION_SQL.format(d="sd", s="sdd")}, sa.title, ''),
       CASE WHEN ds.suffix <> '' THEN ds.number || '-' || ds.suffix ELSE ds.number END,
       c.deadline_phrase, c.due_date, c.status,
       CASE WHEN c.status IN ('openstaand', 'deels voldaan') AND c.due_date < %(today)s
            THEN %(today)s::date - c.due_date END,
       (SELECT string_agg({CITATION_SQL.format(d="cd", s="cdd")}, '; ' ORDER BY cl.closed_on, cl.id)
          FROM commitments_closure cl
          JOIN commitments_document cd ON cd.id = cl.document_id
          LEFT JOIN commitments_dossier cdd ON cdd.id = cd.dossier_id
         WHERE cl.commitment_id = c.id),
       (SELECT max(cl.closed_on) FROM commitments_closure cl WHERE cl.commitment_id = c.id),
       'http://testserver/toezeggingen/' || c.id || '/'
  FROM commitments_commitment c
  LEFT JOIN commitments_person bp ON bp.id = c.bewindspersoon_id
  LEFT JOIN commitments_office o ON o.id = c.office_id
  LEFT JOIN commitments_ministry mi ON mi.id = c.ministry_id
  LEFT JOIN commitments_committee co ON co.id = c.committee_id
  LEFT JOIN commitments_dossier ds ON ds.id = c.dossier_id
  LEFT JOIN commitments_document sd ON sd.id = c.source_document_id
  LEFT JOIN commitments_dossier sdd ON sdd.id = sd.dossier_id
  LEFT JOIN commitments_activity sa ON sa.id = c.source_activity_id
  LEFT JOIN commitments_motion mo ON mo.id = c.motion_id
  LEFT JOIN commitments_document md ON md.id = mo.document_id
  LEFT JOIN commitments_dossier mdd ON mdd.id = md.dossier_id
 WHERE c.archived_at IS NULL
 ORDER BY c.due_date, c.id
) TO STDOUT WITH CSV HEADER
"""


def copy_export():
    """(rows, bytes, seconds) of COPY writing the commitments export's rows and columns."""

    class Sink:
        size = 0
        lines = 0

        def write(self, data):
            self.size += len(data)

    sink = Sink()
    with connection.cursor() as cursor:
        sql = cursor.mogrify(COPY_SQL, {"today": TODAY}).decode()
        rows = cursor.execute("SELECT count(*) FROM commitments_commitment WHERE archived_at IS NULL").fetchone()[0]
        started = time.perf_counter()
        with cursor.cursor.copy(sql) as copy:
            for data in copy:
                sink.write(data)
        elapsed = time.perf_counter() - started
    return rows, sink.size, elapsed


def one_export(url):
    """Run in a subprocess: the export read to its end; prints rows, bytes, seconds, peak RSS."""
    freeze_today()
    client = Client()
    started = time.perf_counter()
    response = client.get(url)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    print(lines - 1, size, elapsed, int(peak) * 1024)


def measure(repeat=3):
    url = "/toezeggingen/export.csv"
    copies, exports = [], []
    for _ in range(repeat):
        copies.append(copy_export())
        out = subprocess.run(
            [sys.executable, __file__, "one", url], capture_output=True, text=True, check=True, env=os.environ
        ).stdout.split()
        exports.append((int(out[0]), int(out[1]), float(out[2]), int(out[3])))
    copy_s = sorted(c[2] for c in copies)[len(copies) // 2]
    export_s = sorted(e[2] for e in exports)[len(exports) // 2]
    rows, copy_bytes = copies[0][0], copies[0][1]
    export_rows, export_bytes = exports[0][0], exports[0][1]
    print(f"COPY   {rows:9d} rows {copy_bytes / 1e6:7.1f} MB  median {copy_s:7.2f} s  {rows / copy_s:9.0f} rows/s")
    print(
        f"export {export_rows:9d} rows {export_bytes / 1e6:7.1f} MB  median {export_s:7.2f} s  "
        f"{export_rows / export_s:9.0f} rows/s  peak RSS {max(e[3] for e in exports) / 1e6:.1f} MB"
    )
    print(f"ratio export/COPY throughput: {(export_rows / export_s) / (rows / copy_s):.3f} (goal >= 0.5)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "measure"
    if command == "checksums":
        checksums()
    elif command == "one":
        one_export(sys.argv[2])
    else:
        measure(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
