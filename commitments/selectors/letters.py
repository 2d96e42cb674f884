"""Which open commitments a letter most likely answers: the proposals of "brief ontvangen".

The griffie's most frequent task is to read a letter and decide what it closes. These proposals
rank every open commitment and motion obligation by the evidence a clerk looks for, and say
why: a motion or TZ number the letter cites, the paper the promise was made in, the awaited
series ("voortgangsrapportage"), the debate or date it names, the members it names, the same
dossier, and the words it shares with the promise (rare words weigh more). Only reads; closing
is `services.letters.register_letter`.
"""

import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext as _

from .. import citations
from ..models import Commitment, CommitmentRecipient, Document

# Weights of the evidence; the measurement on the seed letters (tests/letters/) keeps them honest.
CITES_MOTION = 10.0
CITES_NUMBER = 10.0
CITES_SOURCE = 4.0
AWAITED_SERIES = 5.0
AWAITED_KIND = 2.0
NAMES_DATE = 3.0
NAMES_MEMBER = 1.0
SAME_DOSSIER = 1.5
SHARED_WORDS = 8.0
DUE_NEAR = 0.5
DUE_NEAR_DAYS = 90

# Words too common in this domain to tell one promise from another.
STOPWORDS = frozenset(
    [
        "aan",
        "alle",
        "als",
        "andere",
        "bij",
        "dat",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "eerste",
        "eind",
        "over",
        "het",
        "heeft",
        "hebben",
        "hoe",
        "informeren",
        "in",
        "is",
        "kamer",
        "met",
        "minister",
        "mogelijk",
        "naar",
        "niet",
        "nog",
        "of",
        "om",
        "onder",
        "ook",
        "op",
        "over",
        "staatssecretaris",
        "te",
        "tot",
        "uit",
        "van",
        "vanuit",
        "voor",
        "waar",
        "wat",
        "wel",
        "wordt",
        "worden",
        "zal",
        "zijn",
        "zich",
        "zo",
        "zoals",
        "daarbij",
        "daarover",
        "daarnaast",
        "tweede",
        "brief",
        "voortgangsrapportage",
        "stand",
        "zaken",
        "toezegging",
        "toegezegd",
        "regering",
        "verzoekt",
        "kamerbrief",
        "geweld",
        "huiselijk",
        "kindermishandeling",
    ]
)
_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ\-]{3,}")
_TZ_NUMBER = re.compile(r"\b(?:TZ\d{6}-\d{1,4}|T\d{5})\b")


def words(text: str) -> set[str]:
    """The content words of a text (lower case, at least four letters, no stopwords)."""
    return {w.strip("-") for w in _WORD.findall(text.lower()) if w.strip("-") not in STOPWORDS}


@dataclass
class Proposal:
    """One commitment the letter may close, with its score and the reasons, strongest first."""

    commitment: Commitment
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    suggested_fulfilment: str = ""

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


def candidates(letter: Document):
    """Open commitments and motion obligations `letter` could close.

    Not those promised in the letter itself, nor those made on or after its date.
    """
    queryset = Commitment.objects.open().select_related(
        "motion__document__dossier", "source_document__dossier", "source_activity", "dossier", "expected_series"
    )
    if letter.pk:
        queryset = queryset.exclude(source_document=letter)
    if letter.date:
        queryset = queryset.filter(Q(made_on__isnull=True) | Q(made_on__lt=letter.date))
    return queryset.prefetch_related(
        Prefetch("recipients", queryset=CommitmentRecipient.objects.select_related("person"))
    ).with_overdue()


def _date_phrases(day: datetime.date) -> list[str]:
    """How a letter writes a date: "18 februari 2021", "18 februari jl."."""
    full = formats.date_format(day, "j F Y").lower()
    return [full, full.rsplit(" ", 1)[0] + " jl"]


def _letter_signals(letter: Document, text: str):
    cited = {c.identity().slug for c in citations.find_citations(text)} if text else set()
    cited.discard(letter.identifier)
    return cited, set(_TZ_NUMBER.findall(text)), text.lower()


PASSAGE_PARAGRAPHS = 3


