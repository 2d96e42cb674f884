"""Motion texts: the Kamerstuk as published, and the dictum its deadline is bound to.

A motion reads "De Kamer, gehoord de beraadslaging, constaterende dat …; overwegende dat …;
verzoekt de regering … voor de Voorjaarsnota …, en gaat over tot de orde van de dag." Only the
request (the *dictum*: "verzoekt", "draagt … op", "roept … op", "spreekt uit", …) binds the
government; a term in the considerations ("constaterende dat het kabinet voor de zomer van 2023
een brief stuurde") is context, not the deadline. :func:`dictum_span` finds the request in a
whole text; :func:`motion_from_xml` reads the official-publication XML of the Kamer's open data
(``officiele-publicatie``: ``<datum isodatum>``, ``DC.identifier`` or the metadata URL, the
``<al>`` paragraphs). Pure Python (the standard library's expat), no Django.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date

from .vocabulary import Chamber

# The verbs that open a request, at the start of a paragraph or clause. "Spreekt uit" and
# "besluit" state the Kamer's view or decision; when they name a term, it binds too. Verbs that
# also open considerations ("betreurt", "wijst erop", "geeft aan") are left out.
_REQUEST = re.compile(
    r"(?:^|(?<=[;:,.\n]))\s*(?P<verb>verzoekt|verzoeken|draagt|roept|spreekt|dringt|besluit|nodigt)\s",
    re.IGNORECASE,
)
_CLOSING = re.compile(r",?\s*en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b.*", re.IGNORECASE | re.DOTALL)


def dictum_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the request in a motion text, or None when the text has no request.

    The request runs from the first paragraph or clause opening with a request verb to the
    closing formula ("en gaat over tot de orde van de dag") or the end of the text.
    """
    match = _REQUEST.search(text)
    if match is None:
        return None
    start = match.start("verb")
    closing = _CLOSING.search(text, start)
    end = closing.start() if closing is not None else len(text)
    return start, end


_PREAMBLE = re.compile(
    r"\b(?:de kamer,|gehoord de beraadslaging|constaterende|overwegende|van mening dat|"
    r"van oordeel dat|concluderende|vaststellende)",
    re.IGNORECASE,
)


def request_span(text: str) -> tuple[int, int] | None:
    """The dictum span of a text with a motion's structure, else None.

    A motion's structure: the request opens the text, or follows the preamble ("De Kamer,",
    "gehoord de beraadslaging", "constaterende", "overwegende" …). A promise that merely uses
    one of the verbs ("de minister vraagt …") is read as a whole.
    """
    span = dictum_span(text)
    if span is None:
        return None
    if span[0] == 0 or _PREAMBLE.search(text, 0, span[0]) is not None:
        return span
    return None


def dictum(text: str) -> str | None:
    """The request of a motion text ("verzoekt de regering …"), or None; see :func:`dictum_span`."""
    span = dictum_span(text)
    return None if span is None else text[span[0] : span[1]]


@dataclass(frozen=True)
class MotionText:
    """One published motion: its Kamerstuk identifier, its date, chamber and paragraphs."""

    identifier: str
    made_on: date | None
    chamber: Chamber
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The motion's body, one paragraph per line."""
        return "\n".join(self.paragraphs)

    @property
    def dictum(self) -> str | None:
        """The request of the motion, or None (a motion without "verzoekt …")."""
        return dictum(self.text)


_IDENTIFIER = re.compile(r"kst-[0-9A-Za-z-]+?-[0-9A-Za-z]+(?=[/\"<.]|$)")


def _text_of(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def motion_from_xml(xml: str) -> MotionText:
    """Read an ``officiele-publicatie`` document of a motion; raises ValueError if unreadable."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ValueError(f"geen leesbare XML: {exc}") from None
    made_on = None
    for element in root.iter("datum"):
        value = element.get("isodatum")
        if value:
            try:
                made_on = date.fromisoformat(value)
            except ValueError:
                continue
            break
    identifier = ""
    for element in root.iter("meta"):
        content = element.get("content") or ""
        found = _IDENTIFIER.search(content)
        if found:
            identifier = found.group()
            break
    chamber = Chamber.TK
    for element in root.iter("tekstregel"):
        if element.get("inhoud") == "kamernummer" and (element.text or "").strip() == "1":
            chamber = Chamber.EK
    stuk = root.find(".//stuk")
    title_element = stuk.find("titel") if stuk is not None else None
    title = _text_of(title_element) if title_element is not None else ""
    body = stuk if stuk is not None else root
    paragraphs = tuple(text for text in (_text_of(al) for al in body.iter("al")) if text)
    return MotionText(identifier, made_on, chamber, title, paragraphs)
