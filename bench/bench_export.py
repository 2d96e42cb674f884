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
WITH recipients AS (
    SELECT r.commitment_id,
           string_agg(CASE WHEN r.person_id IS NOT NULL
                           THEN p.name || COALESCE(' (' || rp.abbreviation || ')', '')
                           ELSE rp.abbreviation END, '; ' ORDER BY r.id) AS labels
      FROM commitments_commitmentrecipient r
      LEFT JOIN commitments_person p ON p.id = r.person_id
      LEFT JOIN commitments_party rp ON rp.id = r.party_id
     GROUP BY r.commitment_id
), closures AS (
    SELECT cl.commitment_id,
           string_agg({CITATION_SQL.format(d="cd", s="cdd")}, '; ' ORDER BY cl.closed_on, cl.id) AS letters,
           max(cl.closed_on) AS last_closed_on
      FROM commitments_closure cl
      JOIN commitments_document cd ON cd.id = cl.document_id
      LEFT JOIN commitments_dossier cdd ON cdd.id = cd.dossier_id
     GROUP BY cl.commitment_id
)
SELECT c.id,
       CASE WHEN c.number = '' AND c.motion_id IS NOT NULL
            THEN COALESCE({CITATION_SQL.format(d="md", s="mdd")}, mo.zaak, '') ELSE c.number END,
       c.kind, c.text, c.made_on, bp.name, o.title, mi.abbreviation, COALESCE(co.name, 'Plenair'),
       recipients.labels,
       COALESCE({CITATION_SQL.format(d="sd", s="sdd")}, sa.title, ''),
       CASE WHEN ds.suffix <> '' THEN ds.number || '-' || ds.suffix ELSE ds.number END,
       c.deadline_phrase, c.due_date, c.status,
       CASE WHEN c.status IN ('openstaand', 'deels voldaan') AND c.due_date < %(today)s
            THEN %(today)s::date - c.due_date END,
       closures.letters, closures.last_closed_on,
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
  LEFT JOIN recipients ON recipients.commitment_id = c.id
  LEFT JOIN closures ON closures.commitment_id = c.id
 WHERE c.archived_at IS NULL
 ORDER BY c.due_date, c.id
) TO STDOUT WITH CSV HEADER
"""


def _cpu_seconds(pid) -> float:
    """User + system CPU time of process `pid` (this machine's PostgreSQL backends included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backend_pid(cursor) -> int:
    cursor.execute("SELECT pg_backend_pid()")
    return cursor.fetchone()[0]


def copy_export():
    """(rows, bytes, seconds, CPU seconds of its PostgreSQL backend) of COPY writing the commitments
    export's rows and columns, without parallel workers (one process, like the export's backend)."""

    class Sink:
        size = 0

        def write(self, data):
            self.size += len(data)

    sink = Sink()
    with connection.cursor() as cursor:
        sql = cursor.mogrify(COPY_SQL, {"today": TODAY}).decode()
        cursor.execute("SELECT count(*) FROM commitments_commitment WHERE archived_at IS NULL")
        rows = cursor.fetchone()[0]
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        backend = _backend_pid(cursor)
        cpu = _cpu_seconds(backend)
        started = time.perf_counter()
        cursor.cursor.copy_expert(sql, sink)  # psycopg2
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds(backend) - cpu
        cursor.execute("RESET max_parallel_workers_per_gather")
    return rows, sink.size, elapsed, cpu


def one_export(url):
    """Run in a subprocess: the export read to its end; prints bytes, seconds, CPU seconds of this
    process and of its PostgreSQL backend, peak RSS."""
    freeze_today()
    client = Client()
    with connection.cursor() as cursor:
        backend = _backend_pid(cursor)
    connection.close = lambda: None  # keep the session (and so the backend measured) for the export
    backend_cpu, own_cpu = _cpu_seconds(backend), _cpu_seconds(os.getpid())
    started = time.perf_counter()
    response = client.get(url)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    elapsed = time.perf_counter() - started
    own_cpu, backend_cpu = _cpu_seconds(os.getpid()) - own_cpu, _cpu_seconds(backend) - backend_cpu
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    print(size, elapsed, own_cpu, backend_cpu, int(peak) * 1024)


def measure(repeat=3, url="/toezeggingen/export.csv"):
    """Median wall time and CPU time of COPY and of the export, alternated, in one run.

    On a shared machine the wall times say little (each process gets a share of the cores); the
    CPU seconds (the export's process plus its PostgreSQL backend, against COPY's backend) say
    what each costs, and so the throughput of each on an otherwise idle core."""
    copies, exports = [], []
    for _ in range(repeat):
        copies.append(copy_export())
        out = subprocess.run(
            [sys.executable, __file__, "one", url], capture_output=True, text=True, check=True, env=os.environ
        ).stdout.split()
        exports.append((int(out[0]), float(out[1]), float(out[2]), float(out[3]), int(out[4])))

    def median(values):
        return sorted(values)[len(values) // 2]

    rows = copies[0][0]
    copy_wall, copy_cpu = median([c[2] for c in copies]), median([c[3] for c in copies])
    export_wall = median([e[1] for e in exports])
    export_cpu = median([e[2] + e[3] for e in exports])
    python_cpu, backend_cpu = median([e[2] for e in exports]), median([e[3] for e in exports])
    print(f"{rows} rows; COPY {copies[0][1] / 1e6:.1f} MB, export {exports[0][0] / 1e6:.1f} MB; median of {repeat}")
    print(
        f"COPY    wall {copy_wall:7.2f} s {rows / copy_wall:9.0f} rows/s   CPU {copy_cpu:7.2f} s {rows / copy_cpu:9.0f} rows/s"
    )
    print(
        f"export  wall {export_wall:7.2f} s {rows / export_wall:9.0f} rows/s   CPU {export_cpu:7.2f} s "
        f"{rows / export_cpu:9.0f} rows/s (Python {python_cpu:.2f} s + PostgreSQL {backend_cpu:.2f} s)"
    )
    print(f"peak RSS of the serving process: {max(e[4] for e in exports) / 1e6:.1f} MB")
    print(f"export/COPY throughput: wall {copy_wall / export_wall:.3f}, CPU {copy_cpu / export_cpu:.3f} (goal >= 0.5)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "measure"
    if command == "checksums":
        checksums()
    elif command == "one":
        one_export(sys.argv[2])
    else:
        measure(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
