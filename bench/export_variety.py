"""Add the export's tricky cases to a database built by `bench/bench_list_pages.py`.

The list-pages bench gives every commitment the same shape (one Kamerstuk letter, one member).
To compare export outputs byte for byte (before and after a change to the export), this adds,
deterministically: papers of every citation kind (Kamerstukken with suffixes, Eerste Kamer,
Handelingen, Aanhangsel, unnumbered letters, Kamer document numbers) as sources and closing
letters, several recipients per commitment (parties alone, members without a party), several
closures, motions (with a Kamerstuk or a Zaak number only, signers, votes, obligations), text that
spreadsheets would run as a formula, quotes, line ends and semicolons, empty dates, and a few
archived rows. No history rows are written (bulk writes).

    DATABASE_URL=... .venv/bin/python bench/export_variety.py
"""

import datetime
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from commitments import models as m  # noqa: E402

TEXTS = [
    '=HYPERLINK("http://evil.example";"klik")',
    "+31 20 1234567 bellen",
    "-3 graden",
    "@SUM(A1:A9)",
    "\tingesprongen",
    "\rregel",
    "Met \"aanhalingstekens\", komma's; en puntkomma's",
    "Twee\nregels",
    "Windows\r\nregels",
    "Ünïcödé — “quotes” €",
]


def documents(rng):
    """Papers of every citation kind, made through save() so each gets its identifier."""
    start = datetime.date(2019, 1, 1)
    suffixed = m.Dossier.objects.create(number="36200", suffix="XVI", title="Begroting VWS")
    ek = m.Dossier.objects.create(number="33268", title="Eerste Kamer dossier")
    plain = m.Dossier.objects.get(number="31015", suffix="")
    made = []
    for i in range(1, 41):
        made.append(
            m.Document.objects.create(citation_kind="kamerstuk", dossier=suffixed, ondernummer=str(i), title="Brief")
        )
        made.append(
            m.Document.objects.create(
                citation_kind="kamerstuk",
                chamber="EK",
                dossier=ek,
                ondernummer=("" if i < 26 else "A") + chr(65 + i % 26),
                title="EK",
            )
        )
        made.append(
            m.Document.objects.create(
                citation_kind="handelingen", vergaderjaar="2020-2021", number=str(i), item=str(i % 7 + 1), title="Debat"
            )
        )
        made.append(
            m.Document.objects.create(
                citation_kind="aanhangsel", vergaderjaar="2021-2022", number=str(100 + i), title="Vragen"
            )
        )
        made.append(
            m.Document.objects.create(
                citation_kind="brief",
                kenmerk=f"{1702000 + i}-J",
                date=start + datetime.timedelta(days=i * 9),
                title="Brief",
            )
        )
        made.append(
            m.Document.objects.create(
                citation_kind="documentnummer", document_number=f"2024D{27000 + i:05d}", title="Doc"
            )
        )
        made.append(
            m.Document.objects.create(
                citation_kind="kamerstuk", dossier=plain, ondernummer=str(1000 + i), title="Brief"
            )
        )
    return made