def _passages(text: str) -> list[tuple[set[str], str]]:
    """(content words, lower-cased text) of each run of a few consecutive paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) <= PASSAGE_PARAGRAPHS:
        return [(words(text), text.lower())]
    runs = [
        "\n".join(paragraphs[start : start + PASSAGE_PARAGRAPHS])
        for start in range(len(paragraphs) - PASSAGE_PARAGRAPHS + 1)
    ]
    return [(words(run), run.lower()) for run in runs]


# Words with which a letter puts an answer off; found in the passage that matches a promise best,
# they make a closure less likely. ("de volgende voortgangsrapportage" is left out: letters that
# answer in part often say it too.)
DEFERRALS = ("voorbereidende fase", "nog niet afgerond", "kom ik terug", "komen wij terug")
DEFERRED = -2.0


def propose_closures(letter: Document, text: str = "", *, limit: int = 25) -> list[Proposal]:
    """Rank the open commitments `letter` most likely answers; `text` is its text when known.

    `letter` may be unsaved (the screen proposes before the clerk saves). Returns the best
    `limit` proposals with a positive score, best first; ties keep the oldest due date first.
    """
    text = " ".join(filter(None, [letter.title, text]))
    cited, numbers, lowered = _letter_signals(letter, text)
    letter_words = words(text)
    rows = list(candidates(letter))
    passages = _passages(text)
    # Rare words weigh more: inverse document frequency over the candidates.
    frequency: Counter[str] = Counter()
    row_words = {}
    for commitment in rows:
        row_words[commitment.pk] = words(commitment.text)
        frequency.update(row_words[commitment.pk])
    total = max(len(rows), 1)

    def weight(word: str) -> float:
        return math.log(1 + total / frequency[word])

    proposals = []
    for commitment in rows:
        proposal = Proposal(commitment)
        motion_doc = commitment.motion.document if commitment.motion_id else None
        if motion_doc is not None and motion_doc.identifier in cited:
            proposal.add(CITES_MOTION, _("the letter cites motion %(citation)s") % {"citation": motion_doc.citation})
        if commitment.number and commitment.number in numbers:
            proposal.add(CITES_NUMBER, _("the letter cites %(number)s") % {"number": commitment.number})
        source = commitment.source_document
        if source is not None and source.identifier in cited and source != motion_doc:
            proposal.add(
                CITES_SOURCE, _("the letter cites %(citation)s, where it was promised") % {"citation": source.citation}
            )
        if commitment.expected_series_id and commitment.expected_series_id == letter.series_id:
            proposal.add(AWAITED_SERIES, _("it waits for the next %(series)s") % {"series": commitment.expected_series})
        elif "voortgangsrapportage" in commitment.deadline_phrase.lower() and "voortgangsrapportage" in lowered:
            proposal.add(AWAITED_KIND, _("it waits for a progress report (voortgangsrapportage)"))
        activity = commitment.source_activity
        day = commitment.made_on or (activity.date if activity else None)
        if day and any(phrase in lowered for phrase in _date_phrases(day)):
            proposal.add(
                NAMES_DATE,
                _("the letter names %(date)s, the day it was promised") % {"date": formats.date_format(day)},
            )
        named = [r.person.name for r in commitment.recipients.all() if r.person_id and r.person.name.lower() in lowered]
        if named:
            proposal.add(NAMES_MEMBER * len(named), _("the letter names %(names)s") % {"names": ", ".join(named)})
        dossier_id = commitment.dossier_id or (motion_doc.dossier_id if motion_doc else None)
        if letter.dossier_id and dossier_id == letter.dossier_id:
            proposal.add(SAME_DOSSIER, _("same dossier"))
        own = row_words[commitment.pk]
        if own & letter_words:
            # The passage of the letter that shares the most (weighted) words with the promise:
            # a long letter shares some words with everything, one passage does not.
            own_weight = sum(weight(w) for w in own)
            best_words, best_text = max(passages, key=lambda p: sum(weight(w) for w in own & p[0]))
            shared = own & best_words
            share = sum(weight(w) for w in shared) / own_weight
            if shared:
                top = sorted(shared, key=weight, reverse=True)[:4]
                proposal.add(
                    SHARED_WORDS * share,
                    _("one passage shares %(count)d of its %(total)d words, e.g. %(words)s")
                    % {"count": len(shared), "total": len(own), "words": ", ".join(top)},
                )
                deferral = next((d for d in DEFERRALS if d in best_text), None)
                if deferral:
                    proposal.add(DEFERRED, _("but that passage puts it off (“%(words)s”)") % {"words": deferral})
        if commitment.due_date and letter.date and abs((commitment.due_date - letter.date).days) <= DUE_NEAR_DAYS:
            proposal.add(DUE_NEAR, _("due around the letter's date"))
        if proposal.score > 0:
            proposals.append(proposal)
    proposals.sort(key=lambda p: (-p.score, p.commitment.due_date or datetime.date.max, p.commitment.pk))
    return proposals[:limit]
