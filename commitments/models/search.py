"""Free-text search over commitments: one definition, used by the public list, the exports and the admin.

On PostgreSQL every commitment has one search document (`CommitmentSearch`), kept up to date
by triggers (migration 0004): its number, text, deadline phrase, bewindspersoon, the members and
parties it was promised to, its dossier and the Kamerstukken it was made in or carries out,
lower-cased and accent-folded with `unaccent`. Exact identifiers are also written between bars
(`|kst-31015-205|`, `|tz202412-116|`, `|d:31015|`, `|4242|` for the id), so a citation matches
its record exactly. A trigram GIN index answers `LIKE '%word%'` for names, numbers and parts of
words; a GIN index on the Dutch `tsvector` answers stemmed words.

On SQLite (development, tests) the same rules run as a simpler scan: the fields themselves,
folded by a Python function registered on each connection (`register_sqlite_fold`).

Motions (`search_motions`) follow the same rules over their title and dictum, and match their
Zaak number, Kamerstuk or document number exactly; a query that is one citation or register number
lists that motion first. On PostgreSQL each motion has a search document too (`MotionSearch`,
kept by triggers, migration 0010): the folded title and dictum, and the identifiers between bars,
each with a trigram GIN index. On SQLite the same rules run as a scan.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections, models
from django.db.models import Case, Exists, Func, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .. import citations

# At most this many words count; the rest of a long query is ignored.
MAX_WORDS = 10
# A query longer than this is cut (a search box, not a document upload).
MAX_QUERY_LENGTH = 200
# Longest whole number a search word may be to be tried as an id (a bigint has 19 digits).
MAX_ID_DIGITS = 18
# Register numbers as the Kamer writes them: "TZ202412-116" (toezegging), "2024Z11440" (zaak).
REGISTER_NUMBER_RE = re.compile(r"(?:TZ\d{6}-\d{1,4}|\d{4}Z\d{5})", re.IGNORECASE | re.ASCII)
# The Dutch text search configuration (stemming, stop words).
TEXT_SEARCH_CONFIG = "dutch"
# More rows than a bigint id space holds in practice: a LIMIT that only fences the subquery.
_NEVER_REACHED = 2**62

# Letters `unaccent` folds but Unicode decomposition does not.
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l"})


def fold(text: str) -> str:
    """Lower case without accents ("Wörsdörfer" -> "worsdorfer"), as the search document is written."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def marker(identifier: str) -> str:
    """An exact identifier as the search document writes it: between bars, folded."""
    return f"|{fold(identifier)}|"


