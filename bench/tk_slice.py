"""Cut the small slice of the Kamer's open data that the tests use (tests/data/tk/term-2023-slice/).

    .venv/bin/python bench/tk_slice.py SOURCE_DIR OUT_DIR

SOURCE_DIR is the full term-2023 set (see tests/data/tk/term-2023-slice/README.md for its
provenance). The slice keeps named motions and everything that links to them: their agenda items,
decisions, votes, activities, papers and texts, every party and person, and a few tombstones.
Records are copied unchanged, one per line, in the source's order.
"""

import gzip
import json
import random
import sys
from pathlib import Path

NAMED_ZAKEN = {
    "a73b3250-d957-4edb-99f6-a6cebd3e6856",  # 2024Z11440, Kamerstuk 33997-183, adopted, party votes
    "26e45568-39fa-48b7-8141-2b5cf07bafa9",  # three motions on one agenda item (order rule)
    "584651b2-a354-4ef7-8533-4926ca55222d",
    "fe40c7af-8aed-4fa6-9500-824ba4363d2b",
    "c9cc4093-7c7d-4a66-a499-636dd290382d",  # a tombstone
}
ROLL_CALL_BESLUIT = "ddcf7e2e-45a4-44d6-b0df-95146dbec3c4"


def read(source: Path, entity: str):
    with gzip.open(source / f"{entity}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            yield line, json.loads(line)


def write(out: Path, entity: str, lines: list[str]) -> None:
    with gzip.open(out / f"{entity}.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(lines)
    print(f"{entity}: {len(lines)}")


def main(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2023)
    besluiten = {r["Id"]: r for _, r in read(source, "Besluit")}
    agenda = {r["Id"]: r for _, r in read(source, "Agendapunt")}
    roll_call_item = agenda[besluiten[ROLL_CALL_BESLUIT]["Agendapunt_Id"]]
    zaken_wanted = set(NAMED_ZAKEN) | {z["Id"] for z in roll_call_item["Zaak"]}
    # A mixed agenda item (a bill with its amendments) and twenty more agenda items with motions.
    with_cases = [a for a in agenda.values() if a.get("Zaak")]
    mixed = next(a for a in with_cases if len({z["Soort"] for z in a["Zaak"]}) > 1 and len(a["Zaak"]) <= 6)
    motions_only = [a for a in with_cases if all(z["Soort"] == "Motie" for z in a["Zaak"]) and len(a["Zaak"]) <= 4]
    for item in [mixed, *rng.sample(motions_only, 20)]:
        zaken_wanted |= {z["Id"] for z in item["Zaak"]}

    zaak_lines, documents, publications, old_motions, other_kinds = [], set(), set(), 0, 0
    for line, zaak in read(source, "Zaak"):
        keep = zaak["Id"] in zaken_wanted
        if not keep and zaak.get("Soort") == "Motie" and not zaak.get("Document") and old_motions < 5:
            keep, old_motions = True, old_motions + 1  # old motions without a Kamerstuk
        if not keep and zaak.get("Soort") == "Brief regering" and other_kinds < 3:
            keep, other_kinds = True, other_kinds + 1
        if keep:
            zaak_lines.append(line)
            zaken_wanted.add(zaak["Id"])
            for paper in zaak.get("Document") or []:
                documents.add(paper["Id"])
                for pub in (paper.get("HuidigeDocumentVersie") or {}).get("DocumentPublicatie") or []:
                    publications.add(pub["Id"])
    write(out, "Zaak", zaak_lines)

    items = {a["Id"] for a in agenda.values() if any(z["Id"] in zaken_wanted for z in a.get("Zaak") or [])}
    write(out, "Agendapunt", [line for line, a in read(source, "Agendapunt") if a["Id"] in items])
    activities = {agenda[i].get("Activiteit_Id") for i in items}
    decisions = {b["Id"] for b in besluiten.values() if b.get("Agendapunt_Id") in items}
    tombstones = [b["Id"] for b in besluiten.values() if b["Verwijderd"]][:3]
    decisions |= set(tombstones)
    write(out, "Besluit", [line for line, b in read(source, "Besluit") if b["Id"] in decisions])
    vote_lines = [line for line, s in read(source, "Stemming") if s.get("Besluit_Id") in decisions]
    vote_lines += [line for line, s in read(source, "Stemming") if s["Verwijderd"]][:2]
    write(out, "Stemming", vote_lines)
    write(out, "Activiteit", [line for line, a in read(source, "Activiteit") if a["Id"] in activities])
    write(out, "Document", [line for line, d in read(source, "Document") if d["Id"] in documents])
    for entity in ("Fractie", "Persoon"):
        write(out, entity, [line for line, _ in read(source, entity)])
    texts = []
    with gzip.open(source / "DocumentPublicatie.xml.jsonl.gz", "rt", encoding="utf-8") as handle:
        texts = [line for line in handle if json.loads(line)["DocumentPublicatie_Id"] in publications]
    write(out, "DocumentPublicatie.xml", texts)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
