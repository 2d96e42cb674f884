"""Citations of parliamentary papers: one parser, one canonical format.

Every place in the project that reads or writes a reference to a Kamerstuk, a
Handelingen item or an Aanhangsel Handelingen goes through this module. Readers
(`parse_citation`, `find_citations`) accept the many ways ministries and clerks
write a reference; writers (`Citation.citation`, `.slug`, `.official_url`) produce
exactly one form each.

Pure Python on purpose: no Django imports, so models, forms, management commands
and the deadline engine can all use it, and the tests need no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .deadlines.vocabulary import Chamber

__all__ = [
    "AANHANGSEL",
    "EK",
    "HANDELINGEN",
    "KAMERSTUK",
    "KINDS",
    "OFFICIAL_BASE_URL",
    "TK",
    "Citation",
    "CitationError",
    "find_citations",
    "format_vergaderjaar",
    "parse_citation",
    "parse_dossier",
    "parse_vergaderjaar",
]

KAMERSTUK = "kamerstuk"
HANDELINGEN = "handelingen"
AANHANGSEL = "aanhangsel"
KINDS = (KAMERSTUK, HANDELINGEN, AANHANGSEL)

# The chambers are the engine's vocabulary; the short names stay for the readers of this module.
TK = Chamber.TK
EK = Chamber.EK

OFFICIAL_BASE_URL = "https://zoek.officielebekendmakingen.nl/"

# The Staten-Generaal have met since 1814; anything outside this range is a typo.
FIRST_VERGADERJAAR = 1814
LAST_VERGADERJAAR = 2100

# Upper bounds that no real paper comes near (the largest dossiers hold a few
# thousand papers, a year has about 110 plenary sittings and 4,000 answers to
# written questions); a bigger number is a typo, not a citation.
MAX_ONDERNUMMER = 9999
MAX_SITTING_NUMBER = 999
MAX_ITEM = 999
MAX_AANHANGSEL_NUMBER = 9999

_EXAMPLES = "Voorbeelden: 'Kamerstuk 31 015, nr. 192', 'Handelingen II 2020/21, nr. 19, item 8'."
_MAX_INPUT_LENGTH = 500


class CitationError(ValueError):
    """A text that is not a valid citation.

    The message is a complete Dutch sentence that names the offending input, fit to
    show to a clerk in a form error.
    """


class _Invalid(Exception):
    """Internal: why a citation is invalid, as a Dutch clause (no capital, no period)."""


# --------------------------------------------------------------------------- text

# Every kind of space and dash that turns up in copied parliamentary text, mapped
# to a plain space or hyphen: "31 015" (thin space), "2019–2020" (en dash).
_NORMALISE = str.maketrans(
    {
        **dict.fromkeys(
            "\t\n\r\x0c\x0b\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000",
            " ",
        ),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\xad\u200b\u200c\u200d\u2060\ufeff"),
    }
)


def _normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def _quote(text: str) -> str:
    text = text.strip()
    if len(text) > 80:
        text = text[:77] + "..."
    return f"'{text}'"


def _unrecognised(text: str) -> CitationError:
    if not text.strip():
        return CitationError(f"Er is geen verwijzing opgegeven. {_EXAMPLES}")
    return CitationError(f"{_quote(text)} is geen herkenbare verwijzing. {_EXAMPLES}")


def _invalid(text: str, reason: _Invalid) -> CitationError:
    return CitationError(f"{_quote(text)} is geen geldige verwijzing: {reason}.")


# ------------------------------------------------------------------- vergaderjaar

_VERGADERJAAR_RE = re.compile(
    r"(?P<start>\d{4})\s*[-/]\s*(?P<end>\d{4}|\d{2})|(?P<start8>\d{4})(?P<end8>\d{4})", re.ASCII
)


def _vergaderjaar_start(text: str) -> int:
    """Return the first year of a vergaderjaar in any accepted spelling, or raise _Invalid."""
    match = _VERGADERJAAR_RE.fullmatch(_normalise(text).strip())
    if not match:
        raise _Invalid(f"'{text}' is geen vergaderjaar (schrijf bijvoorbeeld 2019/20)")
    start = int(match["start"] or match["start8"])
    end = match["end"] or match["end8"]
    consecutive = int(end) == start + 1 if len(end) == 4 else int(end) == (start + 1) % 100
    if not consecutive:
        raise _Invalid(
            f"het vergaderjaar {text.strip()} beslaat geen twee opeenvolgende jaren (schrijf bijvoorbeeld 2019/20)"
        )
    if not FIRST_VERGADERJAAR <= start <= LAST_VERGADERJAAR:
        raise _Invalid(f"het vergaderjaar {text.strip()} kan niet bestaan")
    return start


def parse_vergaderjaar(text: str) -> str:
    """Normalise a vergaderjaar (parliamentary year) to its long form.

    Accepts "2019/20", "2019/2020", "2019-20", "2019-2020", "2019–2020" (en dash),
    "2019 - 2020" and the compact "20192020" used in official identifiers, and
    returns "2019-2020". Raises CitationError (Dutch message) when the years are
    not consecutive or the text is no vergaderjaar at all.
    """
    try:
        start = _vergaderjaar_start(text)
    except _Invalid as reason:
        raise CitationError(f"Geen geldig vergaderjaar: {reason}.") from None
    return f"{start}-{start + 1}"


def format_vergaderjaar(vergaderjaar: str, style: str = "long") -> str:
    """Write a vergaderjaar in one of the three forms the papers use.

    `style` is "long" ("2019-2020", how we store it), "short" ("2019/20", as printed
    in citations) or "compact" ("20192020", as in official identifiers such as
    h-tk-20192020-19-8). Any spelling `parse_vergaderjaar` accepts is a valid input.
    """
    start = int(parse_vergaderjaar(vergaderjaar)[:4])
    if style == "long":
        return f"{start}-{start + 1}"
    if style == "short":
        return f"{start}/{(start + 1) % 100:02d}"
    if style == "compact":
        return f"{start}{start + 1}"
    raise ValueError(f"Unknown vergaderjaar style {style!r}; use 'long', 'short' or 'compact'.")


# ------------------------------------------------------------------ field checks

_DOSSIER_NUMBER_RE = re.compile(r"[1-9]\d{4}", re.ASCII)
# Budget chapters in Roman numerals (XVI), funds as letters (A, J), the older IXB,
# and the numbered sub-dossiers of 21501 (21501-20).
_DOSSIER_SUFFIX_RE = re.compile(r"[A-Z]{1,6}|[0-9]{1,2}", re.ASCII)
# Eerste Kamer papers are lettered: A, F, AB, ...
_EK_LETTER_RE = re.compile(r"[A-Z]{1,3}", re.ASCII)


def _number(value: str, maximum: int, what: str) -> str:
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        raise _Invalid(f"{what} '{value}' is geen getal")
    if not 1 <= int(value) <= maximum:
        raise _Invalid(f"{what} {value} kan niet kloppen")
    return str(int(value))


def _chamber(value: str) -> Chamber:
    chamber = {"TK": TK, "II": TK, "EK": EK, "I": EK}.get(value.strip().upper())
    if chamber is None:
        raise _Invalid(f"'{value}' is geen Kamer (gebruik TK of EK)")
    return chamber


def _split_dossier(text: str) -> tuple[str, str]:
    match = _DOSSIER_RE.fullmatch(_normalise(text).strip())
    if not match:
        raise _Invalid(f"'{text}' is geen dossiernummer (zoals 31 015 of 36 200 XVI)")
    return _dossier_number(match["dossier"]), _suffix(match)


def _dossier_number(value: str) -> str:
    digits = value.replace(" ", "")
    if not _DOSSIER_NUMBER_RE.fullmatch(digits):
        raise _Invalid(f"het dossiernummer {value} bestaat niet")
    return digits


def _suffix(match: re.Match[str]) -> str:
    return (match["suffix_h"] or match["suffix_s"] or "").upper()


def _kamerstuk_fields(dossier: str, suffix: str, ondernummer: str, chamber: str, vergaderjaar: str) -> dict[str, Any]:
    """Validate and normalise the fields of a Kamerstuk; raise _Invalid."""
    dossier_number = _dossier_number(dossier)
    suffix = suffix.strip().upper()
    if suffix and not _DOSSIER_SUFFIX_RE.fullmatch(suffix):
        raise _Invalid(f"'{suffix}' is geen toevoeging van een dossiernummer (zoals XVI of A)")
    ondernummer = ondernummer.strip().upper()
    if chamber == EK:
        if not _EK_LETTER_RE.fullmatch(ondernummer):
            raise _Invalid(
                "stukken van de Eerste Kamer hebben een letter, geen nummer, "
                "zoals in 'Kamerstukken I 2019/20, 33 268, F'"
            )
    elif _EK_LETTER_RE.fullmatch(ondernummer):
        raise _Invalid(
            "stukken van de Tweede Kamer hebben een nummer; een letter "
            "hoort bij de Eerste Kamer, zoals in 'Kamerstukken I 2019/20, 33 268, F'"
        )
    else:
        ondernummer = _number(ondernummer, MAX_ONDERNUMMER, "het stuknummer")
    return {
        "kind": KAMERSTUK,
        "chamber": chamber,
        "dossier_number": dossier_number,
        "dossier_suffix": suffix,
        "ondernummer": ondernummer,
        "vergaderjaar": _long_vergaderjaar(vergaderjaar) if vergaderjaar else "",
    }


def _long_vergaderjaar(text: str) -> str:
    start = _vergaderjaar_start(text)
    return f"{start}-{start + 1}"


def _handelingen_fields(chamber: str, vergaderjaar: str, number: str, item: str) -> dict[str, Any]:
    if not vergaderjaar:
        raise _Invalid("het vergaderjaar ontbreekt, zoals in 'Handelingen II 2020/21, nr. 19, item 8'")
    if not item:
        raise _Invalid("het agendapunt (item) ontbreekt, zoals in 'Handelingen II 2020/21, nr. 19, item 8'")
    return {
        "kind": HANDELINGEN,
        "chamber": chamber,
        "vergaderjaar": _long_vergaderjaar(vergaderjaar),
        "number": _number(number, MAX_SITTING_NUMBER, "het vergaderingnummer"),
        "item": _number(item, MAX_ITEM, "het agendapunt"),
    }


def _aanhangsel_fields(chamber: str, vergaderjaar: str, number: str) -> dict[str, Any]:
    if not vergaderjaar:
        raise _Invalid("het vergaderjaar ontbreekt, zoals in 'Aanhangsel Handelingen II 2020/21, nr. 1139'")
    return {
        "kind": AANHANGSEL,
        "chamber": chamber,
        "vergaderjaar": _long_vergaderjaar(vergaderjaar),
        "number": _number(number, MAX_AANHANGSEL_NUMBER, "het nummer van het Aanhangsel"),
    }


# ---------------------------------------------------------------------- citation


@dataclass(frozen=True)
class Citation:
    """One citable parliamentary paper: a Kamerstuk, a Handelingen item or an Aanhangsel.

    Fields hold canonical values only (digits without spaces, upper-case letters,
    vergaderjaar as "2019-2020"); use `parse_citation` or the `kamerstuk`,
    `handelingen` and `aanhangsel` constructors to build one from looser input.
    A Kamerstuk's vergaderjaar is optional and not part of its identity: compare
    `slug`s, or `identity()`, to ask whether two citations name the same paper.
    """

    kind: str
    chamber: Chamber = TK
    dossier_number: str = ""
    dossier_suffix: str = ""
    ondernummer: str = ""
    vergaderjaar: str = ""
    number: str = ""
    item: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise CitationError(f"Onbekende soort verwijzing '{self.kind}'.")
        if self.chamber not in tuple(Chamber):
            raise CitationError(f"Onbekende Kamer '{self.chamber}': gebruik TK of EK.")
        if not isinstance(self.chamber, Chamber):  # "TK" as a plain string: store the member
            object.__setattr__(self, "chamber", Chamber(self.chamber))
        try:
            if self.kind == KAMERSTUK:
                expected = _kamerstuk_fields(
                    self.dossier_number,
                    self.dossier_suffix,
                    self.ondernummer,
                    self.chamber,
                    self.vergaderjaar,
                )
            elif self.kind == HANDELINGEN:
                expected = _handelingen_fields(self.chamber, self.vergaderjaar, self.number, self.item)
            else:
                expected = _aanhangsel_fields(self.chamber, self.vergaderjaar, self.number)
        except _Invalid as reason:
            raise CitationError(f"Ongeldige verwijzing: {reason}.") from None
        # Fields must already be canonical, or equal citations would differ.
        for name in ("dossier_number", "dossier_suffix", "ondernummer", "vergaderjaar", "number", "item"):
            value, wanted = getattr(self, name), expected.get(name, "")
            if value != wanted:
                raise CitationError(f"Ongeldige verwijzing: veld {name} is '{value}', in de standaardvorm '{wanted}'.")

    # -- constructors that normalise their input

    @classmethod
    def kamerstuk(
        cls,
        dossier: str,
        ondernummer: str | int,
        *,
        suffix: str = "",
        chamber: str = TK,
        vergaderjaar: str = "",
    ) -> Citation:
        """Build a Kamerstuk citation from loosely written parts.

        `dossier` may be "31 015", "31015" or include its suffix ("36200-XVI");
        `chamber` is "TK"/"II" or "EK"/"I"; `vergaderjaar` any accepted spelling.
        Raises CitationError for invalid parts.
        """
        try:
            number, embedded_suffix = _split_dossier(dossier)
            if embedded_suffix and suffix:
                raise _Invalid(f"het dossier '{dossier}' heeft al een toevoeging")
            fields = _kamerstuk_fields(
                number,
                suffix or embedded_suffix,
                str(ondernummer),
                _chamber(chamber),
                vergaderjaar,
            )
        except _Invalid as reason:
            raise CitationError(f"Ongeldige verwijzing: {reason}.") from None
        return cls(**fields)

    @classmethod
    def handelingen(cls, vergaderjaar: str, number: str | int, item: str | int, *, chamber: str = TK) -> Citation:
        """Build a Handelingen citation (sitting `number`, agenda `item`) from loose parts."""
        try:
            fields = _handelingen_fields(_chamber(chamber), vergaderjaar, str(number), str(item))
        except _Invalid as reason:
            raise CitationError(f"Ongeldige verwijzing: {reason}.") from None
        return cls(**fields)

    @classmethod
    def aanhangsel(cls, vergaderjaar: str, number: str | int, *, chamber: str = TK) -> Citation:
        """Build an Aanhangsel Handelingen citation (answers to written questions)."""
        try:
            fields = _aanhangsel_fields(_chamber(chamber), vergaderjaar, str(number))
        except _Invalid as reason:
            raise CitationError(f"Ongeldige verwijzing: {reason}.") from None
        return cls(**fields)

    # -- canonical forms

    @property
    def dossier_slug(self) -> str:
        """The dossier as an identifier: "31015" or "36200-XVI"; "" for Handelingen."""
        if self.kind != KAMERSTUK:
            return ""
        if self.dossier_suffix:
            return f"{self.dossier_number}-{self.dossier_suffix}"
        return self.dossier_number

    @property
    def _document_id(self) -> str:
        # The identifier Officiële Bekendmakingen uses, without the kst- prefix.
        return f"{self.dossier_slug}-{self.ondernummer}"

    @property
    def citation(self) -> str:
        """The one canonical way we write this citation (`format_citation`)."""
        return format_citation(
            self.kind,
            self.chamber,
            self.dossier_number,
            self.dossier_suffix,
            self.ondernummer,
            self.vergaderjaar,
            self.number,
            self.item,
        )

    @property
    def slug(self) -> str:
        """A URL-safe identifier, unique per paper: our URLs and database keys use it.

        "31015-192", "36200-XVI-22", "ek-33268-F", "h-tk-20202021-19-8",
        "ah-tk-20202021-1139". `parse_citation` reads it back.
        """
        if self.kind == KAMERSTUK:
            return self._document_id if self.chamber == TK else f"ek-{self._document_id}"
        return self._official_id

    @property
    def _official_id(self) -> str:
        if self.kind == KAMERSTUK:
            return f"kst-{self._document_id}"
        prefix = "h" if self.kind == HANDELINGEN else "ah"
        year = format_vergaderjaar(self.vergaderjaar, "compact")
        tail = f"-{self.item}" if self.kind == HANDELINGEN else ""
        return f"{prefix}-{self.chamber.lower()}-{year}-{self.number}{tail}"

    @property
    def official_url(self) -> str:
        """Where the paper is published on zoek.officielebekendmakingen.nl."""
        return f"{OFFICIAL_BASE_URL}{self._official_id}.html"

    def identity(self) -> Citation:
        """This citation reduced to what identifies the paper.

        A Kamerstuk loses its vergaderjaar (dossier and number identify it);
        Handelingen and Aanhangsel keep theirs, because their numbers restart
        every year.
        """
        if self.kind == KAMERSTUK and self.vergaderjaar:
            return Citation(
                kind=self.kind,
                chamber=self.chamber,
                dossier_number=self.dossier_number,
                dossier_suffix=self.dossier_suffix,
                ondernummer=self.ondernummer,
            )
        return self

    def __str__(self) -> str:
        return self.citation


def format_citation(
    kind: str,
    chamber: str,
    dossier_number: str,
    dossier_suffix: str,
    ondernummer: str,
    vergaderjaar: str,
    number: str,
    item: str,
) -> str:
    """The one canonical way we write a citation, from its canonical parts (as a `Citation` holds
    them, or as a stored Document has them: already validated, so a whole export can write its
    papers without building a Citation for each).

    "Kamerstuk 31015-192", "Kamerstuk 36200-XVI-22", "Kamerstuk I 33268-F",
    "Handelingen II 2020/21, nr. 19, item 8",
    "Aanhangsel Handelingen II 2020/21, nr. 1139".
    """
    if kind == KAMERSTUK:
        dossier = f"{dossier_number}-{dossier_suffix}" if dossier_suffix else dossier_number
        return f"Kamerstuk{' I' if chamber == EK else ''} {dossier}-{ondernummer}"
    roman_chamber = "II" if chamber == TK else "I"
    year = format_vergaderjaar(vergaderjaar, "short")
    if kind == HANDELINGEN:
        return f"Handelingen {roman_chamber} {year}, nr. {number}, item {item}"
    return f"Aanhangsel Handelingen {roman_chamber} {year}, nr. {number}"


# ----------------------------------------------------------------------- grammar
#
# The same patterns serve parse_citation (fullmatch on a normalised string, any
# letter case) and find_citations (search in running text, where upper-case is
# required for suffixes and Eerste Kamer letters, and a bare "I" is not read as a
# chamber, to avoid matching ordinary words).

_VJ = r"\d{4}\s*[-/]\s*(?:\d{4}|\d{2})(?!\d)"
_SEP = r"(?:\s*,\s*|\s+)"
_NOT_A_WORD = r"(?!(?:nrs?|nummers?|en|item)\b)"


def _kamerstuk_pattern(strict: bool) -> str:
    upper = "(?-i:[A-Z])" if strict else "[A-Z]"
    standalone_chamber = "(?-i:TK|EK)" if strict else "II|I|TK|EK"
    suffix = rf"""
        (?:
            \s*-\s*(?P<suffix_h>{upper}{{1,6}}|\d{{1,2}})(?!\w)
          | \s+{_NOT_A_WORD}(?P<suffix_s>{upper}{{1,6}})(?!\w)
        )?
    """
    # The numbers after "nr."; a list ("nrs. 240 en 248", "nr. 240 en nr. 248")
    # takes a bare comma only after the plural, so that "nr. 192, 20 juli" stays one
    # number, and never a number that starts the next dossier ("en 35 388, nr. 2").
    list_number = r"\d{1,4}(?![\d-]|\s\d{3}(?!\d))"
    numbers = rf"""
        (?P<numbers>\d+
            (?:
                (?:\s+en\s+|\s*&\s*|\s*,\s*(?=n)|(?(plural)\s*,\s*|(?!)))
                (?:(?:nrs?|nummers?)\.?\s*)?
                {list_number}
            )*
        )
    """
    return rf"""
        (?:
            (?:
                (?P<doc>kamerstukken|kamerstuk|kst\.?)
              | (?P<house>tweede|eerste)\s+kamer(?:\s+der\s+staten-generaal)?
            )
            {_SEP}
            (?:(?P<chamber>II|I|TK|EK)\b{_SEP})?
          | (?P<chamber2>{standalone_chamber})(?:\s*[,:-]\s*|\s+)
        )?
        (?:(?:vergaderjaar\s+)?(?P<vj>{_VJ}){_SEP})?
        (?<!\d)(?P<dossier>\d{{2}}\ ?\d{{3}})(?!\d)
        {suffix}
        (?:
            \s*,?\s*(?:nr|nummer)(?P<plural>s)?\.?\s*{numbers}
          | \s*-\s*(?P<number>\d+)
          | (?:\s*[,-]\s*|\s+){_NOT_A_WORD}(?P<letter>{upper}{{1,3}})
        )
        (?!\w|-\w)
    """


def _handelingen_pattern(strict: bool) -> str:
    standalone_chamber = "(?-i:TK|EK)" if strict else "TK|EK|II|I"
    return rf"""
        (?:
            (?P<aanh>aanhangsel(?:\s+(?:van\s+)?de)?\s+|aanh\.\s*)?
            handelingen{_SEP}
            (?:(?P<chamber>II|I|TK|EK)\b{_SEP})?
            (?:(?:vergaderjaar\s+)?(?P<vj>{_VJ}){_SEP})?
            (?:(?P<aanh2>aanhangsel){_SEP})?
            (?:nr|nummer)\.?\s*(?P<number>\d+)(?!\d)
            (?:\s*,\s*item\s*(?P<item>\d+)(?!\d))?
          |
            # "EK 2016/2017, nr. 19, item 5": without the word Handelingen only
            # the item makes it a Handelingen citation.
            (?P<chamber2>{standalone_chamber}){_SEP}
            (?P<vj2>{_VJ}){_SEP}
            (?:nr|nummer)\.?\s*(?P<number2>\d+)\s*,\s*item\s*(?P<item2>\d+)(?!\d)
        )
        (?!\w)
    """


def _official_id_pattern(strict: bool) -> str:
    upper = "(?-i:[A-Z])" if strict else "[A-Z]"
    return rf"""
        (?:
            (?P<prefix>kst|ek)-(?P<dossier>\d{{5}})
            (?:-(?P<suffix>{upper}{{1,6}}|\d{{1,2}}))?
            -(?P<ondernummer>\d+|{upper}{{1,3}})
          |
            (?P<h>ah|h)-(?P<chamber>tk|ek)-(?P<vj>\d{{8}})-(?P<number>\d+)(?:-(?P<item>\d+))?
        )
    """


_FLAGS = re.IGNORECASE | re.VERBOSE

_KAMERSTUK_RE = re.compile(_kamerstuk_pattern(strict=False), _FLAGS)
_HANDELINGEN_RE = re.compile(_handelingen_pattern(strict=False), _FLAGS)
# A bare id, or a URL on officielebekendmakingen.nl (or repository.overheid.nl) that
# ends in one, with or without .html and a query string.
_OFFICIAL_RE = re.compile(
    rf"""
    (?:(?:https?://)?(?:[\w-]+\.)*(?:officielebekendmakingen|overheid)\.nl/(?:\S*/)?)?
    {_official_id_pattern(strict=False)}
    (?:\.(?:html?|pdf|xml|odt)|/\S*)?
    (?:[?#]\S*)?
    """,
    _FLAGS,
)
# "Zij krijgt nr. 205 (31015)": how the chair numbers a motion in a transcript.
_MOTION_NUMBER_RE = re.compile(
    r"""
    \bnr\.?\s*(?P<number>\d{1,4})\s*
    \(\s*(?:kamerstuk\s+)?(?P<dossier>\d{2}\ ?\d{3})(?!\d)
    (?:\s*-\s*(?P<suffix>(?-i:[A-Z]){1,6}|\d{1,2}))?\s*\)
    """,
    _FLAGS,
)
_DOSSIER_PATTERN = rf"""
    (?P<dossier>\d{{2}}\ ?\d{{3}})(?!\d)
    (?:\s*-\s*(?P<suffix_h>[A-Z]{{1,6}}|\d{{1,2}})|\s+{_NOT_A_WORD}(?P<suffix_s>[A-Z]{{1,6}}))?
"""
_DOSSIER_RE = re.compile(rf"(?:(?:kamerstukdossier|kamerstukken|kamerstuk|dossier)\s+)?{_DOSSIER_PATTERN}", _FLAGS)
# A dossier without a paper number, to explain what is missing.
_DOSSIER_ONLY_RE = re.compile(
    rf"""
    (?:
        (?:kamerstukdossier|kamerstukken|kamerstuk|dossier)\s*(?:II|I|TK|EK)?{_SEP}
      | (?:II|I|TK|EK)\s+
    )?
    (?:(?:vergaderjaar\s+)?{_VJ}{_SEP})?
    {_DOSSIER_PATTERN}
    (?:\s*,?\s*(?:nrs?|nummers?)\.?)?
    """,
    _FLAGS,
)


# ---------------------------------------------------------------- from matches


def _chamber_of_kamerstuk(match: re.Match[str]) -> str | None:
    """The chamber a Kamerstuk match names, None if none; raise _Invalid on a conflict."""
    named = set()
    if match["house"]:
        named.add(TK if match["house"].lower() == "tweede" else EK)
    for group in ("chamber", "chamber2"):
        if match[group]:
            named.add(_chamber(match[group]))
    if len(named) > 1:
        raise _Invalid("er worden twee verschillende Kamers genoemd")
    return named.pop() if named else None


def _kamerstukken_from_match(match: re.Match[str]) -> list[Citation]:
    chamber = _chamber_of_kamerstuk(match)
    dossier, suffix = match["dossier"], _suffix(match)
    if match["letter"]:
        if chamber is None:
            raise _Invalid(
                "een letter als stuknummer hoort bij een stuk van de Eerste Kamer; schrijf "
                f"dan 'Kamerstukken I {dossier}, {match['letter'].upper()}'"
            )
        ondernummers = [match["letter"]]
    elif match["number"]:
        ondernummers = [match["number"]]
    else:
        ondernummers = re.findall(r"\d+", match["numbers"])
    return [
        Citation(**_kamerstuk_fields(dossier, suffix, ondernummer, chamber or TK, match["vj"] or ""))
        for ondernummer in ondernummers
    ]


def _handelingen_from_match(match: re.Match[str]) -> Citation:
    if match["chamber2"]:
        return Citation(
            **_handelingen_fields(_chamber(match["chamber2"]), match["vj2"], match["number2"], match["item2"])
        )
    chamber = _chamber(match["chamber"]) if match["chamber"] else TK
    if match["aanh"] or match["aanh2"]:
        if match["item"]:
            raise _Invalid("een Aanhangsel Handelingen heeft geen agendapunt (item)")
        return Citation(**_aanhangsel_fields(chamber, match["vj"] or "", match["number"]))
    return Citation(**_handelingen_fields(chamber, match["vj"] or "", match["number"], match["item"] or ""))


def _official_from_match(match: re.Match[str]) -> Citation:
    if match["dossier"]:
        ondernummer = match["ondernummer"]
        # Officiële Bekendmakingen shares the kst- namespace between the chambers:
        # numbered papers are the Tweede Kamer's, lettered ones the Eerste Kamer's.
        # Our own "ek-" slug says so explicitly (and a number after it is an error).
        is_ek = match["prefix"].lower() == "ek" or not ondernummer.isdigit()
        chamber = EK if is_ek else TK
        return Citation(**_kamerstuk_fields(match["dossier"], match["suffix"] or "", ondernummer, chamber, ""))
    chamber = _chamber(match["chamber"])
    if match["h"].lower() == "h":
        return Citation(**_handelingen_fields(chamber, match["vj"], match["number"], match["item"] or ""))
    if match["item"]:
        raise _Invalid("een Aanhangsel Handelingen heeft geen agendapunt (item)")
    return Citation(**_aanhangsel_fields(chamber, match["vj"], match["number"]))


def _motion_from_match(match: re.Match[str]) -> list[Citation]:
    return [Citation(**_kamerstuk_fields(match["dossier"], match["suffix"] or "", match["number"], TK, ""))]


# Patterns for running text, each with the function that turns its match into
# citations.
_FINDERS = (
    (
        re.compile(rf"(?<![\w-]){_official_id_pattern(strict=True)}(?!\w|-\w)", _FLAGS),
        lambda match: [_official_from_match(match)],
    ),
    (_MOTION_NUMBER_RE, _motion_from_match),
    (
        re.compile(rf"(?<![\w-]){_handelingen_pattern(strict=True)}", _FLAGS),
        lambda match: [_handelingen_from_match(match)],
    ),
    (
        re.compile(rf"(?<![\w-]){_kamerstuk_pattern(strict=True)}", _FLAGS),
        _kamerstukken_from_match,
    ),
)


# ------------------------------------------------------------------- public API


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", _normalise(text)).strip()
    text = text.rstrip(".,;").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def parse_citation(text: str) -> Citation:
    """Read one citation, written in any of the forms the papers and clerks use.

    Kamerstukken: "Kamerstuk 31 015, nr. 192", "Kamerstukken II 2019/20, 31 015,
    nr. 192", "TK 31 015, nr. 192", "31015 nr. 192", "31015-192", "kst-31015-192",
    "Kamerstuk 36 200 XVI, nr. 22", "Kamerstukken I 2019/20, 33268, F",
    "ek-33268-F", an official URL, and our own canonical text and slug.
    Handelingen: "Handelingen II 2020/21, nr. 19, item 8", "h-tk-20202021-19-8".
    Aanhangsel: "Aanhangsel Handelingen II 2020/21, nr. 1139", "Aanhangsel
    Handelingen, vergaderjaar 2020–2021, nr. 1139", "ah-tk-20202021-1139".

    Letter case, thin and no-break spaces, en dashes, surrounding whitespace and a
    trailing period do not matter. Without a chamber the Tweede Kamer is meant.
    Raises CitationError, with a Dutch message naming the input, for anything else.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_citation() expects a str, not {type(text).__name__}")
    if len(text) > _MAX_INPUT_LENGTH:
        raise _unrecognised(text)
    cleaned = _clean(text)
    try:
        if match := _OFFICIAL_RE.fullmatch(cleaned):
            return _official_from_match(match)
        if match := _HANDELINGEN_RE.fullmatch(cleaned):
            return _handelingen_from_match(match)
        if match := _MOTION_NUMBER_RE.fullmatch(cleaned):
            return _motion_from_match(match)[0]
        match = _KAMERSTUK_RE.fullmatch(cleaned)
        # Without an Eerste Kamer marker the grammar reads the "XVI" of "36200-XVI"
        # as the letter of an Eerste Kamer paper; it is a dossier without a number.
        if (not match or match["letter"]) and _DOSSIER_ONLY_RE.fullmatch(cleaned):
            try:
                is_ek_paper = match is not None and _chamber_of_kamerstuk(match) == EK
            except _Invalid:
                is_ek_paper = False
            if not is_ek_paper:
                raise _Invalid(
                    "er staat alleen een dossier, geen stuknummer; schrijf bijvoorbeeld "
                    "'Kamerstuk 31 015, nr. 192', of voor een stuk van de Eerste Kamer "
                    "'Kamerstukken I 33 268, F'"
                )
        if match:
            citations = _kamerstukken_from_match(match)
            if len(citations) > 1:
                numbers = ", ".join(c.ondernummer for c in citations)
                raise _Invalid(f"er worden meerdere stukken genoemd (nrs. {numbers}); geef er één op")
            return citations[0]
    except _Invalid as reason:
        raise _invalid(text, reason) from None
    raise _unrecognised(text)


def parse_dossier(text: str) -> tuple[str, str]:
    """Read a Kamerstukdossier: "31 015" -> ("31015", ""), "36200-XVI" -> ("36200", "XVI").

    Accepts the same spellings as dossiers inside citations ("36 200 XVI",
    "Kamerstuk 35300-A"). Raises CitationError with a Dutch message otherwise.
    """
    try:
        return _split_dossier(_clean(text))
    except _Invalid as reason:
        raise CitationError(f"Geen geldig dossier: {reason}.") from None


def find_citations(text: str) -> list[Citation]:
    """Find the citations of papers in running text, in order of first appearance.

    Finds Kamerstukken as letters and transcripts cite them ("Kamerstuk 31 015,
    nr. 192", "(31015 nr. 202)", "Kamerstukken II 2020-2021, 28 345, nr. 240 en
    nr. 248", "Zij krijgt nr. 205 (31015)", official URLs), and Handelingen and
    Aanhangsel citations. Each paper is returned once (by slug); text that only
    looks like a citation but cannot be one (a lettered paper without an Eerste
    Kamer marker, an impossible number) is skipped.
    """
    text = _normalise(text)
    spans: list[tuple[int, int, list[Citation]]] = []
    for pattern, to_citations in _FINDERS:
        for match in pattern.finditer(text):
            try:
                found = to_citations(match)
            except (_Invalid, CitationError):
                continue
            spans.append((match.start(), match.end(), found))

    # Where matches overlap (a URL contains a kst- id, which contains a bare
    # 31015-192), keep the one that starts first and reaches furthest.
    spans.sort(key=lambda span: (span[0], -span[1]))
    citations: dict[str, Citation] = {}
    covered_until = -1
    for start, end, found in spans:
        if start < covered_until:
            continue
        covered_until = end
        for citation in found:
            citations.setdefault(citation.slug, citation)
    return list(citations.values())


# ---------------------------------------------------------------------- the Kamer's register numbers

# A Zaak (2024Z11440: a motion without a Kamerstuk is known by it) and a document without a
# citation (2024D27368), as the Kamer's open data numbers them.
_ZAAK_NUMBER_RE = re.compile(r"\d{4}Z\d{5}", re.IGNORECASE | re.ASCII)
_DOCUMENT_NUMBER_RE = re.compile(r"\d{4}D\d{5}", re.IGNORECASE | re.ASCII)


def parse_zaak_number(text: str) -> str | None:
    """The Zaak number `text` is, as the Kamer writes it ("2024z11440" -> "2024Z11440"), else None."""
    text = text.strip()
    return text.upper() if _ZAAK_NUMBER_RE.fullmatch(text) else None


def parse_document_number(text: str) -> str | None:
    """The Kamer document number `text` is ("2024d27368" -> "2024D27368"), else None."""
    text = text.strip()
    return text.upper() if _DOCUMENT_NUMBER_RE.fullmatch(text) else None
