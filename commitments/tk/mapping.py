"""How the Kamer's open-data values read as ours: dates, identifiers, kinds, outcomes, names.

Plain functions (the statuses come from the vocabulary, `models.choices`), each tested on its own. The README's "Open data" section
lists the whole mapping; the values quoted here are the Kamer's own.
"""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from ..deadlines.vocabulary import Chamber
from ..models.choices import CommitmentStatus, MotionStatus

# The API's empty date.
NO_DATE = "0001-01-01"


class Malformed(ValueError):
    """A record the mapping cannot read (reported with its Id and skipped)."""


def record_id(record: dict[str, Any]) -> uuid.UUID:
    try:
        return uuid.UUID(str(record["Id"]))
    except (KeyError, ValueError, TypeError, AttributeError):
        raise Malformed(f"no valid Id ({record.get('Id')!r})") from None


def changed_at(record: dict[str, Any]) -> datetime.datetime | None:
    """`ApiGewijzigdOp` (UTC, up to 7 decimals) as an aware datetime; None when absent."""
    value = record.get("ApiGewijzigdOp")
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise Malformed(f"ApiGewijzigdOp {value!r} is not a date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def local_date(value: Any) -> datetime.date | None:
    """The calendar day of a Kamer date-time as written ("2024-06-27T00:00:00+02:00": its local day)."""
    if not value or str(value).startswith(NO_DATE):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Malformed(f"{value!r} is not a date") from None


def text(value: Any, length: int) -> str:
    """A Kamer text on one line, cut to `length` characters."""
    cleaned = " ".join(str(value or "").split())
    return cleaned if len(cleaned) <= length else cleaned[: length - 1] + "…"


def optional_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        raise Malformed(f"{value!r} is not an Id") from None


# ----------------------------------------------------------------------------- papers

_KST = re.compile(r"^kst-(?P<dossier>.+)-(?P<nr>[^-]+)$", re.IGNORECASE)


def kst_identifier(document: dict[str, Any]) -> str:
    """The paper's kst identifier (`kst-33997-183`) from its current version or publications, or ""."""
    version = document.get("HuidigeDocumentVersie") or {}
    candidates = [version.get("ExterneIdentifier")]
    candidates += [p.get("Identifier") for p in version.get("DocumentPublicatie") or [] if isinstance(p, dict)]
    for candidate in candidates:
        if candidate and _KST.match(str(candidate)):
            return str(candidate)
    return ""


def split_kst(identifier: str) -> tuple[str, str] | None:
    """`kst-21501-08-921` → ("21501-08", "921"): the dossier is everything between kst- and the last -."""
    match = _KST.match(identifier or "")
    return (match["dossier"], match["nr"]) if match else None


# Document.Soort → our DocumentKind value (the raw kind is kept beside it).
_DOCUMENT_KINDS = (
    ("motie", "motie"),
    ("amendement", "amendement"),
    ("antwoord schriftelijke vragen", "antwoord schriftelijke vragen"),
    ("schriftelijke vragen", "schriftelijke vragen"),
    ("brief regering", "brief regering"),
    ("verslag", "verslag"),
    ("stenogram", "handelingen"),
    ("wetsvoorstel", "wetsvoorstel"),
    ("voorstel van wet", "wetsvoorstel"),
)


def document_kind(soort: Any) -> str:
    lowered = str(soort or "").lower()
    for prefix, kind in _DOCUMENT_KINDS:
        if lowered.startswith(prefix):
            return kind
    return "overig"


def is_motion_paper(document: dict[str, Any]) -> bool:
    return str(document.get("Soort") or "").lower().startswith("motie")


# ----------------------------------------------------------------------------- activities

_ACTIVITY_KINDS = (
    ("plenair debat (tweeminutendebat)", "tweeminutendebat"),
    ("plenair debat", "plenair debat"),
    ("commissiedebat", "commissiedebat"),
    ("algemeen overleg", "commissiedebat"),
    ("notaoverleg", "commissiedebat"),
    ("wetgevingsoverleg", "wetgevingsoverleg"),
    ("inbreng schriftelijk overleg", "schriftelijk overleg"),
    ("inbreng feitelijke vragen", "schriftelijke vragen"),
    ("vragenuur", "plenair debat"),
)


def activity_kind(soort: Any) -> str:
    lowered = str(soort or "").lower()
    for prefix, kind in _ACTIVITY_KINDS:
        if lowered.startswith(prefix):
            return kind
    return "overig"


def activity_dates(record: dict[str, Any]) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """(date, earliest, latest): a day when the Kamer gives one, else the bounds it gives."""
    day = local_date(record.get("Datum") or record.get("Aanvangstijd"))
    kind = str(record.get("DatumSoort") or "")
    if day is None or kind == "Nog geen datum bekend":
        return None, None, None
    if kind == "Weeknummer":
        return None, day, day + datetime.timedelta(days=6)
    if kind == "Meerdaags":
        end = local_date(record.get("Eindtijd"))
        return day, day, end if end and end >= day else None
    return day, None, None


def committee_of(record: dict[str, Any]) -> tuple[str, str] | None:
    """(abbreviation, name) of the committee that leads an activity; None for the plenary ('TK')."""
    abbreviation = text(record.get("Voortouwafkorting"), 20)
    if not abbreviation or abbreviation.upper() == "TK":
        return None
    return abbreviation, text(record.get("Voortouwnaam") or abbreviation, 200)


# ----------------------------------------------------------------------------- decisions and votes


def decision_status(besluit_soort: Any) -> str | None:
    """Our motion status for a decision, or None when it is not a decision on a vote."""
    status = MotionStatus.from_decision(str(besluit_soort or ""))
    return status.value if status is not None else None


_VOTES = {"voor": "voor", "tegen": "tegen", "niet deelgenomen": "niet deelgenomen"}


def vote_choice(soort: Any) -> str:
    choice = _VOTES.get(str(soort or "").strip().lower())
    if choice is None:
        raise Malformed(f"unknown vote {soort!r}")
    return choice


def decided_case(cases: list[list[str]], order: Any) -> str | None:
    """The Zaak an agenda item's decision is about, by the order rule of the Kamer's data.

    One Zaak on the item: that one. Several motions: the Zaak at position `order`
    (AgendapuntZaakBesluitVolgorde, 1-based). An item that mixes a bill or budget with its
    amendments, or an order out of range: None (the motion stays undecided rather than guessed).
    """
    if len(cases) == 1:
        return cases[0][0]
    if not cases or any(str(soort).lower() != "motie" for _, soort in cases):
        return None
    if not isinstance(order, int) or not 1 <= order <= len(cases):
        return None
    return cases[order - 1][0]


# ----------------------------------------------------------------------------- people


def person_names(record: dict[str, Any]) -> tuple[str, str]:
    """(name as the papers write it, full name): ("Van Baarle", "S.R.T. van Baarle")."""
    surname = " ".join(str(record.get("Achternaam") or "").split())
    prefix = " ".join(str(record.get("Tussenvoegsel") or "").split())
    if not surname:
        raise Malformed("person without a surname")
    name = f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname
    initials = str(record.get("Initialen") or "").strip()
    full = " ".join(part for part in (initials, prefix, surname) if part)
    return text(name, 200), text(full, 200)


def name_from_register(naam: Any) -> tuple[str, str]:
    """A Toezegging's `Naam` ("Herbert, H.G.") as (name, full name): ("Herbert", "H.G. Herbert")."""
    raw = " ".join(str(naam or "").split())
    if not raw:
        return "", ""
    surname, _, initials = raw.partition(",")
    surname, initials = surname.strip(), initials.strip()
    return text(surname, 200), text(f"{initials} {surname}".strip(), 200)


# ----------------------------------------------------------------------------- toezeggingen


def commitment_status(status: Any) -> str:
    value = CommitmentStatus.from_register(str(status or ""))
    if value is None:
        raise Malformed(f"unknown toezegging status {status!r}")
    return value.value


_FUNCTIONS = (
    ("minister-president", "minister-president"),
    ("minister voor", "minister voor"),
    ("minister", "minister"),
    ("staatssecretaris", "staatssecretaris"),
)


def office_function(functie: Any) -> str | None:
    lowered = str(functie or "").strip().lower()
    for prefix, function in _FUNCTIONS:
        if lowered.startswith(prefix):
            return function
    return None


def ministry_name(functie: Any) -> str:
    """The ministry in a function ("Minister van Economische Zaken en Klimaat" → "Economische Zaken en Klimaat")."""
    match = re.search(r"\bvan\s+(?P<name>.+)$", str(functie or "").strip(), re.IGNORECASE)
    return match["name"].strip() if match else ""


def chamber_of(value: Any) -> str:
    return Chamber.EK.value if str(value).strip() in ("1", "Eerste Kamer") else Chamber.TK.value
