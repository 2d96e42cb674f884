"""Benchmark: `manage.py parse_deadline --batch` on 10,000 realistic lines (wall time).

Builds a throwaway SQLite database with the recess calendar (by migrating; pass DATABASE_URL to
use another database), writes N lines ``phrase<TAB>made_on[<TAB>kamer]`` mixing bare phrases,
whole promise sentences, both chambers and some unreadable lines, then times the command as a
subprocess, Django start-up included. The budget is 2 seconds for 10,000 lines.

    .venv/bin/python bench/bench_parse_deadline.py [N] [RUNS]
"""

import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 2.0

PHRASES = [
    "voor de zomer",
    "voor de zomer van {year}",
    "vóór het zomerreces",
    "voor het kerstreces",
    "voor de kerst",
    "voor het meireces",
    "voor het herfstreces",
    "voor het reces",
    "in de zomer",
    "na de zomer",
    "na het kerstreces",
    "eind {year}",
    "voor het einde van het jaar",
    "nog dit jaar",
    "begin {year}",
    "begin volgend jaar",
    "medio {year}",
    "in de tweede helft van {year}",
    "in het eerste kwartaal van {year}",
    "Q3 {year}",
    "in het voorjaar",
    "in het najaar van {year}",
    "in januari",
    "in maart {year}",
    "eind februari",
    "begin mei",
    "voor 1 maart {year}",
    "uiterlijk 15 oktober",
    "binnen drie weken",
    "binnen twee maanden",
    "over een half jaar",
    "binnen 14 dagen",
    "voor Prinsjesdag",
    "bij de begroting voor {next_year}",
    "bij de Voorjaarsnota",
    "bij het jaarverslag",
    "in de volgende voortgangsrapportage",
    "bij de zesde voortgangsrapportage",
    "voor het commissiedebat over jeugdzorg",
    "voor de begrotingsbehandeling",
    "zodra het onderzoek is afgerond",
    "na ontvangst van het advies",
    "bij de evaluatie van de wet",
    "op korte termijn",
    "binnenkort",
    "zo snel mogelijk",
    "te zijner tijd",
    "jaarlijks voor het zomerreces",
    "elk half jaar",
]
SENTENCES = [
    "De minister zegt toe de Kamer {phrase} te informeren over {topic} (Kamerstuk {dossier}, nr. {number}).",
    "De staatssecretaris zal de Kamer {phrase} een brief sturen over {topic}, zoals gevraagd door het lid {member}.",
    "De Kamer wordt {phrase} geïnformeerd over {topic} en de motie {dossier}-{number}.",
    "Ik zeg toe dat ik u {phrase} nader zal berichten over {topic}, na overleg met de minister van {ministry}.",
]
TOPICS = [
    "de aanpak van kindermishandeling",
    "de voortgang van het programma Geweld hoort nergens thuis",
    "de uitkomsten van het onderzoek naar de jeugdzorg",
    "het emissiereductieplan",
    "exportbeperkende maatregelen",
    "de gesprekken met de Nationaal Rapporteur",
    "de wachtlijsten in de ggz",
    "de evaluatie van de Wet meldcode",
]
MEMBERS = ["Westerveld", "Wörsdörfer", "Jansen", "Peters", "Van der Staaij", "Bergkamp", "Kuik"]
MINISTRIES = ["OCW", "JenV", "VWS", "BZK", "SZW"]
GARBAGE = [
    "zonder datum",
    "voor de zomer\t2021-02-30",
    "in januari\tgisteren",
    "\t\t\t",
    "",
    "x" * 500 + "\t2021-01-01",
    "🙂 ∑ ⁂ \u200b\u202e in de zomer\t2022-03-04",
]


def make_lines(n: int, rng: random.Random) -> list[str]:
    lines = []
    start = datetime.date(2016, 1, 1).toordinal()
    end = datetime.date(2027, 6, 30).toordinal()
    for _ in range(n):
        if rng.random() < 0.03:
            lines.append(rng.choice(GARBAGE))
            continue
        made_on = datetime.date.fromordinal(rng.randint(start, end))
        year = made_on.year + rng.choice((0, 0, 1))
        phrase = rng.choice(PHRASES).format(year=year, next_year=year + 1)
        if rng.random() < 0.5:
            # A deadline column: the bare phrase, as registers keep it (these repeat).
            text = rng.choice((phrase, phrase, f"  {phrase.capitalize()} ", f"uiterlijk {phrase}"))
        else:
            # A whole promise: practically every one is different.
            text = rng.choice(SENTENCES).format(
                phrase=phrase,
                topic=rng.choice(TOPICS),
                dossier=rng.randint(21000, 36999),
                number=rng.randint(1, 400),
                member=rng.choice(MEMBERS),
                ministry=rng.choice(MINISTRIES),
            )
        if rng.random() < 0.25:
            lines.append(f"{text}\t{made_on.isoformat()}\t{rng.choice(('TK', 'EK', 'ek'))}")
        else:
            lines.append(f"{text}\t{made_on.isoformat()}")
    return lines


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    env.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)

    data = ("\n".join(make_lines(n, random.Random(2021))) + "\n").encode("utf-8")
    timings = []
    cpu_times = []
    for _ in range(runs):
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        completed = subprocess.run(
            [*manage, "parse_deadline", "--batch"], cwd=ROOT, env=env, input=data, capture_output=True, check=True
        )
        timings.append(time.perf_counter() - began)
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time too: on a shared machine the wall time also measures the neighbours.
        cpu_times.append(cpu_after.ru_utime - cpu_before.ru_utime + cpu_after.ru_stime - cpu_before.ru_stime)
        output = completed.stdout.decode("utf-8").splitlines()
        if len(output) != n:
            sys.exit(f"expected {n} output lines, got {len(output)}")
    results = [json.loads(line) for line in output]
    dated = sum(result["due_date"] is not None for result in results)
    unread = sum(result["rule"] == "unknown" for result in results)

    load = os.getloadavg()[0]
    print(f"parse_deadline --batch, {n} lines, {runs} runs (Django start-up included), load average {load:.1f}:")
    print("  wall:   " + ", ".join(f"{t:.2f} s" for t in timings))
    print("  cpu:    " + ", ".join(f"{t:.2f} s" for t in cpu_times))
    timings.sort()
    print(f"  best:   {timings[0]:.2f} s   median: {timings[len(timings) // 2]:.2f} s   budget: {BUDGET_SECONDS:.1f} s")
    print(f"  {dated} lines with a due date, {unread} not recognised or unreadable")
    if timings[len(timings) // 2] > BUDGET_SECONDS * n / 10_000:
        print("  OVER BUDGET")
        sys.exit(1)


if __name__ == "__main__":
    main()
