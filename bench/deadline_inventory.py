"""Inventory: the deadline engine on the Kamer's real motion texts.

Runs every motion of a directory of publications through the engine and prints, by frequency,
the terms found in the dictums and how each was classed (a date with its precision, an event,
a condition, vague), the dictums in which a term was seen that the engine could not class, and
the share of term-naming dictums that got a date or a class.

The directory holds publications in the official-publication XML of the Kamer's open data:
``*.xml`` files, or ``*.jsonl`` / ``*.jsonl.gz`` files with one ``{"DocumentPublicatie_Id": …,
"xml": …}`` object per line (the form of ``DocumentPublicatie.xml.jsonl.gz``).

    .venv/bin/python bench/deadline_inventory.py DIRECTORY [--show N] [--budget SECONDS]

Whether a dictum "names a term" is decided by ``TERM_FINDER`` below, a list of temporal
phrases written independently of the engine's rules (a preposition of time before a recess,
season, budget document, month, year, duration, week, council, or a vague or conditional
phrase); a dictum counts when the finder sees a term there. The engine may also class a dictum
the finder passes over; those are counted apart and do not raise the share.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commitments.deadlines import DeadlineResult, default_calendar, derive_due_date  # noqa: E402
from commitments.deadlines.motion import MotionText, motion_from_xml, request_span  # noqa: E402
from commitments.deadlines.text import normalise  # noqa: E402

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_NUMBER = r"(?:[0-9]{1,3}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|achttien|vierentwintig|enkele)"
_UNIT = r"(?:dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)"
_NEXT = r"(?:volgende|eerstvolgende|komende|aankomende|eerstkomende)"
# Independent of the engine's rule table on purpose: what a reader would underline as a term.
TERM_FINDER = re.compile(
    r"(?<![a-z0-9])(?:"
    # recesses, seasons, the turn of the year
    r"(?:uiterlijk |nog |ruim |kort |direct |meteen |vlak )?(?:(?:voor|na|in|rond|deze|komende|aankomende|"
    r"in aanloop naar|voorafgaand aan) (?:het |de )?(?:"
    + _NEXT
    + r" )?|(?:tijdens|gedurende) (?:het |de )?"
    + _NEXT
    + r" )(?:[a-z-]*reces|zomer|kerst[a-z]*|voorjaar|najaar|lente|"
    r"herfst|jaarwisseling|zomervakantie|meivakantie|herfstvakantie|krokusvakantie)(?![a-z])(?! (?:van|voor) (?:de|het) )"
    # the budget cycle
    r"|(?:uiterlijk |ruim )?(?:voor|bij|met|in|uiterlijk bij) (?:de |het )?(?:" + _NEXT + r" )?(?:voorjaarsnota|"
    r"najaarsnota|miljoenennota|prinsjesdag|verantwoordingsdag)(?![a-z])"
    r"|(?:voor|bij|met) (?:de |het )?(?:" + _NEXT + r" )?jaarverslag(?![a-z])"
    r"|(?:voor|bij|in) (?:de )?(?:" + _NEXT + r" )?(?:ontwerp)?begroting(?: (?:voor |van )?(?:19|20)[0-9]{2})"
    r"|(?:voor|bij|in) de (?:" + _NEXT + r") begroting(?![a-z])"
    r"|(?:uiterlijk )?(?:voor|bij|tijdens|voorafgaand aan) (?:de |het )?(?:" + _NEXT + r" )?"
    r"(?:[a-z]+-)?(?:begrotingsbehandeling|begrotingsdebat|behandeling van de [a-z-]*begroting)"
    # months, dates, years
    r"|(?:uiterlijk |nog )?(?:voor|in|uiterlijk|per|vanaf|met ingang van|eind|einde|begin|medio|half|"
    r"halverwege|tegen) (?:[0-9]{1,2} )?(?:" + _MONTHS + r")(?![a-z])"
    r"|(?:uiterlijk |nog )?(?:voor|in|uiterlijk|per|vanaf|met ingang van|eind|einde|begin|medio|halverwege|"
    r"voor het einde van|in de loop van) (?:19|20)[0-9]{2}(?![0-9])"
    r"|(?:in het )?(?:eerste|tweede|derde|vierde|laatste) (?:kwartaal|helft)(?![a-z])"
    r"|(?:nog |uiterlijk |later |binnen |in )?(?<!van )dit (?:kalender)?jaar(?![a-z])|(?:in |begin |eind )?volgend jaar"
    # durations and weeks
    r"|(?:binnen|uiterlijk binnen|over|na|in de komende) " + _NUMBER + r" " + _UNIT + r"(?![a-z])"
    r"|(?:deze|volgende|komende) week(?![a-z])"
    # events: debates, reports, councils
    r"|(?:voor|bij|tijdens|voorafgaand aan|in aanloop naar) (?:het |de )?(?:" + _NEXT + r" )?(?:[a-z]+-)?"
    r"(?:commissiedebat|notaoverleg|wetgevingsoverleg|tweeminutendebat|plenaire debat|"
    r"voortgangsrapportage|voortgangsbrief)"
    r"|(?:in|bij|met) (?:de |het )?" + _NEXT + r" [a-z]*(?:rapportage|brief|monitor|nota|verslag)(?![a-z])"
    r"|(?:voor|bij|tijdens|op|voorafgaand aan) de " + _NEXT + r" (?:[a-z]+ )?[a-z-]*raad(?![a-z])"
    # vague and conditional
    r"|op (?:zo )?korte termijn|zo (?:snel|spoedig) (?:als )?mogelijk|z\.s\.m\.|binnenkort|met spoed|"
    r"per direct|onverwijld|zonder uitstel|te zijner tijd|op termijn(?![a-z])"
    r"|zodra|na afronding van|na ontvangst van|na (?:de )?publicatie van|na afloop van"
    r")"
)

# What the finder sees that a reader would not underline as this request's term: a year before
# the motion's own (history: "in december 2023", "voor de zomer van 2023"), a negated term ("niet
# per 1 augustus"), and "voor <jaar>" after a noun it belongs to ("de doelen voor 2030", "de
# begroting voor 2025": for that year, not before it).
_YEAR_IN_TERM = re.compile(r"(?:19|20)[0-9]{2}")
_FOR_NOUN = re.compile(
    r"(?:doel|doelen|klimaatdoel|doelstelling|doelstellingen|begroting|begrotingen|budget|middelen|miljoen|"
    r"miljard|euro|raming|norm|plafond|tarief|afspraken|ambitie|ambities|bezuinigingen|plannen|opgave) $"
)


def terms_in(dictum_norm: str, year: int) -> list[str]:
    """The terms the finder sees in a folded dictum of a motion made in ``year``."""
    terms = []
    for match in TERM_FINDER.finditer(dictum_norm):
        term = match.group()
        years = [int(y) for y in _YEAR_IN_TERM.findall(term)]
        if years and min(years) < year:
            continue
        before = dictum_norm[max(0, match.start() - 30) : match.start()]
        if before.endswith("niet "):
            continue
        if term.startswith("voor ") and years and _FOR_NOUN.search(before):
            continue
        terms.append(term)
    return terms


CLASS_LABELS = ("datum", "gebeurtenis", "voorwaarde", "vaag", "geen")


def result_class(result: DeadlineResult) -> str:
    """How the engine classed a text: datum (with precision), gebeurtenis, voorwaarde, vaag, geen."""
    if result.due_date is not None:
        return "datum"
    if result.anchor == "event":
        return "gebeurtenis"
    if result.anchor == "conditional":
        return "voorwaarde"
    if result.anchor == "vague":
        return "vaag"
    return "geen"


def family(text: str) -> str:
    """A term as a family: folded, years as JJJJ, numbers as N ("vóór 2025" -> "voor JJJJ")."""
    folded = normalise(text)[0]
    folded = re.sub(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", "JJJJ", folded)
    return re.sub(r"(?<![0-9A-Z])[0-9]{1,2}(?![0-9])", "N", folded)


def publications(directory: Path) -> Iterator[tuple[str, str]]:
    """(name, xml) for every publication in ``directory`` (sorted, so runs are reproducible)."""
    for path in sorted(directory.iterdir()):
        if path.suffix == ".xml":
            yield path.name, path.read_text(encoding="utf-8")
        elif path.name.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    if "xml" not in record:
                        break  # another entity's file (Zaak, Besluit …) in the same directory
                    yield str(record.get("DocumentPublicatie_Id") or f"{path.name}:{number}"), record["xml"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="a directory of motion publications (XML, JSONL)")
    parser.add_argument("--show", type=int, default=30, help="how many rows of each list to print")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds the engine may take in all")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is geen map")

    calendar = default_calendar()
    texts = unreadable = undated = without_dictum = crashes = 0
    named = classed = engine_only = 0
    by_term: Counter[tuple[str, str]] = Counter()
    classes: Counter[str] = Counter()
    missed: list[tuple[str, str, str]] = []
    missed_terms: Counter[str] = Counter()
    engine_seconds = 0.0
    began = time.perf_counter()
    for name, xml in publications(args.directory):
        texts += 1
        try:
            motion: MotionText = motion_from_xml(xml)
        except ValueError:
            unreadable += 1
            continue
        if motion.made_on is None:
            undated += 1
            continue
        text = motion.text
        span = request_span(text)
        if span is None:
            without_dictum += 1
        dictum = text[span[0] : span[1]] if span else text
        started = time.perf_counter()
        result = derive_due_date(text, motion.made_on, motion.chamber, calendar)
        engine_seconds += time.perf_counter() - started
        if "interne fout" in result.explanation:
            crashes += 1
        kind = result_class(result)
        seen = terms_in(normalise(dictum)[0], motion.made_on.year)
        if kind != "geen":
            label = f"{kind} ({result.precision})" if kind == "datum" else kind
            by_term[(family(result.matched_text), label)] += 1
        if seen:
            named += 1
            classes[kind] += 1
            if kind != "geen":
                classed += 1
            else:
                missed_terms.update(family(term) for term in seen)
                missed.append((motion.identifier or name, str(motion.made_on), ", ".join(seen)))
        elif kind != "geen":
            engine_only += 1
    elapsed = time.perf_counter() - began

    show = args.show
    print(f"Deadline inventory of {args.directory.name}: {texts} publications")
    print(f"  unreadable {unreadable}, without a date {undated}, without a request (read whole) {without_dictum}")
    print(f"  engine: {engine_seconds:.2f} s for {texts - unreadable - undated} texts; all in {elapsed:.2f} s")
    print(f"  texts on which the engine failed internally: {crashes}")
    print()
    print(f"Terms the engine found in the dictums, by frequency (top {show}):")
    for (term, label), count in by_term.most_common(show):
        print(f"  {count:5d}  {term!r:55} {label}")
    print()
    print("Dictums in which the term finder sees a term, by the engine's class:")
    for label in CLASS_LABELS:
        print(f"  {label:12} {classes[label]:5d}")
    print(f"  (the engine also classed {engine_only} dictums in which the finder saw no term)")
    print()
    print(f"Terms in dictums the engine could not class ({len(missed)} dictums; top {show} terms):")
    for term, count in missed_terms.most_common(show):
        print(f"  {count:5d}  {term!r}")
    print()
    print(f"Dictums the engine could not class (first {show}):")
    for identifier, made_on, seen_terms in missed[:show]:
        print(f"  {identifier:22} {made_on}  {seen_terms}")
    print()
    share = classed / named if named else 1.0
    print(
        f"Share dated or classed: {classed} of {named} dictums that name a term = {share:.1%} "
        f"(engine time {engine_seconds:.2f} s)"
    )
    over = engine_seconds > args.budget
    if over:
        print(f"OVER BUDGET: more than {args.budget:.0f} s")
    return 1 if over or crashes else 0


if __name__ == "__main__":
    sys.exit(main())
