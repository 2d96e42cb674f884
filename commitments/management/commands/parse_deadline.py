"""Derive a due date from a Dutch deadline phrase, once or for a batch of lines.

    manage.py parse_deadline "voor de zomer van 2021" --made-on 2021-01-27 [--kamer EK] [--json]
    manage.py parse_deadline --batch < lines.tsv

A batch line is ``phrase<TAB>made_on[<TAB>kamer]``; every line gives one JSON object, in order.
A line that cannot be read gives null dates and precision "none" (rule "unknown", the reason in
the explanation), so the output always lines up with the input. The recess calendar is read
from the database once.
"""

import json
import re
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from commitments.deadlines import ANCHOR_LABELS, PRECISION_LABELS, derive_due_date, unknown_result
from commitments.deadlines.calendar import CHAMBER_NAMES, WEEKDAY_ABBREVIATIONS, format_date, normalise_chamber
from commitments.models import Chamber
from commitments.selectors.calendar import calendar_from_database

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_HINT = "verwacht JJJJ-MM-DD, bijvoorbeeld 2021-01-27"


def parse_made_on(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD only), or None."""
    text = (text or "").strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class Command(BaseCommand):
    help = (
        "Leidt de uiterste datum af uit een termijn zoals 'voor de zomer van 2021', met de "
        "receskalender uit de database. Met --batch: regels 'termijn<TAB>datum[<TAB>kamer]' "
        "van standaardinvoer, één JSON-object per regel."
    )
    # call_command(..., stdin=StringIO(...)) in tests, as Django's own createsuperuser does.
    stealth_options = ("stdin",)
    # A read-only lookup tool: the project's system checks (URLs, admin) add about half a
    # second of start-up that a batch run pays for nothing; `manage.py check` still runs them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("phrase", nargs="?", help="De termijn zoals gezegd, of de hele toezegging.")
        parser.add_argument("--made-on", dest="made_on", help="Datum van de toezegging (JJJJ-MM-DD).")
        parser.add_argument(
            "--kamer",
            "--chamber",
            dest="chamber",
            default=Chamber.TK.value,
            type=str.upper,
            choices=Chamber.values,
            help="Kamer waarvan de recessen gelden (standaard TK; in --batch de standaard per regel).",
        )
        parser.add_argument("--json", action="store_true", help="Eén JSON-object in plaats van leesbare tekst.")
        parser.add_argument("--batch", action="store_true", help="Lees regels van standaardinvoer.")

    def handle(self, *args, **options):
        try:
            chamber = normalise_chamber(options["chamber"] or Chamber.TK)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["batch"]:
            if options["phrase"]:
                raise CommandError("Geef geen termijn op de opdrachtregel samen met --batch.")
            self._batch(options.get("stdin") or sys.stdin, chamber, self._calendar())
            return
        phrase = options["phrase"]
        if phrase is None:
            raise CommandError('Geef een termijn op, bijvoorbeeld "voor de zomer", of gebruik --batch.')
        if not options["made_on"]:
            raise CommandError(f"Geef de datum van de toezegging met --made-on ({_DATE_HINT}).")
        made_on = parse_made_on(options["made_on"])
        if made_on is None:
            raise CommandError(f"Ongeldige datum voor --made-on: {options['made_on']!r} ({_DATE_HINT}).")
        result = derive_due_date(phrase, made_on, chamber, self._calendar())
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self._print_readable(phrase, made_on, chamber, result)

    def _calendar(self):
        try:
            return calendar_from_database()
        except DatabaseError as error:
            raise CommandError(
                f"De receskalender kon niet uit de database worden gelezen ({error}); draai eerst 'manage.py migrate'."
            ) from error

    def _batch(self, stream, default_chamber, calendar):
        # Read bytes where there are any, so one badly encoded line cannot stop the batch.
        lines = (raw.decode("utf-8", "replace") for raw in stream.buffer) if hasattr(stream, "buffer") else stream
        write = self.stdout.write
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\r\n")
            write(json.dumps(self._batch_line(number, line, default_chamber, calendar)))

    @staticmethod
    def _batch_line(number, line, default_chamber, calendar) -> dict:
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            why = f"verwacht termijn<TAB>datum[<TAB>kamer], kreeg {len(fields)} veld(en)"
            return unknown_result(f"regel {number} niet gelezen: {why}").as_dict()
        made_on = parse_made_on(fields[1])
        if made_on is None:
            why = f"ongeldige datum {fields[1].strip()[:40]!r} ({_DATE_HINT})"
            return unknown_result(f"regel {number} niet gelezen: {why}").as_dict()
        chamber = default_chamber
        if len(fields) == 3 and fields[2].strip():
            try:
                chamber = normalise_chamber(fields[2])
            except ValueError:
                why = f"onbekende Kamer {fields[2].strip()[:20]!r} (TK of EK)"
                return unknown_result(f"regel {number} niet gelezen: {why}").as_dict()
        return derive_due_date(fields[0], made_on, chamber, calendar).as_dict()

    def _print_readable(self, phrase, made_on, chamber, result):
        def day(value):
            return f"{WEEKDAY_ABBREVIATIONS[value.weekday()]} {format_date(value)}" if value else "-"

        rows = [
            ("Termijn", phrase),
            ("Toegezegd op", f"{format_date(made_on)} ({CHAMBER_NAMES[chamber]})"),
            ("Uiterste datum", day(result.due_date)),
            ("Vroegste datum", day(result.earliest_date)),
            ("Precisie", f"{PRECISION_LABELS[result.precision]} ({result.precision})"),
            ("Anker", f"{ANCHOR_LABELS[result.anchor]} ({result.anchor})"),
            ("Regel", result.rule),
            ("Uitleg", result.explanation),
            ("Terugkerend", "ja" if result.recurring else "nee"),
            ("Gebeurtenis", result.event or "-"),
            ("Gevonden tekst", result.matched_text or "-"),
        ]
        width = max(len(label) for label, _ in rows) + 1
        for label, value in rows:
            self.stdout.write(f"{label + ':':<{width}} {value}")