def motions(rng, papers, people, parties, offices):
    plain = m.Dossier.objects.get(number="31015", suffix="")
    made = []
    for i in range(3000):
        if i % 3:
            paper = m.Document.objects.create(
                citation_kind="kamerstuk", dossier=plain, ondernummer=str(2000 + i), kind="motie", title="Motie"
            )
            zaak = f"2023Z{i:05d}" if i % 2 else None
        else:
            paper, zaak = None, f"2024Z{i:05d}"
        made.append(
            m.Motion(
                document=paper,
                zaak=zaak,
                title=TEXTS[i % len(TEXTS)] if i % 11 == 0 else f"Motie van het lid {i}",
                dictum="verzoekt de regering, iets te doen;" if i % 4 else "",
                filed_on=None if i % 9 == 0 else datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
                status=["ingediend", "aangenomen", "verworpen", "aangehouden"][i % 4],
                kabinetsappreciatie=["", "Oordeel Kamer", "Ontraden", "-ontijdig"][i % 4],
                archived_at=timezone.now() if i % 97 == 0 else None,
            )
        )
    m.Motion.objects.bulk_create(made, batch_size=1000)
    made = list(m.Motion.all_objects.order_by("pk"))
    signers = []
    for i, motion in enumerate(made):
        for n, person in enumerate(rng.sample(people, i % 4)):
            signers.append(
                m.MotionSigner(
                    motion=motion,
                    person=person,
                    party=person.party if n % 3 else None,
                    role="indiener" if n == (i % 3) % max(1, i % 4) else "medeindiener",
                    order=(n * 7) % 3,
                )
            )
    m.MotionSigner.objects.bulk_create(signers, batch_size=5000)
    decisions, votes = [], []
    for i, motion in enumerate(made):
        if i % 5 in (1, 2):
            for k in range(1 + i % 2):
                decisions.append(
                    m.MotionStatusChange(
                        motion=motion,
                        status=motion.status,
                        date=None if k and i % 4 == 1 else datetime.date(2021, 1, 1 + k),
                    )
                )
    m.MotionStatusChange.objects.bulk_create(decisions, batch_size=5000)
    for i, decision in enumerate(m.MotionStatusChange.objects.order_by("pk")):
        if i % 3 == 0:
            continue  # a decision without votes
        for n, party in enumerate(parties[: 3 + i % 5]):
            votes.append(
                m.Vote(
                    decision=decision,
                    party=party,
                    actor_name=party.abbreviation,
                    choice=["voor", "tegen", "niet deelgenomen"][n % 3],
                    seats=(n * 5 + i) % 30 + 1 if n % 4 else None,
                )
            )
    m.Vote.objects.bulk_create(votes, batch_size=5000)
    obligations = []
    for i, motion in enumerate(made):
        if motion.status == "aangenomen" or i % 10 == 0:
            office = rng.choice(offices)
            obligations.append(
                m.Commitment(
                    kind="motie",
                    motion=motion,
                    number="" if i % 7 else f"TZM{i:05d}",
                    text=f"Uitvoering van motie {i}",
                    office=office,
                    bewindspersoon_id=office.person_id,
                    ministry_id=office.ministry_id,
                    due_date=None if i % 6 == 0 else datetime.date(2022, 1, 1) + datetime.timedelta(days=i),
                    status=["openstaand", "voldaan", "deels voldaan"][i % 3],
                )
            )
    m.Commitment.objects.bulk_create(obligations, batch_size=5000)
    closures = []
    for i, obligation in enumerate(m.Commitment.objects.filter(kind="motie").order_by("pk")):
        for k in range(i % 3):
            closures.append(
                m.Closure(
                    commitment=obligation,
                    document=papers[(i * 3 + k * 11) % len(papers)],
                    fulfilment="volledig" if k else "gedeeltelijk",
                    closed_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=(i * 13 + k * 5) % 40),
                )
            )
    m.Closure.objects.bulk_create(closures, batch_size=5000)


def commitments(rng, papers, people, parties):
    activity = m.Activity.objects.create(kind="plenair debat", title='Plenair debat "Jeugdzorg"; deel 2')
    rows = list(m.Commitment.objects.filter(kind="toezegging").order_by("pk"))
    changed = []
    for i, c in enumerate(rows):
        if i % 5 == 1:
            c.source_document = papers[i % len(papers)]
        elif i % 5 == 2:
            c.source_activity = activity
        if i % 13 == 0:
            c.text = TEXTS[(i // 13) % len(TEXTS)]
        if i % 17 == 0:
            c.deadline_phrase = ["-", "=1+1", "", "voor de zomer; of later"][(i // 17) % 4]
        if i % 19 == 0:
            c.made_on = None
        if i % 23 == 0:
            c.due_date = None
        if i % 29 == 0:
            c.number = ""
        if i % 211 == 0:
            c.archived_at = timezone.now()
        changed.append(c)
    # One UPDATE per row through executemany (bulk_update's CASE per batch is quadratic).
    fields = [
        "source_document_id",
        "source_activity_id",
        "text",
        "deadline_phrase",
        "made_on",
        "due_date",
        "number",
        "archived_at",
    ]
    table = m.Commitment._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in fields)} WHERE id = %s",
            [[getattr(c, name) for name in fields] + [c.pk] for c in changed],
        )
    recipients, closures = [], []
    for i, c in enumerate(rows):
        if i % 7 == 0:
            recipients.append(m.CommitmentRecipient(commitment=c, party=parties[i % len(parties)]))
        if i % 11 == 0:
            recipients.append(m.CommitmentRecipient(commitment=c, person=people[i % len(people)]))
        if i % 3 == 0:
            for k in range(1 + i % 3):
                closures.append(
                    m.Closure(
                        commitment=c,
                        document=papers[(i + k * 37) % len(papers)],
                        fulfilment="gedeeltelijk",
                        closed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=(i * 7 + k * 3) % 300),
                    )
                )
    m.CommitmentRecipient.objects.bulk_create(recipients, batch_size=5000)
    m.Closure.objects.bulk_create(closures, batch_size=5000, ignore_conflicts=True)


def main():
    rng = random.Random(7)
    with transaction.atomic():
        papers = documents(rng)
        parties = list(m.Party.objects.order_by("pk"))
        members = list(m.Person.objects.filter(name__startswith="Kamerlid").order_by("pk"))
        loners = [m.Person.objects.create(name=f"Partijloos {i}") for i in range(5)]
        offices = list(m.Office.objects.order_by("pk"))
        commitments(rng, papers, members + loners, parties)
        motions(rng, papers, members + loners, parties, offices)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        m.Commitment.all_objects.count(),
        "commitments,",
        m.Motion.all_objects.count(),
        "motions,",
        m.Closure.objects.count(),
        "closures,",
        m.CommitmentRecipient.objects.count(),
        "recipients",
    )


if __name__ == "__main__":
    main()
