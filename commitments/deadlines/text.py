"""Reading Dutch text: folding case, accents and whitespace, and the number and month words.

Pure Python. Folding keeps one character for one character, so a match in the folded text maps
back to the words as written (``normalise`` returns the map when whitespace moved).
"""

from __future__ import annotations

import re
import unicodedata

from .calendar import MONTH_NAMES

# --------------------------------------------------------------------------------------------
# Normalising the text
# --------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """One character in, one character out, so positions in the folded text stay valid."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base, marks = decomposed[:1], decomposed[1:]
        # Only a letter plus accents ("ó" = "o" + U+0301); not ligatures such as "ĳ".
        if marks and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks):
            table[code] = base.lower()
    for code in (0x00A0, 0x2007, 0x2009, 0x200A, 0x202F, 0x2002, 0x2003):
        table[code] = " "
    for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014):
        table[code] = "-"
    table[0x2018] = table[0x2019] = "'"
    return table


_FOLD = _build_fold_table()
_WHITESPACE_RUN = re.compile(r"\s+")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower-case, accent-free, single-spaced text and a map back to the original positions.

    The map is None when positions did not move (the common case, kept cheap for batches).
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower-case to two ("İ"); keep those as they are.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    folded = lowered if lowered.isascii() else lowered.translate(_FOLD)
    # str.split() and the regex \s agree on what whitespace is; comparing is cheaper than a scan.
    if " ".join(folded.split()) == folded:
        return folded, None
    parts: list[str] = []
    positions: list[int] = []
    previous = 0
    for match in _WHITESPACE_RUN.finditer(folded):
        start, end = match.span()
        parts.append(folded[previous:start])
        positions.extend(range(previous, start))
        parts.append(" ")
        positions.append(start)
        previous = end
    parts.append(folded[previous:])
    positions.extend(range(previous, len(folded)))
    return "".join(parts), positions


_WORD = re.compile(r"[a-z0-9]+")
# Punctuation that separates words, for the cheap way of listing the words of ASCII text.
_SEPARATORS = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " "))


def words_of(norm: str) -> set[str]:
    """The words ([a-z0-9]+) of the normalised text, to pick the rules worth running."""
    if norm.isascii():
        return set(norm.translate(_SEPARATORS).split())
    return set(_WORD.findall(norm))


# Words for numbers, months and years

MONTH_NUMBERS = {name: index + 1 for index, name in enumerate(MONTH_NAMES)}
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
REL_OFFSETS = {
    "dit jaar": 0,
    "dit kalenderjaar": 0,
    "het lopende jaar": 0,
    "het jaar": None,  # "voor het einde van het jaar": no fixed year, first occurrence
    "volgend jaar": 1,
    "komend jaar": 1,
    "het komende jaar": 1,
    "het volgende jaar": 1,
    "volgend kalenderjaar": 1,
}
NUMBER_WORDS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "negentig": 90,
}
ORDINALS = {
    "eerste": 1,
    "1e": 1,
    "1ste": 1,
    "tweede": 2,
    "2e": 2,
    "2de": 2,
    "derde": 3,
    "3e": 3,
    "3de": 3,
    "vierde": 4,
    "4e": 4,
    "4de": 4,
    "laatste": None,  # the last one: depends on the count (half -> 2, quarter -> 4)
}
