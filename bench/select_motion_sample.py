"""Select the hand-checked sample of motion texts (reproducible) and copy their publications.

    .venv/bin/python bench/select_motion_sample.py DIRECTORY [--out tests/data/motions]

From the motion publications in DIRECTORY (as read by ``deadline_inventory.py``), with seed 9:
160 texts whose dictum names a term (by the inventory's term finder) and 40 whose dictum names
none, in the order of the source. Writes ``publications.jsonl.gz`` (the publications unchanged)
and, when absent, ``sample.csv`` with the columns to fill in by hand (the expected term, due date
and class);
an existing ``sample.csv`` (the clerk's work) is never overwritten.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deadline_inventory import publications, terms_in  # noqa: E402

from commitments.deadlines.motion import motion_from_xml, request_span  # noqa: E402
from commitments.deadlines.text import normalise  # noqa: E402

SEED = 9
WITH_TERM = 160
WITHOUT_TERM = 40
COLUMNS = [
    "id",
    "publication",
    "date",
    "chamber",
    "dictum_excerpt",
    "expected_term",
    "expected_due",
    "expected_class",
    "note",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "tests/data/motions")
    args = parser.parse_args()
    with_term, without_term = [], []
    for name, xml in publications(args.directory):
        try:
            motion = motion_from_xml(xml)
        except ValueError:
            continue
        if motion.made_on is None:
            continue
        span = request_span(motion.text)
        if span is None:
            continue
        dictum = motion.text[span[0] : span[1]]
        item = (name, xml, motion, dictum)
        (with_term if terms_in(normalise(dictum)[0], motion.made_on.year) else without_term).append(item)
    rng = random.Random(SEED)
    chosen = set(rng.sample(range(len(with_term)), WITH_TERM))
    chosen_without = set(rng.sample(range(len(without_term)), WITHOUT_TERM))
    sample = [item for i, item in enumerate(with_term) if i in chosen]
    sample += [item for i, item in enumerate(without_term) if i in chosen_without]
    args.out.mkdir(parents=True, exist_ok=True)
    lines = "".join(
        json.dumps({"DocumentPublicatie_Id": name, "xml": xml}, ensure_ascii=False) + "\n" for name, xml, _, _ in sample
    )
    with (
        open(args.out / "publications.jsonl.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle,
    ):
        handle.write(lines.encode("utf-8"))  # mtime 0: the same selection gives the same bytes
    target = args.out / "sample.csv"
    if not target.exists():
        with open(target, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for name, _, motion, dictum in sample:
                excerpt = " ".join(dictum.split())[:300]
                writer.writerow(
                    [motion.identifier, name, motion.made_on.isoformat(), motion.chamber.value, excerpt, "", "", "", ""]
                )
    print(f"{len(sample)} texts ({len(with_term)} with a term, {len(without_term)} without in the source)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
