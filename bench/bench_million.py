"""The issue-10 benchmark: 1,000,000 commitments and 100,000 motions on PostgreSQL, each figure beside its anchor.

Two parts, one entry point:

    # Build the dataset: drop and create the database (only that name), migrate it with the
    # current code, fill it with set-based SQL, VACUUM ANALYZE. Prints the time and row counts.
    .venv/bin/python bench/bench_million.py build [--db bench_1m] [--commitments N] [--motions N]

    # Measure (default): copy the built database to a scratch one (CREATE DATABASE … TEMPLATE),
    # migrate the copy with the current code, and print one table: value, anchor, ratio, goal.
    .venv/bin/python bench/bench_million.py [--db bench_1m] [--run-db bench_run] [--only pages,export,throughput,rederive]

The built database is never measured on directly: every run measures a fresh copy, so a run that
writes (rederive, a recess edit) leaves the dataset as it was. When the built database is missing,
the measuring run builds it first.

Anchors, measured in the same run on the same machine: a trivial Django view in the same process
(pages), PostgreSQL's `COPY … TO STDOUT WITH CSV` of the same rows and columns (export), the trivial
view under the same gunicorn and concurrency (throughput). The machine is shared: absolute times
are noisy, the ratios less so.

What the build writes, and what it leaves out, is said in `build()` below.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("BENCH_PG_PORT", "5432")
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")

# "Today" for the data: the build shapes statuses and dates so that about two thirds of the
# commitments are overdue on this day (the measuring run uses the real date).
MADE_FROM = datetime.date(2013, 9, 1)
MADE_DAYS = 4400  # about twelve years of promises, the last ones in September 2025
LETTERS_FROM = datetime.date(2013, 9, 15)
LETTERS_DAYS = 4800  # letters up to October 2026


def database_url(name: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=["build", "measure"], default="measure")
    parser.add_argument("--db", default="bench_1m", help="the built dataset (default bench_1m)")
    parser.add_argument("--run-db", default="bench_run", help="the scratch copy a measuring run uses")
    parser.add_argument("--rebuild", action="store_true", help="measure: build the dataset again first")
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--motions", type=int, default=100_000)
    parser.add_argument(
        "--ready-file", default="", help="build: touch this file when the database is complete and closed"
    )
    parser.add_argument(
        "--only",
        default="pages,export,throughput,rederive",
        help="measure: comma-separated sections (pages, export, throughput, rederive)",
    )
    parser.add_argument("--requests", type=int, default=20, help="pages: timed requests per page")
    parser.add_argument(
        "--page-budget", type=float, default=30.0, help="pages: seconds per page; slow pages get fewer requests (>= 5)"
    )
    parser.add_argument(
        "--page-timeout", type=float, default=60.0, help="pages: cancel a page's queries after this many seconds"
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="throughput: seconds per load")
    parser.add_argument("--clients", type=int, default=8, help="throughput: concurrent clients")
    args = parser.parse_args(argv)
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = args.only - {"pages", "export", "throughput", "rederive"}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def admin_connection():
    """A connection to the maintenance database (to create, copy and drop databases)."""
    import psycopg2

    connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres")
    connection.autocommit = True
    return connection


def database_exists(name: str) -> bool:
    with admin_connection() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def recreate_database(name: str, template: str | None = None) -> None:
    """Drop `name` (only that one; it fails while anyone is connected) and create it, empty or as a copy."""
    import psycopg2

    connection = admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            # A template cannot be copied while anyone (another copy under way) is connected to it: retry.
            for attempt in range(60):
                try:
                    cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
                    break
                except psycopg2.errors.ObjectInUse:
                    if attempt == 59:
                        raise
                    time.sleep(5)
    finally:
        connection.close()


def setup_django(dbname: str, settings: str = "bench.settings_bench") -> None:
    """Point Django at `dbname` and set it up (once per process)."""
    os.environ["DATABASE_URL"] = database_url(dbname)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()


# =============================================================================================
# Build
# =============================================================================================

MINISTRIES = [
    "Algemene Zaken",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Zaken",
    "Defensie",
    "Economische Zaken",
    "Financiën",
    "Infrastructuur en Waterstaat",
    "Justitie en Veiligheid",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Onderwijs, Cultuur en Wetenschap",
    "Sociale Zaken en Werkgelegenheid",
    "Volksgezondheid, Welzijn en Sport",
]
COMMITTEES = [
    "Binnenlandse Zaken",
    "Buitenlandse Zaken",
    "Defensie",
    "Digitale Zaken",
    "Economische Zaken",
    "Financiën",
    "Infrastructuur en Waterstaat",
    "Justitie en Veiligheid",
    "Klimaat en Groene Groei",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Onderwijs, Cultuur en Wetenschap",
    "Sociale Zaken en Werkgelegenheid",
    "Volksgezondheid, Welzijn en Sport",
    "Volkshuisvesting en Ruimtelijke Ordening",
]
# (abbreviation, name, seats): fifteen parties, 150 seats.
PARTIES = [
    ("PVV", "Partij voor de Vrijheid", 37),
    ("GL-PvdA", "GroenLinks-PvdA", 25),
    ("VVD", "Volkspartij voor Vrijheid en Democratie", 24),
    ("NSC", "Nieuw Sociaal Contract", 20),
    ("D66", "Democraten 66", 9),
    ("BBB", "BoerBurgerBeweging", 7),
    ("CDA", "Christen-Democratisch Appèl", 5),
    ("SP", "Socialistische Partij", 5),
    ("DENK", "DENK", 3),
    ("PvdD", "Partij voor de Dieren", 3),
    ("FvD", "Forum voor Democratie", 3),
    ("SGP", "Staatkundig Gereformeerde Partij", 3),
    ("CU", "ChristenUnie", 3),
    ("Volt", "Volt", 2),
    ("JA21", "JA21", 1),
]
FIRST_NAMES = [
    "Anne",
    "Bas",
    "Carola",
    "Daan",
    "Esther",
    "Fleur",
    "Geert",
    "Hanneke",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Marieke",
    "Nadia",
    "Olaf",
    "Pieter",
    "Quinten",
    "Renske",
    "Sander",
    "Tamara",
    "Ursula",
    "Vincent",
    "Wendy",
    "Yesilgöz",
    "Zoë",
    "Ahmed",
    "Bram",
    "Chantal",
    "Dirk",
    "Eline",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Jong",
    "Schouten",
    "van Dijk",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Willems",
    "Kuipers",
    "Öztürk",
    "Çelik",
    "Wörsdörfer",
    "Bouzid",
    "El Amrani",
    "Sneller",
    "Kröger",
    "Bikker",
    "Omtzigt",
    "Westerveld",
]
SUBJECTS = [
    "stikstof",
    "jeugdzorg",
    "woningbouw",
    "pensioenen",
    "asielopvang",
    "energietransitie",
    "onderwijsachterstanden",
    "zorgkosten",
    "toeslagen",
    "arbeidsmarkt",
    "defensie-uitgaven",
    "klimaatbeleid",
    "natuurherstel",
    "mestbeleid",
    "grensbewaking",
    "cybersecurity",
    "digitale overheid",
    "openbaar vervoer",
    "spoorveiligheid",
    "waterveiligheid",
    "gaswinning in Groningen",
    "kinderopvang",
    "studiefinanciering",
    "lerarentekort",
    "politiecapaciteit",
    "gevangeniswezen",
    "rechtsbijstand",
    "ontwikkelingssamenwerking",
    "exportcontrole",
    "handelsverdragen",
    "belastingstelsel",
    "box 3",
    "huurtoeslag",
    "mantelzorg",
    "ggz-wachtlijsten",
    "vaccinatiegraad",
    "drinkwater",
    "bodemdaling",
    "windenergie op zee",
    "kernenergie",
    "waterstof",
    "laadpalen",
    "luchtvaart en Schiphol",
    "geluidshinder",
    "PFAS",
    "zwerfafval",
    "circulaire economie",
    "ondermijning",
    "witwassen",
    "privacy",
    "algoritmes bij de overheid",
    "desinformatie",
    "cultuursubsidies",
    "het sportakkoord",
    "armoedebeleid",
    "schuldhulpverlening",
    "inburgering",
    "arbeidsmigratie",
    "de wolf",
    "visserij",
    "Caribisch Nederland",
    "de Wadden",
    "het hoger onderwijs",
    "de zorgverzekering",
    "de AOW-leeftijd",
    "de Omgevingswet",
    "zonne-energie",
    "netcongestie",
]
OPENERS = [
    "De minister zegt toe de Kamer te informeren over",
    "De staatssecretaris zal de Kamer een brief sturen over",
    "De minister komt schriftelijk terug op",
    "De minister stuurt de Kamer een evaluatie van",
    "De staatssecretaris zegt toe een onderzoek te laten doen naar",
    "De minister informeert de Kamer over de voortgang van",
    "De minister zal in overleg treden met de sector over",
    "De minister zegt toe de Kamer een uitvoeringstoets te sturen over",
    "De staatssecretaris zegt toe met gemeenten in gesprek te gaan over",
    "De minister deelt met de Kamer de uitkomsten van het overleg over",
]
ASPECTS = [
    "de kosten van",
    "de gevolgen voor gemeenten van",
    "de uitvoerbaarheid van",
    "de planning rond",
    "de knelpunten bij",
    "de regionale effecten van",
    "de stand van zaken rond",
    "de resultaten van de pilot over",
    "de wettelijke grondslag van",
    "de financiering van",
    "de handhaving bij",
    "de gevolgen voor burgers van",
]
# (phrase, weight): what the deadline phrases say; the engine derives every date from them.
# Recess-anchored phrases are about 40% (what `rederive_deadlines` and a recess edit recompute).
PHRASES = [
    ("voor de zomer", 14),
    ("voor het zomerreces", 8),
    ("voor het kerstreces", 8),
    ("na de zomer", 5),
    ("voor het meireces", 3),
    ("voor het krokusreces", 2),
    ("voor het einde van het jaar", 10),
    ("in het eerste kwartaal van volgend jaar", 6),
    ("binnen drie maanden", 8),
    ("binnen zes weken", 5),
    ("in het voorjaar", 5),
    ("voor Prinsjesdag", 4),
    ("voor de Voorjaarsnota", 3),
    ("eind dit jaar", 5),
    ("binnen een jaar", 4),
    ("voor de begrotingsbehandeling", 3),
    ("in de volgende voortgangsrapportage", 2),
    ("zo spoedig mogelijk", 2),
    ("binnenkort", 1),
    ("", 2),
]
N_MINISTERS = 40
N_MEMBERS = 150
N_DOSSIERS = 300
KAPPRECIATIES = ["Oordeel Kamer", "Ontraden", "Overgenomen", "Ontraden tenzij gewijzigd", "Ondersteund", ""]


def _sql_array(values) -> str:
    """A PostgreSQL text[] literal for SQL written here (values are the constants above)."""
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


class Builder:
    """Fills a freshly migrated database with set-based SQL, one timed step at a time."""

    # Tables loaded in bulk: their secondary indexes are dropped before and built after the load
    # (one sort per index instead of a million insertions).
    BULK_TABLES = [
        "commitments_commitment",
        "commitments_historicalcommitment",
        "commitments_commitmentrecipient",
        "commitments_closure",
        "commitments_deadlinechange",
        "commitments_document",
        "commitments_motion",
        "commitments_historicalmotion",
        "commitments_motionsigner",
        "commitments_motionstatuschange",
        "commitments_vote",
        "commitments_commitmentsearch",
    ]

    def __init__(self, cursor, n_commitments: int, n_motions: int):
        self.cursor = cursor
        self.n = n_commitments
        self.n_motions = n_motions
        self.n_letters = max(200, n_commitments // 16)
        self.dropped_indexes: dict[str, list[str]] = {}

    def step(self, label, sql, params=None):
        start = time.perf_counter()
        self.cursor.execute(sql, params)
        rows = self.cursor.rowcount
        print(f"  {label:52s} {time.perf_counter() - start:7.1f} s  {rows if rows >= 0 else '':>10}", flush=True)

    # --- indexes --------------------------------------------------------------------------

    def drop_secondary_indexes(self):
        """Drop the indexes that back no constraint on the bulk tables (kept: primary keys, unique)."""
        for table in self.BULK_TABLES:
            self.cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """,
                [table],
            )
            rows = self.cursor.fetchall()
            self.dropped_indexes[table] = [definition for _name, definition in rows]
            for name, _definition in rows:
                self.cursor.execute(f'DROP INDEX "{name}"')

    def restore_indexes(self, tables):
        for table in tables:
            start = time.perf_counter()
            for definition in self.dropped_indexes.pop(table, []):
                self.cursor.execute(definition)
            print(f"  {'indexes of ' + table:52s} {time.perf_counter() - start:7.1f} s", flush=True)

    # --- the data -------------------------------------------------------------------------

    def reference_data(self):
        c = self.cursor
        c.execute("SELECT setseed(0.42)")
        c.execute(
            "INSERT INTO commitments_ministry (id, abbreviation, name) "
            "SELECT i, 'M' || (i - 1), 'Ministerie van ' || (%s)[i] FROM generate_series(1, 12) i",
            [MINISTRIES],
        )
        c.execute(
            "INSERT INTO commitments_committee (id, abbreviation, name) "
            "SELECT i, 'C' || (i - 1), 'Vaste commissie voor ' || (%s)[i] FROM generate_series(1, 14) i",
            [COMMITTEES],
        )
        c.execute(
            "INSERT INTO commitments_party (id, abbreviation, name, seats, tk_values) "
            "SELECT i, (%s)[i], (%s)[i], (%s)[i], '{}' FROM generate_series(1, 15) i",
            [[p[0] for p in PARTIES], [p[1] for p in PARTIES], [p[2] for p in PARTIES]],
        )
        # Persons 1..40 are bewindspersonen, 41..190 members of the Kamer (seats per party).
        seats = [p[2] for p in PARTIES]
        member_party = [index + 1 for index, count in enumerate(seats) for _ in range(count)]
        c.execute(
            """
            INSERT INTO commitments_person (id, name, full_name, party_id, tk_values)
            SELECT i,
                   (%(first)s)[1 + i %% 30] || ' ' || (%(last)s)[1 + (i / 30 * 11 + i * 3) %% 50],
                   '', CASE WHEN i > %(ministers)s THEN (%(parties)s)[i - %(ministers)s] END, '{}'
            FROM generate_series(1, %(total)s) i
            """,
            {
                "first": FIRST_NAMES,
                "last": SURNAMES,
                "ministers": N_MINISTERS,
                "parties": member_party,
                "total": N_MINISTERS + N_MEMBERS,
            },
        )
        # One office per bewindspersoon; every ministry has three or four.
        c.execute(
            """
            INSERT INTO commitments_office (id, person_id, ministry_id, function, title, start, "end")
            SELECT i, i, 1 + (i - 1) %% 12,
                   CASE WHEN i <= 24 THEN 'minister' ELSE 'staatssecretaris' END,
                   CASE WHEN i <= 24 THEN 'minister van ' ELSE 'staatssecretaris van ' END || (%s)[1 + (i - 1) %% 12],
                   NULL, NULL
            FROM generate_series(1, %s) i
            """,
            [MINISTRIES, N_MINISTERS],
        )
        c.execute(
            """
            INSERT INTO commitments_dossier (id, number, suffix, title)
            SELECT i, (30000 + i * 19)::text, '', initcap((%s)[1 + i %% cardinality(%s)]) || ' (' || i || ')'
            FROM generate_series(1, %s) i
            """,
            [SUBJECTS, SUBJECTS, N_DOSSIERS],
        )

    def deadline_lookup(self):
        """What the deadline engine derives for each phrase on each day: a table to join.

        Computed by the app's own `derive_deadline_fields` against the recess calendar in the
        database, so `rederive_deadlines` on the built data finds every date already right.
        """
        from commitments.models import Commitment
        from commitments.selectors.calendar import calendar_from_database
        from commitments.services.deadlines import derive_deadline_fields

        start = time.perf_counter()
        calendar = calendar_from_database()
        self.cursor.execute(
            """
            CREATE TEMP TABLE bench_deadline (
                phrase int, made_on date, due_date date, due_date_earliest date, deadline_precision text,
                deadline_anchor text, deadline_rule text, deadline_explanation text,
                PRIMARY KEY (phrase, made_on))
            """
        )
        import io

        buffer = io.StringIO()
        for index, (phrase, _weight) in enumerate(PHRASES, start=1):
            for offset in range(MADE_DAYS + 60):
                day = MADE_FROM + datetime.timedelta(days=offset)
                fields = derive_deadline_fields(
                    Commitment(deadline_phrase=phrase, made_on=day, chamber="TK"), calendar=calendar
                )
                row = [
                    str(index),
                    day.isoformat(),
                    fields["due_date"].isoformat() if fields["due_date"] else "\\N",
                    fields["due_date_earliest"].isoformat() if fields["due_date_earliest"] else "\\N",
                    fields["deadline_precision"],
                    fields["deadline_anchor"],
                    fields["deadline_rule"],
                    fields["deadline_explanation"],
                ]
                buffer.write(
                    "\t".join(
                        value.replace("\\", "\\\\").replace("\t", " ") if value != "\\N" else value for value in row
                    )
                    + "\n"
                )
        buffer.seek(0)
        self.cursor.copy_expert("COPY bench_deadline FROM STDIN", buffer)
        self.cursor.execute("ANALYZE bench_deadline")
        rows = len(PHRASES) * (MADE_DAYS + 60)
        print(
            f"  {'deadline engine: phrase x day lookup':52s} {time.perf_counter() - start:7.1f} s  {rows:>10}",
            flush=True,
        )

    def documents(self):
        """Letters (closing commitments) and motion Kamerstukken: one id space, identifiers unique."""
        self.step(
            "documents: letters",
            f"""
            INSERT INTO commitments_document (id, identifier, citation_kind, chamber, ondernummer, vergaderjaar, number,
                item, kind, title, date, dossier_id, ministry_id, kenmerk, archive_reason, kind_as_published, tk_values)
            SELECT j, d.number || '-' || j, 'kamerstuk', 'TK', j::text,
                   CASE WHEN extract(month FROM day) >= 9 THEN extract(year FROM day)::int || '-' || extract(year FROM day)::int + 1
                        ELSE extract(year FROM day)::int - 1 || '-' || extract(year FROM day)::int END,
                   '', '', 'brief regering', 'Brief regering over ' || ({_sql_array(SUBJECTS)})[1 + j % {len(SUBJECTS)}],
                   day, d.id, 1 + j % 12, '', '', 'Brief regering', '{{}}'
            FROM (SELECT j, DATE '{LETTERS_FROM}' + (j::bigint * {LETTERS_DAYS} / {self.n_letters})::int AS day,
                         1 + floor({N_DOSSIERS} * power(random(), 2))::int AS dossier
                  FROM generate_series(1, {self.n_letters}) j) g
            JOIN commitments_dossier d ON d.id = g.dossier
            """,
        )

    def number_documents(self):
        """Number each dossier's papers 1, 2, … in id order (an ondernummer has at most four digits)."""
        from commitments.citations import MAX_ONDERNUMMER

        self.cursor.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM commitments_document GROUP BY dossier_id) x")
        most = self.cursor.fetchone()[0]
        if most > MAX_ONDERNUMMER:
            raise SystemExit(f"{most} papers in one dossier: more than ondernummer {MAX_ONDERNUMMER} allows")
        self.cursor.execute("UPDATE commitments_document SET identifier = 'tmp-' || id")  # unique while renumbering
        self.step(
            "documents: ondernummer 1..n per dossier",
            """
            UPDATE commitments_document d SET ondernummer = x.rn::text, identifier = ds.number
                || CASE WHEN ds.suffix <> '' THEN '-' || ds.suffix ELSE '' END || '-' || x.rn
            FROM (SELECT id, row_number() OVER (PARTITION BY dossier_id ORDER BY id) AS rn FROM commitments_document) x,
                 commitments_dossier ds
            WHERE x.id = d.id AND ds.id = d.dossier_id
            """,
        )

    def motions(self):
        """Motions, their Kamerstuk (7 in 10), signers, decisions (4 in 10) with party votes."""
        m = self.n_motions
        self.cursor.execute(
            f"""
            CREATE TEMP TABLE bench_motion AS
            SELECT i AS id,
                   DATE '{MADE_FROM}' + floor(random() * {MADE_DAYS})::int AS filed_on,
                   random() AS r_status,
                   1 + floor(random() * 3)::int AS signers,
                   {N_MINISTERS + 1} + (i * 7) % {N_MEMBERS} AS first_signer,
                   1 + floor({N_DOSSIERS} * power(random(), 2))::int AS dossier,
                   1 + floor(random() * {len(SUBJECTS)})::int AS subject,
                   1 + floor(random() * {len(ASPECTS)})::int AS aspect,
                   1 + floor(random() * {len(PHRASES)})::int AS phrase,
                   CASE WHEN random() < 0.15 THEN NULL ELSE 1 + floor(random() * 14)::int END AS committee,
                   i % 10 < 7 AS has_document
            FROM generate_series(1, {m}) i
            """
        )
        self.cursor.execute(
            """
            ALTER TABLE bench_motion ADD COLUMN status text;
            UPDATE bench_motion SET status = CASE
                WHEN r_status < 0.18 THEN 'aangenomen'
                WHEN r_status < 0.40 THEN 'verworpen'
                WHEN r_status < 0.50 THEN 'aangehouden'
                WHEN r_status < 0.58 THEN 'ingetrokken'
                WHEN r_status < 0.60 THEN 'vervallen'
                ELSE 'ingediend' END;
            """
        )
        self.step(
            "documents: motion Kamerstukken",
            f"""
            INSERT INTO commitments_document (id, identifier, citation_kind, chamber, ondernummer, vergaderjaar, number,
                item, kind, title, date, dossier_id, ministry_id, kenmerk, archive_reason, kind_as_published, tk_values)
            SELECT {self.n_letters} + b.id, d.number || '-' || ({self.n_letters} + b.id), 'kamerstuk', 'TK',
                   ({self.n_letters} + b.id)::text, '', '', '', 'motie',
                   'Motie over ' || ({_sql_array(SUBJECTS)})[b.subject], b.filed_on, d.id, NULL, '', '', 'Motie', '{{}}'
            FROM bench_motion b JOIN commitments_dossier d ON d.id = b.dossier
            WHERE b.has_document
            """,
        )
        self.step(
            "motions",
            f"""
            INSERT INTO commitments_motion (id, title, dictum, filed_on, kabinetsappreciatie, status, committee_id,
                document_id, zaak, archive_reason, tk_values)
            SELECT b.id,
                   'Motie van het lid ' || split_part(p.name, ' ', 2) || CASE WHEN b.signers > 1 THEN ' c.s.' ELSE '' END
                       || ' over ' || ({_sql_array(SUBJECTS)})[b.subject],
                   'De Kamer, gehoord de beraadslaging, verzoekt de regering ' || ({_sql_array(ASPECTS)})[b.aspect] || ' '
                       || ({_sql_array(SUBJECTS)})[b.subject] || ' in kaart te brengen en de Kamer '
                       || ({_sql_array([p for p, _ in PHRASES])})[b.phrase]
                       || ' te informeren, en gaat over tot de orde van de dag.',
                   b.filed_on, ({_sql_array(KAPPRECIATIES)})[1 + b.id % {len(KAPPRECIATIES)}], b.status, b.committee,
                   CASE WHEN b.has_document THEN {self.n_letters} + b.id END,
                   extract(year FROM b.filed_on)::int || 'Z'
                       || lpad((row_number() OVER (PARTITION BY extract(year FROM b.filed_on) ORDER BY b.id))::text, 5, '0'),
                   '', '{{}}'
            FROM bench_motion b JOIN commitments_person p ON p.id = b.first_signer
            """,
        )
        self.step(
            "motion signers",
            f"""
            INSERT INTO commitments_motionsigner (motion_id, person_id, party_id, role, "order")
            SELECT b.id, p.id, p.party_id, CASE WHEN k = 0 THEN 'indiener' ELSE 'medeindiener' END, k
            FROM bench_motion b
            CROSS JOIN LATERAL generate_series(0, b.signers - 1) k
            JOIN commitments_person p ON p.id = {N_MINISTERS + 1} + (b.id * 7 + k * 53) % {N_MEMBERS}
            """,
        )
        self.step(
            "motion decisions (votes held)",
            """
            INSERT INTO commitments_motionstatuschange (motion_id, status, date, note, decision_as_published, vote_kind, tk_values)
            SELECT id, status, filed_on + floor(random() * 15)::int, '',
                   CASE status WHEN 'aangenomen' THEN 'Stemmen - aangenomen' ELSE 'Stemmen - verworpen' END,
                   'Met handopsteken', '{}'
            FROM bench_motion WHERE status IN ('aangenomen', 'verworpen') ORDER BY id
            """,
        )
        self.step(
            "votes (every party on every decision)",
            """
            INSERT INTO commitments_vote (decision_id, party_id, person_id, actor_name, party_name, choice, seats, mistake, tk_values)
            SELECT s.id, pa.id, NULL, pa.name, pa.abbreviation,
                   CASE WHEN random() < CASE s.status WHEN 'aangenomen' THEN 0.75 ELSE 0.3 END THEN 'voor' ELSE 'tegen' END,
                   pa.seats, false, '{}'
            FROM commitments_motionstatuschange s CROSS JOIN commitments_party pa
            """,
        )

    def commitments(self):
        """Toezeggingen, then the obligations of adopted motions: `self.n` commitments in all."""
        c = self.cursor
        c.execute("SELECT count(*) FROM bench_motion WHERE status = 'aangenomen'")
        n_obligations = min(c.fetchone()[0], self.n // 10)
        n_promises = self.n - n_obligations
        # The phrase of each row, drawn with the weights of PHRASES.
        weighted = [index for index, (_phrase, weight) in enumerate(PHRASES, start=1) for _ in range(weight)]
        c.execute(
            f"""
            CREATE TEMP TABLE bench_commitment AS
            SELECT i AS id,
                   DATE '{MADE_FROM}' + floor(random() * {MADE_DAYS})::int AS made_on,
                   1 + floor(random() * {N_MINISTERS})::int AS office,
                   (ARRAY{weighted})[1 + floor(random() * {len(weighted)})::int] AS phrase,
                   random() AS r_status,
                   CASE WHEN random() < 1.0 / 15 THEN NULL ELSE 1 + floor(random() * 14)::int END AS committee,
                   CASE WHEN random() < 0.3 THEN 1 + floor({N_DOSSIERS} * power(random(), 3))::int END AS dossier,
                   1 + floor(random() * {len(OPENERS)})::int AS opener,
                   1 + floor(random() * {len(ASPECTS)})::int AS aspect,
                   1 + floor(random() * {len(SUBJECTS)})::int AS subject,
                   CASE WHEN random() < 0.3 THEN 1 + floor(random() * {len(SUBJECTS)})::int END AS subject2,
                   NULL::bigint AS motion
            FROM generate_series(1, {n_promises}) i
            """
        )
        # The obligations: one per adopted motion, made on the day of the vote, the dictum's term.
        c.execute(
            f"""
            INSERT INTO bench_commitment
            SELECT {n_promises} + row_number() OVER (ORDER BY b.id), s.date, 1 + floor(random() * {N_MINISTERS})::int,
                   b.phrase, random(), b.committee, b.dossier, NULL, b.aspect, b.subject, NULL, b.id
            FROM bench_motion b JOIN commitments_motionstatuschange s ON s.motion_id = b.id
            WHERE b.status = 'aangenomen' AND s.date < DATE '{MADE_FROM}' + {MADE_DAYS + 60}
            ORDER BY b.id LIMIT {n_obligations}
            """
        )
        c.execute("ANALYZE bench_commitment")
        self.step(
            "commitments",
            f"""
            INSERT INTO commitments_commitment (id, number, kind, chamber, text, made_on, deadline_phrase, due_date,
                due_date_earliest, deadline_precision, deadline_anchor, deadline_rule, deadline_explanation,
                due_date_overridden, status, status_note, created_at, updated_at, committee_id, dossier_id, ministry_id,
                motion_id, office_id, bewindspersoon_id, archive_reason, tk_values)
            SELECT g.id,
                   CASE WHEN g.motion IS NULL THEN 'TZ' || to_char(g.made_on, 'YYYYMM') || '-'
                        || row_number() OVER (PARTITION BY g.motion IS NULL, date_trunc('month', g.made_on) ORDER BY g.id)
                        ELSE '' END,
                   CASE WHEN g.motion IS NULL THEN 'toezegging' ELSE 'motie' END,
                   'TK',
                   CASE WHEN g.motion IS NULL THEN
                       ({_sql_array(OPENERS)})[g.opener] || ' ' || ({_sql_array(ASPECTS)})[g.aspect] || ' '
                       || ({_sql_array(SUBJECTS)})[g.subject]
                       || COALESCE(' en ' || ({_sql_array(SUBJECTS)})[g.subject2], '')
                       || ' (onderwerp ' || g.id || ').'
                   ELSE 'Uitvoering van de motie: ' || ({_sql_array(ASPECTS)})[g.aspect] || ' '
                       || ({_sql_array(SUBJECTS)})[g.subject] || ' in kaart brengen (onderwerp ' || g.id || ').'
                   END,
                   g.made_on, ({_sql_array([p for p, _ in PHRASES])})[g.phrase], l.due_date, l.due_date_earliest,
                   l.deadline_precision, l.deadline_anchor, l.deadline_rule, l.deadline_explanation, false,
                   CASE WHEN g.r_status < 0.63 THEN 'openstaand' WHEN g.r_status < 0.73 THEN 'deels voldaan'
                        WHEN g.r_status < 0.94 THEN 'voldaan' ELSE 'vervallen' END,
                   CASE WHEN g.r_status >= 0.94 THEN 'Vervallen: ingehaald door nieuw beleid.' ELSE '' END,
                   (g.made_on + 1) + time '09:30', (g.made_on + 1) + time '09:30',
                   g.committee, g.dossier, o.ministry_id, g.motion, o.id, o.person_id, '', '{{}}'
            FROM bench_commitment g
            JOIN commitments_office o ON o.id = g.office
            JOIN bench_deadline l ON l.phrase = g.phrase AND l.made_on = g.made_on
            ORDER BY g.id
            """,
        )
        self.step(
            "archived (0.5%, left out everywhere but the admin)",
            "UPDATE commitments_commitment SET archived_at = created_at + interval '30 days', "
            "archive_reason = 'Dubbel ingevoerd' WHERE id % 200 = 7",
        )

    def recipients_and_closures(self):
        self.step(
            "recipients (half of the commitments)",
            f"""
            INSERT INTO commitments_commitmentrecipient (commitment_id, person_id, party_id)
            SELECT c.id, p.id, p.party_id
            FROM commitments_commitment c
            JOIN commitments_person p ON p.id = {N_MINISTERS + 1} + (c.id * 31) % {N_MEMBERS}
            WHERE c.kind = 'toezegging' AND random() < 0.5
            """,
        )
        # Letter j is dated LETTERS_FROM + j * LETTERS_DAYS / n_letters: the first letter on or after a
        # day is found by arithmetic, and its date is the closing date.
        n, span = self.n_letters, LETTERS_DAYS
        first_letter_after = f"(ceil((({{day}}) - DATE '{LETTERS_FROM}')::numeric * {n} / {span})::int + 1)"
        target = "COALESCE(c.due_date, c.made_on + 120) + floor(random() * 300)::int - 120"  # around the due date
        self.cursor.execute(
            f"""
            CREATE TEMP TABLE bench_closure AS
            SELECT c.id AS commitment_id, c.status,
                   LEAST({n}, GREATEST({first_letter_after.format(day="c.made_on")},
                                       {first_letter_after.format(day=target)})) AS letter,
                   random() < 0.15 AS with_partial
            FROM commitments_commitment c WHERE c.status IN ('voldaan', 'deels voldaan')
            """
        )
        self.step(
            "closures: the letter that (partly) fulfilled it",
            """
            INSERT INTO commitments_closure (commitment_id, document_id, fulfilment, closed_on, note)
            SELECT b.commitment_id, d.id, CASE b.status WHEN 'voldaan' THEN 'volledig' ELSE 'gedeeltelijk' END, d.date, ''
            FROM bench_closure b JOIN commitments_document d ON d.id = b.letter
            """,
        )
        self.step(
            "closures: an earlier partial letter (15% of them)",
            f"""
            INSERT INTO commitments_closure (commitment_id, document_id, fulfilment, closed_on, note)
            SELECT b.commitment_id, d.id, 'gedeeltelijk', d.date, 'Eerste deel.'
            FROM bench_closure b
            JOIN commitments_commitment c ON c.id = b.commitment_id
            JOIN commitments_document d ON d.id = b.letter - 40
            WHERE b.with_partial AND b.letter - 40 >= {first_letter_after.format(day="c.made_on")}
            """,
        )

    def deadline_history(self):
        self.step(
            "deadline history: the derived date of each commitment",
            """
            INSERT INTO commitments_deadlinechange (commitment_id, changed_at, old_due_date, new_due_date, phrase, source, reason)
            SELECT id, created_at, NULL, due_date, deadline_phrase, 'afgeleid', ''
            FROM commitments_commitment WHERE due_date IS NOT NULL
            """,
        )

    def _history_insert(self, table: str, history_table: str, overrides: dict[str, str], history: str, where: str):
        self.cursor.execute(
            """
            SELECT h.column_name FROM information_schema.columns h
            JOIN information_schema.columns b ON b.table_name = %s AND b.column_name = h.column_name
                                              AND b.table_schema = h.table_schema
            WHERE h.table_name = %s AND h.table_schema = 'public' ORDER BY h.ordinal_position
            """,
            [table, history_table],
        )
        columns = [row[0] for row in self.cursor.fetchall()]
        select = [overrides.get(column, f'"{column}"') for column in columns]
        names = ", ".join(f'"{column}"' for column in columns)
        return (
            f"INSERT INTO {history_table} ({names}, history_date, history_change_reason, history_type, history_user_id) "
            f"SELECT {', '.join(select)}, {history} FROM {table} WHERE {where} ORDER BY id"
        )

    def row_history(self):
        """django-simple-history rows: the creation of each commitment and motion, and each commitment's
        later change of status (closed or lapsed) as one update. No history for the other tables."""
        self.step(
            "history: commitments created",
            self._history_insert(
                "commitments_commitment",
                "commitments_historicalcommitment",
                {"status": "'openstaand'", "status_note": "''", "archived_at": "NULL", "archive_reason": "''"},
                "created_at, 'aangemaakt', '+', NULL",
                "true",
            ),
        )
        self.step(
            "history: status changes (closed, lapsed, archived)",
            self._history_insert(
                "commitments_commitment",
                "commitments_historicalcommitment",
                {"updated_at": "created_at + interval '200 days'"},
                "created_at + interval '200 days', 'status gewijzigd', '~', NULL",
                "status <> 'openstaand' OR archived_at IS NOT NULL",
            ),
        )
        self.step(
            "history: motions created",
            self._history_insert(
                "commitments_motion",
                "commitments_historicalmotion",
                {},
                "filed_on + time '12:00', 'aangemaakt', '+', NULL",
                "true",
            ),
        )

    def search_documents(self):
        """The search document of every commitment, written by the function the triggers call."""
        self.cursor.execute("SELECT min(id), max(id) FROM commitments_commitment")
        low, high = self.cursor.fetchone()
        start = time.perf_counter()
        chunk = 200_000
        for first in range(low, high + 1, chunk):
            self.cursor.execute(
                "SELECT tz_search_refresh(ARRAY(SELECT id FROM commitments_commitment WHERE id BETWEEN %s AND %s))",
                [first, first + chunk - 1],
            )
            print(
                f"    search documents up to id {min(high, first + chunk - 1):,}: {time.perf_counter() - start:.1f} s",
                flush=True,
            )

    def reset_sequences(self):
        self.cursor.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND is_identity = 'YES'
            """
        )
        for table, column in self.cursor.fetchall():
            self.cursor.execute(
                f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE((SELECT max("{column}") FROM "{table}"), 0) + 1, false)',
                [table, column],
            )

    def check_foreign_keys(self):
        """Every foreign key of the loaded tables points at a row (the load ran without FK triggers)."""
        self.cursor.execute(
            """
            SELECT c.conname, c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1
            """
        )
        start, broken = time.perf_counter(), []
        for name, table, column, target, target_column in self.cursor.fetchall():
            self.cursor.execute(
                f'SELECT count(*) FROM {table} t WHERE t."{column}" IS NOT NULL '
                f'AND NOT EXISTS (SELECT 1 FROM {target} r WHERE r."{target_column}" = t."{column}")'
            )
            missing = self.cursor.fetchone()[0]
            if missing:
                broken.append(f"{name}: {missing} rows of {table}.{column}")
        print(f"  {'foreign keys checked':52s} {time.perf_counter() - start:7.1f} s", flush=True)
        if broken:
            raise SystemExit("Broken foreign keys:\n  " + "\n  ".join(broken))

    def check_search(self):
        """The stored documents equal what the trigger function writes (one refreshed again, compared)."""
        c = self.cursor
        c.execute("SELECT count(*) FROM commitments_commitmentsearch")
        documents = c.fetchone()[0]
        c.execute("SELECT count(*) FROM commitments_commitment")
        commitments = c.fetchone()[0]
        if documents != commitments:
            raise SystemExit(f"{documents} search documents for {commitments} commitments")
        c.execute(
            "SELECT commitment_id, document FROM commitments_commitmentsearch ORDER BY commitment_id DESC LIMIT 1"
        )
        pk, before = c.fetchone()
        c.execute("UPDATE commitments_commitment SET text = text WHERE id = %s", [pk])  # the update trigger
        c.execute("SELECT document FROM commitments_commitmentsearch WHERE commitment_id = %s", [pk])
        if c.fetchone()[0] != before:
            raise SystemExit(f"the search document of commitment {pk} differs from the trigger's")


def smoke_test() -> None:
    """Pages that read every kind of row render (a data error shows here, not in a helper's run)."""
    from django.test import Client

    from commitments import models as m

    start = time.perf_counter()
    closed = m.Commitment.objects.filter(closures__isnull=False, recipients__isnull=False).order_by("-pk").first()
    obligation = m.Commitment.objects.filter(kind="motie").order_by("-pk").first()
    letter = m.Closure.objects.order_by("-pk").first().document
    urls = [closed.get_absolute_url(), obligation.get_absolute_url(), obligation.motion.get_absolute_url()]
    urls += [letter.get_absolute_url(), m.Motion.objects.filter(document=None).first().get_absolute_url()]
    client = Client()
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered HTTP {response.status_code}")
    print(f"  {'smoke test: ' + str(len(urls)) + ' detail pages render':52s} {time.perf_counter() - start:7.1f} s")


def build(args) -> None:
    """Build `args.db`: migrate, fill set-based, index, check, VACUUM ANALYZE.

    What is written (sizes for 1,000,000 commitments and 100,000 motions):
    - 12 ministries (M0..M11), 14 committees (+ plenary: no committee), 15 parties with 150 seats,
      40 bewindspersonen with one office each, 150 members of the Kamer, 300 dossiers (a few big:
      the dossier is drawn skewed).
    - commitments: toezeggingen and, for adopted motions, their obligations (kind 'motie'), made
      over twelve years (Sept 2013 – Sept 2025); the deadline phrase drawn from PHRASES and every
      derived field computed by the app's deadline engine against the recess calendar; statuses
      63% open, 10% partly fulfilled, 21% fulfilled, 6% lapsed, so about two thirds are overdue on
      today's date; numbers "TZyyyymm-n" unique; texts from varied words, each ending in
      "(onderwerp <id>)"; 0.5% archived.
    - recipients for half of the toezeggingen (a member and the member's party); a closing letter
      for every fulfilled (full) and partly fulfilled (partial) one, plus an earlier partial letter
      for 15% of them; letters are Kamerstukken (kind 'brief regering') dated after the promise.
    - motions: a Kamerstuk (kind 'motie') for 7 in 10, all with a unique Zaak number, one to three
      signers, dictum texts; a decision (MotionStatusChange) for 40% (adopted or rejected) with the
      vote of every party (15 per decision).
    - deadline history: one entry per dated commitment (the derived date, source 'afgeleid').
    - django-simple-history: the creation of each commitment and motion ('+'), and for commitments
      not open any more one later update ('~'). Recipients, closures, signers, decisions, votes and
      deadline history get no history rows (a bulk load; the app writes them on later edits).
    - the search documents: written once by `tz_search_refresh`, the function the statement-level
      triggers call (the load runs with triggers off: `session_replication_role = replica`, which
      also skips the foreign-key triggers; every foreign key is checked afterwards instead).
    """
    started = time.perf_counter()
    print(f"Building {args.db}: {args.commitments:,} commitments, {args.motions:,} motions", flush=True)
    if args.ready_file and os.path.exists(args.ready_file):
        os.remove(args.ready_file)
    recreate_database(args.db)
    setup_django(args.db, "tracker.settings")
    from django.core.management import call_command
    from django.db import connection

    step_start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  {'migrate':52s} {time.perf_counter() - step_start:7.1f} s", flush=True)
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor (copy_expert, plain %s parameters)
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET work_mem = '64MB'")
        cursor.execute("SET synchronous_commit = off")
        builder = Builder(cursor, args.commitments, args.motions)
        builder.drop_secondary_indexes()
        cursor.execute("SET session_replication_role = replica")
        builder.reference_data()
        builder.deadline_lookup()
        builder.documents()
        builder.motions()
        builder.number_documents()
        builder.commitments()
        builder.recipients_and_closures()
        builder.deadline_history()
        builder.row_history()
        cursor.execute("SET session_replication_role = DEFAULT")
        builder.restore_indexes([t for t in Builder.BULK_TABLES if t != "commitments_commitmentsearch"])
        builder.search_documents()
        builder.restore_indexes(["commitments_commitmentsearch"])
        builder.reset_sequences()
        builder.check_foreign_keys()
        builder.check_search()
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-1")
    smoke_test()
    step_start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  {'VACUUM ANALYZE':52s} {time.perf_counter() - step_start:7.1f} s", flush=True)
    print_counts(connection)
    connection.close()
    print(f"Built {args.db} in {time.perf_counter() - started:.0f} s", flush=True)
    if args.ready_file:
        Path(args.ready_file).touch()
        print(f"touched {args.ready_file}")


COUNTED_TABLES = [
    "commitment",
    "historicalcommitment",
    "commitmentsearch",
    "commitmentrecipient",
    "closure",
    "deadlinechange",
    "document",
    "dossier",
    "motion",
    "historicalmotion",
    "motionsigner",
    "motionstatuschange",
    "vote",
    "person",
    "party",
    "office",
    "ministry",
    "committee",
    "recess",
]


def print_counts(connection) -> None:
    from commitments import clock

    with connection.cursor() as cursor:
        for table in COUNTED_TABLES:
            cursor.execute(f"SELECT count(*) FROM commitments_{table}")
            print(f"  {table:24s} {cursor.fetchone()[0]:>10,}")
        cursor.execute(
            "SELECT count(*) FILTER (WHERE status IN ('openstaand', 'deels voldaan') AND due_date < %s), "
            "count(*) FILTER (WHERE kind = 'motie'), count(*) FILTER (WHERE archived_at IS NOT NULL) "
            "FROM commitments_commitment",
            [clock.today()],
        )
        overdue, obligations, archived = cursor.fetchone()
        print(f"  overdue on {clock.today()}: {overdue:,}; motion obligations: {obligations:,}; archived: {archived:,}")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"  database size: {cursor.fetchone()[0]}")


# =============================================================================================
# Measure
# =============================================================================================

PUBLIC_GOAL_MS, ADMIN_GOAL_MS = 100, 200
EXPORT_RATIO_GOAL, EXPORT_RSS_GOAL_MB = 0.5, 150
THROUGHPUT_RATIO_GOAL = 0.40
REQUEST_TIMEOUT_S = 60  # gunicorn.conf.py's default GUNICORN_TIMEOUT
BENCH_HOST = "127.0.0.1"
SERVER_ENV = {
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
}


class Results:
    """Every figure of the run, printed as one table at the end."""

    def __init__(self):
        self.rows = []

    def add(self, section, figure, value, anchor="", ratio="", goal="", met=None, note=""):
        self.rows.append((section, figure, value, anchor, ratio, goal, {True: "yes", False: "NO", None: ""}[met], note))
        print(f"  {figure}: {value}  {note}", flush=True)

    def print(self):
        headers = ("section", "figure", "value", "anchor", "ratio", "goal", "met", "notes")
        widths = [max(len(str(row[i])) for row in [headers, *self.rows]) for i in range(len(headers))]
        line = "  ".join(f"{{:{width}}}" for width in widths)
        print()
        print(line.format(*headers))
        print(line.format(*("-" * w for w in widths)))
        for row in self.rows:
            print(line.format(*(str(cell) for cell in row)))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def nearest_rank(values, fraction):
    """The nearest-rank percentile (p95 of 20 requests is the 19th fastest)."""
    ordered = sorted(values)
    import math

    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def print_machine(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_connections", "jit"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            memory = f", {int(meminfo.readline().split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    branch = subprocess.run(["git", "-C", str(ROOT), "branch", "--show-current"], capture_output=True, text=True)
    print(f"machine: {os.cpu_count()} cores{memory}, load average {load_average()}")
    print(f"database: {version}; " + ", ".join(f"{k} {v}" for k, v in settings.items()))
    print(f"code: branch {branch.stdout.strip()}, {commit.stdout.strip()[:100]}")
    print(f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


# --- pages, in process ------------------------------------------------------------------------


def sample_urls():
    """The pages to time, with real ids taken from the data (public pages, then the admin)."""
    from django.db.models import Count

    from commitments import models as m

    commitment = (
        m.Commitment.objects.filter(status="voldaan", recipients__isnull=False).order_by("-pk").only("pk").first()
    )
    motion = (
        m.Motion.objects.filter(status="aangenomen", document__isnull=False, obligation__isnull=False)
        .order_by("-pk")
        .first()
    )
    letter_id = (
        m.Closure.objects.values("document").annotate(n=Count("pk")).order_by("-n", "document").first()["document"]
    )
    letter = m.Document.objects.get(pk=letter_id)
    dossier_id = (
        m.Commitment.objects.exclude(dossier=None).values("dossier").annotate(n=Count("pk")).order_by("-n").first()
    )["dossier"]
    dossier = m.Dossier.objects.get(pk=dossier_id)
    person_id = (
        m.Commitment.objects.values("bewindspersoon").annotate(n=Count("pk")).order_by("-n").first()["bewindspersoon"]
    )
    public = [
        ("trivial view (anchor)", "/bench-trivial/", {}),
        ("dashboard", "/", {}),
        ("list", "/toezeggingen/", {}),
        ("list overdue by days late", "/toezeggingen/", {"overdue": "true", "sort": "-days_late"}),
        ("list ministry M1 + open", "/toezeggingen/", {"ministry": "M1", "status": "openstaand"}),
        ("list search 'onderwerp 4242'", "/toezeggingen/", {"q": "onderwerp 4242"}),
        ("list page 2000", "/toezeggingen/", {"page": "2000"}),
        ("commitment detail", commitment.get_absolute_url(), {}),
        ("motions", "/moties/", {}),
        ("motions search 'stikstof'", "/moties/", {"q": "stikstof"}),
        ("motions page 2000", "/moties/", {"page": "2000"}),
        ("motion detail", motion.get_absolute_url(), {}),
        ("document detail (letter)", letter.get_absolute_url(), {}),
        ("dossier detail (biggest)", dossier.get_absolute_url(), {}),
        ("person detail (most)", f"/personen/{person_id}/", {}),
        ("ministry detail M1", "/ministeries/M1/", {}),
        ("committee detail C1", "/commissies/C1/", {}),
        ("committee plenary", "/commissies/plenair/", {}),
        ("dossier index", "/dossiers/", {}),
        ("person index", "/personen/", {}),
        ("ministry index", "/ministeries/", {}),
        ("committee index", "/commissies/", {}),
    ]
    admin = [
        ("admin commitments", "/admin/commitments/commitment/", {}),
        ("admin commitments search", "/admin/commitments/commitment/", {"q": "onderwerp 4242"}),
        ("admin commitments overdue", "/admin/commitments/commitment/", {"overdue": "yes"}),
        ("admin commitments page 2000", "/admin/commitments/commitment/", {"p": "2000"}),
        ("admin motions", "/admin/commitments/motion/", {}),
        ("admin motions search", "/admin/commitments/motion/", {"q": "stikstof"}),
        ("admin motions adopted", "/admin/commitments/motion/", {"status__exact": "aangenomen"}),
        ("admin documents", "/admin/commitments/document/", {}),
        ("admin documents search", "/admin/commitments/document/", {"q": "stikstof"}),
        ("admin documents letters", "/admin/commitments/document/", {"kind__exact": "brief regering"}),
    ]
    return public, admin


def time_page(client, url, params, requests, budget):
    """Cold request, then `requests` timed ones: (cold s, timings, query counts, status).

    A page whose cold request is slow gets fewer timed requests (at least 5), so that the page
    takes about `budget` seconds: the run stays bounded while pages are seconds long.
    """
    from django.db import OperationalError, connection
    from django.test.utils import CaptureQueriesContext

    def one():
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            try:
                response = client.get(url, params, secure=True)
                if getattr(response, "streaming", False):
                    for _chunk in response.streaming_content:
                        pass
                else:
                    _ = response.content
                status = response.status_code
            except OperationalError as error:  # the statement timeout cancelled a query
                status = f"cancelled ({type(error.__cause__ or error).__name__})"
            elapsed = time.perf_counter() - start
        return elapsed, len(queries.captured_queries), status

    cold, _queries, status = one()
    if status != 200:
        return cold, [cold], {_queries}, status
    timings, counts = [], set()
    for _ in range(max(min(5, requests), min(requests, int(budget / max(cold, 1e-3))))):
        elapsed, count, status = one()
        timings.append(elapsed)
        counts.add(count)
    return cold, timings, counts, status


def measure_pages(args, results: Results) -> None:
    print(f"\n== pages in process ({args.requests} requests each after one cold request)", flush=True)

    # A page slower than the request timeout is reported as such and not repeated: every query
    # of this section is cancelled after --page-timeout seconds.
    def statement_timeout(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = '{int(args.page_timeout * 1000)}ms'")

    import logging

    from django.db import connection
    from django.db.backends.signals import connection_created

    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)  # a cancelled page is reported in the table, not as a traceback
    connection.close()
    connection_created.connect(statement_timeout)
    try:
        _measure_pages(args, results)
    finally:
        connection_created.disconnect(statement_timeout)
        connection.close()
        request_log.setLevel(level)


def _measure_pages(args, results: Results) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(user)
    public, admin = sample_urls()
    anchor = None
    for kind, cases in (("public", public), ("admin", admin)):
        goal_ms = PUBLIC_GOAL_MS if kind == "public" else ADMIN_GOAL_MS
        for name, url, params in cases:
            cold, timings, counts, status = time_page(client, url, params, args.requests, args.page_budget)
            p50, p95 = nearest_rank(timings, 0.5), nearest_rank(timings, 0.95)
            queries = "/".join(str(c) for c in sorted(counts))
            if anchor is None:
                anchor = p50
                results.add("pages", name, f"p50 {ms(p50)}", note=f"{queries} queries, p95 {ms(p95)}")
                continue
            shown = url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
            note = f"{queries} q, cold {ms(cold)}, p50 {ms(p50)}"
            note += f" (n={len(timings)})" if len(timings) != args.requests else ""
            note += f"; {shown}"
            value = f"p95 {ms(p95)}"
            if isinstance(status, str):
                value, note = f"> {args.page_timeout:.0f} s", f"{status} after {ms(cold)}; {shown}"
            elif status != 200:
                note = f"HTTP {status}! " + note
            results.add(
                "pages",
                name,
                value,
                anchor=f"{ms(anchor)}",
                ratio=f"{p95 / anchor:,.0f}x",
                goal=f"p95 < {goal_ms} ms",
                met=status == 200 and p95 * 1000 < goal_ms,
                note=note,
            )


# --- a gunicorn server ------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((BENCH_HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the repo's gunicorn.conf.py (2 workers) and the bench settings, on loopback."""

    def __init__(self, dbname: str, workers: int = 2):
        self.port = free_port()
        self.env = {
            **os.environ,
            **SERVER_ENV,
            "DATABASE_URL": database_url(dbname),
            "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_BIND": f"{BENCH_HOST}:{self.port}",
            "PYTHONPATH": str(ROOT),
        }
        self.process = None

    def __enter__(self):
        import http.client

        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = open(f"/tmp/bench_gunicorn_{self.port}.log", "w")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection(BENCH_HOST, self.port, timeout=5)
                connection.request("GET", "/bench-trivial/", headers={"X-Forwarded-Proto": "https"})
                if connection.getresponse().status == 200:
                    connection.close()
                    return self
            except OSError:
                time.sleep(0.5)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn did not start; see {self.log.name}")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def workers(self) -> list[int]:
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        if int(stat.read().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                            pids.append(int(entry))
                except (OSError, IndexError, ValueError):
                    continue
        return pids


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- the CSV export ---------------------------------------------------------------------------


def copy_sql(base_url: str, day: datetime.date) -> str:
    """The export's rows and columns (commitments/exports/columns.py) as one SQL query.

    Citations are written for the papers this dataset has (Tweede Kamer Kamerstukken); any
    other paper falls back to its identifier.
    """

    def citation(document, dossier):
        return (
            f"CASE WHEN {document}.id IS NULL THEN NULL "
            f"WHEN {document}.citation_kind = 'kamerstuk' AND {document}.chamber = 'TK' THEN 'Kamerstuk ' || "
            f"{dossier}.number || CASE WHEN {dossier}.suffix <> '' THEN '-' || {dossier}.suffix ELSE '' END || '-' || "
            f"{document}.ondernummer ELSE {document}.identifier END"
        )

    return f"""
    SELECT c.id,
           CASE WHEN c.number = '' AND c.motion_id IS NOT NULL
                THEN COALESCE({citation("md", "mdd")}, mo.zaak, '') ELSE c.number END AS nummer,
           c.kind, c.text, c.made_on, COALESCE(bp.name, ''), COALESCE(o.title, ''), COALESCE(mi.abbreviation, ''),
           COALESCE(co.name, 'Plenair'),
           COALESCE(rec.names, ''),
           COALESCE({citation("sd", "sdd")}, sa.title, ''),
           CASE WHEN ds.id IS NULL THEN '' WHEN ds.suffix <> '' THEN ds.number || '-' || ds.suffix ELSE ds.number END,
           c.deadline_phrase, c.due_date, c.status,
           CASE WHEN c.status IN ('openstaand', 'deels voldaan') AND c.due_date < DATE '{day}'
                THEN DATE '{day}' - c.due_date END,
           COALESCE(clo.letters, ''), clo.last_closed_on,
           '{base_url}/toezeggingen/' || c.id || '/'
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
    LEFT JOIN (
        SELECT r.commitment_id,
               string_agg(CASE WHEN r.person_id IS NOT NULL THEN p.name || COALESCE(' (' || pa.abbreviation || ')', '')
                               ELSE pa.abbreviation END, '; ' ORDER BY r.id) AS names
        FROM commitments_commitmentrecipient r
        LEFT JOIN commitments_person p ON p.id = r.person_id
        LEFT JOIN commitments_party pa ON pa.id = r.party_id
        GROUP BY r.commitment_id
    ) rec ON rec.commitment_id = c.id
    LEFT JOIN (
        SELECT cl.commitment_id, string_agg({citation("d", "dd")}, '; ' ORDER BY cl.closed_on, cl.id) AS letters,
               max(cl.closed_on) AS last_closed_on
        FROM commitments_closure cl
        JOIN commitments_document d ON d.id = cl.document_id
        LEFT JOIN commitments_dossier dd ON dd.id = d.dossier_id
        GROUP BY cl.commitment_id
    ) clo ON clo.commitment_id = c.id
    WHERE c.archived_at IS NULL
    ORDER BY c.due_date, c.id
    """


class CountingSink:
    """A file-like sink that counts bytes and lines and keeps the first `keep` lines."""

    def __init__(self, keep=2000):
        self.bytes = self.lines = 0
        self.keep, self._head = keep, bytearray()

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        if self.lines <= self.keep:
            self._head += data
        self.bytes += len(data)
        self.lines += data.count(b"\n")
        return len(data)

    @property
    def head(self) -> list[str]:
        """The first `keep` complete lines."""
        return self._head.decode("utf-8", "replace").splitlines()[: self.keep]


def compare_heads(export_lines, copy_lines) -> str:
    """Cell-for-cell comparison of the rows both streams start with (matched by id)."""
    import csv

    export_rows = {row[0]: row for row in csv.reader(export_lines[1:]) if row}
    copy_rows = {row[0]: row for row in csv.reader(copy_lines[1:]) if row}
    common = set(export_rows) & set(copy_rows)
    differing = [pk for pk in common if export_rows[pk] != copy_rows[pk]]
    if not common:
        return "no common rows in the first lines to compare"
    if differing:
        pk = differing[0]
        cells = [i for i, (a, b) in enumerate(zip(export_rows[pk], copy_rows[pk], strict=False)) if a != b]
        return f"{len(differing)} of {len(common)} sampled rows differ (e.g. id {pk}, columns {cells})"
    return f"{len(common)} sampled rows identical cell for cell"


def measure_export(args, results: Results) -> None:
    import http.client
    import threading

    import psycopg2

    from commitments import clock

    print("\n== CSV export of every commitment (gunicorn, 2 workers) beside COPY", flush=True)
    day = clock.today()
    with Server(args.run_db) as server:
        idle = max(rss_mb(pid) for pid in server.workers())
        peak, stop = [idle], threading.Event()

        def watch():
            while not stop.is_set():
                peak.append(max((rss_mb(pid) for pid in server.workers()), default=0.0))
                time.sleep(0.1)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        sink = CountingSink()
        start = time.perf_counter()
        connection = http.client.HTTPConnection(BENCH_HOST, server.port, timeout=600)
        connection.request("GET", "/toezeggingen/export.csv", headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        complete = True
        try:
            while chunk := response.read(1 << 16):
                sink.write(chunk)
        except http.client.IncompleteRead:
            complete = False
        export_seconds = time.perf_counter() - start
        stop.set()
        watcher.join()
        connection.close()
    export_rows = sink.lines - 1
    copy_sink = CountingSink()
    with psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=args.run_db) as pg, pg.cursor() as cursor:
        # The export writes absolute URLs as the proxy's scheme says (https).
        query = copy_sql(f"https://{BENCH_HOST}:{server.port}", day)
        start = time.perf_counter()
        cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH CSV HEADER", copy_sink)
        copy_seconds = time.perf_counter() - start
    pg.close()
    copy_rows = copy_sink.lines - 1
    export_rate, copy_rate = export_rows / export_seconds, copy_rows / copy_seconds
    ratio = export_rate / copy_rate
    status_note = f"HTTP {response.status}" + ("" if complete else ", INCOMPLETE")
    results.add(
        "export",
        "export.csv throughput",
        f"{export_rate:,.0f} rows/s",
        anchor=f"COPY {copy_rate:,.0f} rows/s",
        ratio=f"{ratio:.2f}",
        goal=f">= {EXPORT_RATIO_GOAL}",
        met=complete and response.status == 200 and ratio >= EXPORT_RATIO_GOAL,
        note=f"{status_note}; export {export_rows:,} rows {sink.bytes / 1e6:.0f} MB in {export_seconds:.1f} s, "
        f"COPY {copy_rows:,} rows {copy_sink.bytes / 1e6:.0f} MB in {copy_seconds:.1f} s",
    )
    results.add(
        "export",
        "export.csv peak RSS (serving worker)",
        f"{max(peak):.0f} MB",
        anchor=f"idle {idle:.0f} MB",
        ratio=f"{max(peak) / idle:.2f}" if idle else "",
        goal=f"< {EXPORT_RSS_GOAL_MB} MB",
        met=max(peak) < EXPORT_RSS_GOAL_MB,
        note="VmRSS of the gunicorn workers sampled every 0.1 s",
    )
    results.add(
        "export",
        "export.csv vs COPY: same rows and cells",
        "equal row counts" if export_rows == copy_rows else f"{export_rows:,} vs {copy_rows:,} rows",
        note=compare_heads(sink.head, copy_sink.head),
        met=export_rows == copy_rows,
    )


# --- throughput -------------------------------------------------------------------------------


def load(port: int, path: str, clients: int, seconds: float):
    """`clients` threads, each one keep-alive connection, GETting `path` for `seconds`."""
    import http.client
    import threading

    latencies, failures, retries, lock = [], [0], [0], threading.Lock()
    kinds: dict[str, int] = {}
    stop_at = time.monotonic() + seconds

    def get(connection):
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
        return response

    def client():
        mine, failed, connection, reused = [], 0, None, False
        while time.monotonic() < stop_at:
            start = time.monotonic()
            try:
                if connection is None:
                    connection, reused = http.client.HTTPConnection(BENCH_HOST, port, timeout=60), False
                try:
                    response = get(connection)
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    if not reused:
                        raise
                    # The server closed an idle keep-alive connection (a worker restarting after
                    # max_requests): a client sends the GET again on a new one (RFC 9112, 9.3.1).
                    connection.close()
                    retries[0] += 1
                    connection = http.client.HTTPConnection(BENCH_HOST, port, timeout=60)
                    response = get(connection)
                reused = True
                if response.status != 200:
                    failed += 1
                    with lock:
                        kinds[f"HTTP {response.status}"] = kinds.get(f"HTTP {response.status}", 0) + 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                failed += 1
                with lock:
                    kinds[type(error).__name__] = kinds.get(type(error).__name__, 0) + 1
                if connection is not None:
                    connection.close()
                connection = None
            mine.append(time.monotonic() - start)
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    p95 = nearest_rank(latencies, 0.95) if latencies else 0.0
    if kinds:
        print(f"  {path}: failures by kind {kinds}", flush=True)
    return len(latencies) / elapsed, p95, failures[0], len(latencies), retries[0]


def measure_throughput(args, results: Results) -> None:
    print(f"\n== throughput: gunicorn 2 workers, {args.clients} clients, {args.seconds:.0f} s per path", flush=True)
    overdue = "/toezeggingen/?overdue=true&sort=-days_late"
    with Server(args.run_db) as server:
        for path in ("/bench-trivial/", overdue):  # warm every worker thread's connection and caches
            load(server.port, path, args.clients, 2)
        trivial_rate, trivial_p95, trivial_failed, trivial_n, trivial_retried = load(
            server.port, "/bench-trivial/", args.clients, args.seconds
        )
        rate, p95, failed, n, retried = load(server.port, overdue, args.clients, args.seconds)
    results.add(
        "throughput",
        "trivial view (anchor)",
        f"{trivial_rate:,.1f} req/s",
        note=f"p95 {ms(trivial_p95)}, {trivial_failed} failed of {trivial_n} ({trivial_retried} resent on a new connection)",
    )
    ratio = rate / trivial_rate
    results.add(
        "throughput",
        "overdue list by days late",
        f"{rate:,.1f} req/s",
        anchor=f"{trivial_rate:,.1f} req/s",
        ratio=f"{ratio:.2f}",
        goal=f">= {THROUGHPUT_RATIO_GOAL}",
        met=ratio >= THROUGHPUT_RATIO_GOAL and failed == 0,
        # Clients without a session, as a visitor: served whole from the page cache (commitments.pagecache).
        note=f"p95 {ms(p95)}, {failed} failed of {n} ({retried} resent on a new connection); visitors; {overdue}",
    )


# --- re-deriving deadlines --------------------------------------------------------------------


def measure_rederive(args, results: Results) -> None:
    import io

    from django.conf import settings
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client, RequestFactory

    from commitments import models as m

    print("\n== rederive_deadlines and a recess calendar edit (writes: on the scratch copy)", flush=True)
    recess_anchored = m.Commitment.objects.derived_from_recess().count()
    before = m.DeadlineChange.objects.count()
    output = io.StringIO()
    start = time.perf_counter()
    call_command("rederive_deadlines", stdout=output)
    seconds = time.perf_counter() - start
    changed = m.DeadlineChange.objects.count() - before
    last_line = output.getvalue().strip().splitlines()[-1:] or [""]
    results.add(
        "rederive",
        "rederive_deadlines (nothing to change)",
        f"{seconds:.1f} s",
        anchor=f"{recess_anchored:,} recess-anchored",
        ratio=f"{recess_anchored / seconds:,.0f} rows/s",
        goal="bulk; no history when unchanged",
        met=changed == 0,
        note=f"{changed} deadline-history entries written; says: {last_line[0][:60]}",
    )

    # A clerk moves the start of a summer recess one week earlier in the admin: the due dates
    # derived from it ("voor de zomer", "voor het zomerreces") move with it. Posted to gunicorn,
    # so the request timeout of gunicorn.conf.py applies as in production.
    recess = m.Recess.objects.filter(chamber="TK", kind__icontains="zomer", start__year=2019).first() or (
        m.Recess.objects.filter(chamber="TK").order_by("start").first()
    )
    user = get_user_model().objects.filter(is_superuser=True).first()
    request = RequestFactory().get("/")
    request.user = user
    form = admin.site._registry[m.Recess].get_form(request, recess, change=True)(instance=recess)
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else value)
    data["start"] = (recess.start - datetime.timedelta(days=7)).isoformat()
    data["_save"] = "Save"
    client = Client()
    client.force_login(user)  # a session in the database, which the server reads too
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    history_before, before = m.Commitment.history.count(), m.DeadlineChange.objects.count()
    with Server(args.run_db) as server:
        status, seconds, outcome = admin_post(
            server.port, f"/admin/commitments/recess/{recess.pk}/change/", data, session
        )
        time.sleep(5)  # let anything the request started in the background show in the counts
    changed = m.DeadlineChange.objects.count() - before
    history = m.Commitment.history.count() - history_before
    saved = m.Recess.objects.get(pk=recess.pk).start != recess.start
    outcome += ", saved" if saved else ", NOT saved"
    results.add(
        "rederive",
        "recess edit in the admin (gunicorn request)",
        f"{seconds:.1f} s",
        anchor=f"timeout {REQUEST_TIMEOUT_S} s",
        ratio=f"{seconds / REQUEST_TIMEOUT_S:.2f}",
        goal=f"< {REQUEST_TIMEOUT_S} s, saved",
        met=saved and status in (302, 303) and seconds < REQUEST_TIMEOUT_S,
        note=f"{outcome}; {recess.kind} {recess.start} moved a week earlier: "
        f"{changed:,} deadline changes, {history:,} commitment history rows",
    )


def admin_post(port: int, path: str, data: dict, session: str) -> tuple[int | None, float, str]:
    """POST an admin form as a logged-in clerk would (CSRF token from the form page): (status, seconds, outcome)."""
    import http.client
    import re
    from urllib.parse import urlencode

    from django.conf import settings

    origin = f"https://{BENCH_HOST}:{port}"
    headers = {"X-Forwarded-Proto": "https", "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    connection = http.client.HTTPConnection(BENCH_HOST, port, timeout=REQUEST_TIMEOUT_S * 5)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    cookie = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", response.getheader("Set-Cookie") or "")
    if response.status != 200 or not token or not cookie:
        return response.status, 0.0, f"the form page answered HTTP {response.status} without a CSRF token"
    body = urlencode({**data, "csrfmiddlewaretoken": token.group(1)})
    headers = {
        **headers,
        "Cookie": f"{headers['Cookie']}; {settings.CSRF_COOKIE_NAME}={cookie.group(1)}",
        "Origin": origin,
        "Referer": origin + path,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    start = time.perf_counter()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status, outcome = response.status, f"HTTP {response.status}"
    except (OSError, http.client.HTTPException) as error:
        status, outcome = None, f"no answer ({type(error).__name__}: the worker was killed?)"
    seconds = time.perf_counter() - start
    connection.close()
    return status, seconds, outcome


# --- the run ----------------------------------------------------------------------------------


def measure(args) -> None:
    started = time.perf_counter()
    if args.rebuild or not database_exists(args.db):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "build",
                "--db",
                args.db,
                "--commitments",
                str(args.commitments),
                "--motions",
                str(args.motions),
            ],
            check=True,
        )
    print(f"Copying {args.db} to {args.run_db} …", flush=True)
    recreate_database(args.run_db, template=args.db)
    os.environ.update(SERVER_ENV)
    setup_django(args.run_db)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics for whatever the migrations added
    print_machine(connection)
    from commitments import models as m

    print(
        f"data: {m.Commitment.all_objects.count():,} commitments, {m.Motion.all_objects.count():,} motions, "
        f"{m.Vote.objects.count():,} votes (database {args.run_db}, a copy of {args.db})"
    )
    results = Results()
    sections = [
        ("pages", measure_pages),
        ("export", measure_export),
        ("throughput", measure_throughput),
        ("rederive", measure_rederive),
    ]
    for name, section in sections:
        if name in args.only:
            section_start = time.perf_counter()
            section(args, results)
            print(f"  ({name}: {time.perf_counter() - section_start:.0f} s, load average {load_average()})", flush=True)
            connection.close()
    results.print()
    print(f"\nload average at the end {load_average()}; run took {time.perf_counter() - started:.0f} s")
    print("The machine is shared (2 cores): absolute times are noisy; the ratios were measured side by side.")


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.command == "build":
        build(args)
    else:
        measure(args)


if __name__ == "__main__":
    main()