class CommitmentSearch(models.Model):
    """The search document of one commitment (PostgreSQL only; written by database triggers)."""

    commitment = models.OneToOneField(
        "commitments.Commitment", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    document = models.TextField(_("search document"), blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.document[:80]


class MotionSearch(models.Model):
    """The search document of one motion (PostgreSQL only; written by database triggers).

    `text` is its title and dictum, folded; `identifiers` its Zaak number, Kamerstuk and document
    number as markers (`|2024z11440|`), so a word matches an identifier whole, never a part of one.
    """

    motion = models.OneToOneField(
        "commitments.Motion", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    text = models.TextField(_("search text"), blank=True)
    identifiers = models.TextField(_("identifiers"), blank=True)

    class Meta:
        verbose_name = _("motion search document")
        verbose_name_plural = _("motion search documents")

    def __str__(self):
        return self.text[:80]


class Fold(Func):
    """`fold()` in SQL on SQLite (the function registered by `register_sqlite_fold`)."""

    function = "tz_fold"
    output_field = models.TextField()


def register_sqlite_fold(sender, connection, **kwargs):
    """connection_created handler: give SQLite the `tz_fold` function the fallback search uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "tz_fold", 1, lambda value: fold(value) if isinstance(value, str) else value, deterministic=True
        )


def _exact_identifiers(text: str) -> list[str] | None:
    """The markers a query that is one citation or register number must match, else None.

    "Kamerstuk 31015-205", "31 015 nr. 205" -> the paper's slug; "TZ202412-116", "2024Z11440" ->
    the register number. A bare dossier ("31 015") is not exact: it widens the word search.
    """
    if REGISTER_NUMBER_RE.fullmatch(text):
        return [marker(text)]
    try:
        return [marker(citations.parse_citation(text).slug)]
    except citations.CitationError:
        return None


def _dossier_marker(text: str) -> str | None:
    try:
        number, suffix = citations.parse_dossier(text)
    except citations.CitationError:
        return None
    return marker(f"d:{number}-{suffix}" if suffix else f"d:{number}")


def _words(text: str) -> list[str]:
    return [fold(word) for word in text.split()[:MAX_WORDS]]


def _postgresql_match(text: str) -> Q:
    """A condition on `CommitmentSearch` (one index-backed subquery, whatever the query)."""
    exact = _exact_identifiers(text)
    if exact is not None:
        return Q(document__contains=exact[0])
    words = Q()
    for word in _words(text):
        match = Q(document__contains=word) | Q(vector=SearchQuery(word, config=TEXT_SEARCH_CONFIG))
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        if word.isdecimal() and len(word) <= MAX_ID_DIGITS:
            match |= Q(document__contains=marker(str(int(word))))
        words &= match
    dossier = _dossier_marker(text)
    return words | Q(document__contains=dossier) if dossier else words


def _fallback_match(text: str, recipient_model) -> Q:
    """The same rules without the search table (SQLite): a scan, fine at a few thousand rows."""

    exact = _exact_identifiers(text)
    if exact is not None:
        identifier = exact[0].strip("|")
        return (
            Q(number__iexact=identifier)
            | Q(source_document__identifier=identifier)
            | Q(motion__document__identifier=identifier)
        )
    words = Q()
    for word in _words(text):
        recipients = recipient_model.objects.annotate(
            person_folded=Fold("person__name"), party_folded=Fold("party__abbreviation")
        ).filter(Q(person_folded__contains=word) | Q(party_folded=word), commitment=OuterRef("pk"))
        match = (
            Q(text_folded__contains=word)
            | Q(number_folded__contains=word)
            | Q(phrase_folded__contains=word)
            | Q(bewindspersoon_folded__contains=word)
            | Q(dossier__number=word)
            | Q(source_document__identifier=word)
            | Q(motion__document__identifier=word)
            | Q(Exists(recipients))
        )
        if word.isdecimal() and len(word) <= MAX_ID_DIGITS:
            match |= Q(pk=int(word))
        words &= match
    try:
        number, suffix = citations.parse_dossier(text)
    except citations.CitationError:
        return words
    return words | Q(dossier__number=number, dossier__suffix=suffix)


def search(queryset, text: str):
    """Rows of `queryset` (commitments) matching `text`; see the module docstring.

    Every word must match (in the text, a number, the phrase, a name, a party, an id); a query
    that is one citation or register number matches that record only; a bare dossier number also
    matches the dossier's commitments.
    """
    # NUL cannot be sent to PostgreSQL in a string; it is never part of a word.
    text = " ".join(text[:MAX_QUERY_LENGTH].replace("\x00", " ").split())
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        documents = CommitmentSearch.objects.filter(_postgresql_match(text)).values("commitment_id")
        # The LIMIT (never reached) keeps PostgreSQL from flattening the subquery into the page's
        # join: it then reads the matches from the GIN indexes once and probes a hash, instead of
        # walking the due-date index through every join and probing the search table per row
        # (4.3 s against 40 ms for "onderwerp 4242" at a million rows; see the README).
        return queryset.filter(pk__in=documents[:_NEVER_REACHED])
    return queryset.alias(
        text_folded=Fold("text"),
        number_folded=Fold("number"),
        phrase_folded=Fold("deadline_phrase"),
        bewindspersoon_folded=Fold("bewindspersoon__name"),
    ).filter(_fallback_match(text, queryset.model._meta.get_field("recipients").related_model))


# ---------------------------------------------------------------------- motions


class Unaccent(Func):
    """PostgreSQL's `unaccent` (the extension migration 0006 installs)."""

    function = "unaccent"
    output_field = models.TextField()


def _folded(field: str, vendor: str) -> Func:
    """`field` lower-cased without accents, in SQL, as `fold()` writes a query word."""
    return Unaccent(Lower(field)) if vendor == "postgresql" else Fold(field)


def _motion_exact(text: str) -> Q | None:
    """The motion a query that is one citation, Zaak number or document number names, else None."""
    if zaak := citations.parse_zaak_number(text):
        return Q(zaak=zaak)
    if number := citations.parse_document_number(text):
        return Q(document__document_number=number)
    try:
        return Q(document__identifier=citations.parse_citation(text).slug)
    except citations.CitationError:
        return None


def _motion_exact_marker(text: str) -> str | None:
    """The marker of the identifier a query that is one citation, Zaak or document number names."""
    if zaak := citations.parse_zaak_number(text):
        return marker(zaak)
    if number := citations.parse_document_number(text):
        return marker(number)
    try:
        return marker(citations.parse_citation(text).slug)
    except citations.CitationError:
        return None


def _motion_postgresql_match(text: str) -> Q:
    """A condition on `MotionSearch`: every word in the text or an identifier whole, or the one
    identifier the query names (each arm a trigram GIN index)."""
    words = Q()
    for word in _words(text):
        words &= Q(text__contains=word) | Q(identifiers__contains=marker(word))
    exact = _motion_exact_marker(text)
    return words | Q(identifiers__contains=exact) if exact else words


def _motion_fallback(queryset, text: str, exact: Q | None):
    """The same rules without the search table (SQLite): a scan of the folded title and dictum."""
    vendor = connections[queryset.db].vendor
    words = Q()
    for word in _words(text):
        words &= (
            Q(title_folded__contains=word)
            | Q(dictum_folded__contains=word)
            | Q(zaak__iexact=word)
            | Q(document__identifier=word)
        )
    queryset = queryset.alias(title_folded=_folded("title", vendor), dictum_folded=_folded("dictum", vendor))
    return queryset.filter(exact | words if exact is not None else words)


def search_motions(queryset, text: str):
    """Motions of `queryset` matching `text`: every word in the title, the dictum, the Zaak number or
    the Kamerstuk's identifier, accents and case aside. A query that is one citation in any form the
    parser reads ("Kamerstuk 33997-183", "33 997 nr. 183"), a Zaak number ("2024Z11440") or a
    document number matches that motion too, listed first (annotated `exact_match` 0)."""
    text = " ".join(text[:MAX_QUERY_LENGTH].replace("\x00", " ").split())
    if not text:
        return queryset
    exact = _motion_exact(text)
    if connections[queryset.db].vendor == "postgresql":
        match = _motion_postgresql_match(text)
        # Never reached: the LIMIT keeps the subquery apart, read once from the GIN indexes (see `search`).
        queryset = queryset.filter(pk__in=MotionSearch.objects.filter(match).values("motion_id")[:_NEVER_REACHED])
    else:
        queryset = _motion_fallback(queryset, text, exact)
    if exact is None:
        return queryset
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    return queryset.annotate(
        exact_match=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("exact_match", *ordering)
