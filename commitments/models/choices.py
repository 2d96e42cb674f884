"""The domain's vocabulary: every status, kind and class a record can have, defined once.

Models, filters, services, exports and templates use these enums (templates through model
properties such as `Commitment.is_overdue` or `Closure.is_full`); no status value is written
anywhere else. The deadline engine is pure Python and keeps its own enums in
`commitments.deadlines.vocabulary`; `Chamber`, `Precision` and `Anchor` here take their values
from those, so one list of values serves both (a test checks that they agree).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..deadlines import vocabulary as engine

# In URLs and filters, the committee of commitments made in plenary (they have no committee).
PLENARY = "plenair"


class Chamber(models.TextChoices):
    TK = engine.Chamber.TK.value, _("Tweede Kamer")
    EK = engine.Chamber.EK.value, _("Eerste Kamer")


# ----------------------------------------------------------------------------- commitments


class CommitmentKind(models.TextChoices):
    TOEZEGGING = "toezegging", _("commitment")
    MOTIE = "motie", _("motion")


class CommitmentStatus(models.TextChoices):
    OPENSTAAND = "openstaand", _("open")
    DEELS_VOLDAAN = "deels voldaan", _("partly fulfilled")
    VOLDAAN = "voldaan", _("fulfilled")
    VERVALLEN = "vervallen", _("lapsed")

    @classmethod
    def open_values(cls):
        """The statuses in which the government still owes something ("open" in every filter)."""
        return (cls.OPENSTAAND, cls.DEELS_VOLDAAN)

    @classmethod
    def from_register(cls, status: str) -> "CommitmentStatus | None":
        """A Toezegging's status in the Kamer's register (its XSD's words, and the live feed's
        "Afgedaan"), or None for a word the register does not use."""
        return _REGISTER_STATUSES.get(" ".join((status or "").lower().split()))


_REGISTER_STATUSES = {
    "openstaand": CommitmentStatus.OPENSTAAND,
    "voldaan": CommitmentStatus.VOLDAAN,
    "afgedaan": CommitmentStatus.VOLDAAN,
    "deels voldaan": CommitmentStatus.DEELS_VOLDAAN,
    "deels afgedaan": CommitmentStatus.DEELS_VOLDAAN,
    "vervallen": CommitmentStatus.VERVALLEN,
}


class Fulfilment(models.TextChoices):
    """How much of a commitment a closing letter fulfils."""

    FULL = "volledig", _("fully")
    PARTIAL = "gedeeltelijk", _("partly")


class Precision(models.TextChoices):
    """How precise a derived deadline is (the granularity the phrase names)."""

    DAY = engine.Precision.DAY.value, _("day")
    WEEK = engine.Precision.WEEK.value, _("week")
    DEKADE = engine.Precision.DEKADE.value, _("ten days")
    MONTH = engine.Precision.MONTH.value, _("month")
    QUARTER = engine.Precision.QUARTER.value, _("quarter")
    HALF_YEAR = engine.Precision.HALF_YEAR.value, _("half year")
    SEASON = engine.Precision.SEASON.value, _("season")
    YEAR = engine.Precision.YEAR.value, _("year")
    EVENT = engine.Precision.EVENT.value, _("event")
    VAGUE = engine.Precision.VAGUE.value, _("vague")
    NONE = engine.Precision.NONE.value, _("none")


class Anchor(models.TextChoices):
    """What a derived deadline is anchored to."""

    CALENDAR = engine.Anchor.CALENDAR.value, _("calendar")
    RECESS = engine.Anchor.RECESS.value, _("recess")
    BUDGET_CYCLE = engine.Anchor.BUDGET_CYCLE.value, _("budget cycle")
    DURATION = engine.Anchor.DURATION.value, _("duration")
    EVENT = engine.Anchor.EVENT.value, _("event")
    CONDITIONAL = engine.Anchor.CONDITIONAL.value, _("conditional")
    VAGUE = engine.Anchor.VAGUE.value, _("vague")
    NONE = engine.Anchor.NONE.value, _("none")


class DeadlineSource(models.TextChoices):
    """Why a due date changed (one entry of the deadline history)."""

    DERIVED = "afgeleid", _("derived from the phrase")
    OVERRIDE = "handmatig", _("set by hand")
    RECALCULATED = "herberekend", _("recalculated (recess calendar changed)")
    RAPPEL = "rappel", _("rappel decision")
    EXTENSION = "uitstel", _("extension asked by the minister")

    @classmethod
    def by_hand(cls):
        """Sources that set the date by hand: the phrase no longer decides it."""
        return (cls.OVERRIDE, cls.RAPPEL, cls.EXTENSION)

    @classmethod
    def with_staff_reasons(cls):
        """Sources whose reason is a clerk's internal note (the admin, the rappel screen): shown on
        public pages only when TRACKER_PUBLISH_STAFF_REASONS is on. An extension's reason stays
        public: the minister asked for it in a letter to the Kamer."""
        return (cls.OVERRIDE, cls.RAPPEL)


class RelationKind(models.TextChoices):
    FOLLOW_UP = "vervolg op", _("follows up on")
    REPEATS = "herhaling van", _("repeats")
    CHANGES = "wijziging van", _("changes")
    SUPPLEMENTS = "aanvulling op", _("supplements")


class RappelOutcome(models.TextChoices):
    """What the committee decides about a commitment after a rappel."""

    FULFILLED = CommitmentStatus.VOLDAAN.value, _("fulfilled (closing letter)")
    PARTLY_FULFILLED = CommitmentStatus.DEELS_VOLDAAN.value, _("partly fulfilled, new due date")
    OPEN = CommitmentStatus.OPENSTAAND.value, _("still open, new due date")
    EXPLANATION = "uitleg gevraagd", _("explanation asked")


# ----------------------------------------------------------------------------- motions


class MotionStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("filed")
    AANGEHOUDEN = "aangehouden", _("held")
    AANGENOMEN = "aangenomen", _("adopted")
    VERWORPEN = "verworpen", _("rejected")
    INGETROKKEN = "ingetrokken", _("withdrawn")
    VERVALLEN = "vervallen", _("lapsed")

    @classmethod
    def from_decision(cls, besluit_soort: str) -> "MotionStatus | None":
        """The status a decision of the Kamer (its BesluitSoort) gives a motion; None when it is not a
        decision on a vote. A postponed or tied vote leaves the motion filed."""
        return _DECISIONS.get(" ".join((besluit_soort or "").lower().split()))


_DECISIONS = {
    "stemmen - aangenomen": MotionStatus.AANGENOMEN,
    "stemmen - zonder stemming aannemen": MotionStatus.AANGENOMEN,
    "stemmen - verworpen": MotionStatus.VERWORPEN,
    "stemmen - aangehouden": MotionStatus.AANGEHOUDEN,
    "stemmen - aangehouden (al tijdens debat)": MotionStatus.AANGEHOUDEN,
    "stemmen - ingetrokken": MotionStatus.INGETROKKEN,
    "stemmen - ingetrokken (al tijdens debat)": MotionStatus.INGETROKKEN,
    "stemmen - vervallen": MotionStatus.VERVALLEN,
    "stemmen - uitstellen": MotionStatus.INGEDIEND,
    "stemmen - gestaakt": MotionStatus.INGEDIEND,
}


class VoteChoice(models.TextChoices):
    """How a party (or, in a roll call, a member) voted: the Kamer's Stemming.Soort."""

    VOOR = "voor", _("for")
    TEGEN = "tegen", _("against")
    NIET_DEELGENOMEN = "niet deelgenomen", _("did not take part")


class SignerRole(models.TextChoices):
    INDIENER = "indiener", _("filed by")
    MEDEINDIENER = "medeindiener", _("co-signed by")


class KabinetsAppreciatie(models.TextChoices):
    """Known appraisals; the field keeps any raw value the Kamer publishes (e.g. 'Ontijdig')."""

    OORDEEL_KAMER = "Oordeel Kamer", _("Oordeel Kamer")
    ONTRADEN = "Ontraden", _("Ontraden")
    OVERGENOMEN = "Overgenomen", _("Overgenomen")
    ONTRADEN_TENZIJ = "Ontraden tenzij gewijzigd", _("Ontraden tenzij gewijzigd")
    ONDERSTEUND = "Ondersteund", _("Ondersteund")
    ONTIJDIG = "Ontijdig", _("Ontijdig")


# ----------------------------------------------------------------------------- papers and people


class DocumentKind(models.TextChoices):
    BRIEF_REGERING = "brief regering", _("government letter")
    MOTIE = "motie", _("motion")
    AMENDEMENT = "amendement", _("amendment")
    VERSLAG = "verslag", _("report")
    ANTWOORD_SCHRIFTELIJKE_VRAGEN = "antwoord schriftelijke vragen", _("answer to written questions")
    SCHRIFTELIJKE_VRAGEN = "schriftelijke vragen", _("written questions")
    HANDELINGEN = "handelingen", _("Handelingen (transcript)")
    WETSVOORSTEL = "wetsvoorstel", _("bill")
    OVERIG = "overig", _("other")

    @classmethod
    def not_letters(cls):
        """Kinds of paper that never answer a commitment."""
        return (cls.MOTIE, cls.AMENDEMENT, cls.HANDELINGEN)


class CitationKind(models.TextChoices):
    KAMERSTUK = "kamerstuk", _("Kamerstuk")
    HANDELINGEN = "handelingen", _("Handelingen")
    AANHANGSEL = "aanhangsel", _("Aanhangsel Handelingen")
    # A letter known before its Kamerstuk number: identified by its date and kenmerk until then.
    BRIEF = "brief", _("letter without a number yet (date and kenmerk)")
    # A paper of the Kamer's open data that has no Kamerstuk citation: known by its DocumentNummer.
    DOCUMENTNUMMER = "documentnummer", _("Kamer document number (no citation)")


class ActivityKind(models.TextChoices):
    PLENAIR_DEBAT = "plenair debat", _("plenary debate")
    COMMISSIEDEBAT = "commissiedebat", _("committee debate")
    TWEEMINUTENDEBAT = "tweeminutendebat", _("tweeminutendebat (formerly VAO/VSO)")
    WETGEVINGSOVERLEG = "wetgevingsoverleg", _("legislative consultation")
    SCHRIFTELIJK_OVERLEG = "schriftelijk overleg", _("written consultation")
    SCHRIFTELIJKE_VRAGEN = "schriftelijke vragen", _("written questions")
    OVERIG = "overig", _("other")


class OfficeFunction(models.TextChoices):
    MINISTER_PRESIDENT = "minister-president", _("minister-president")
    MINISTER = "minister", _("minister")
    MINISTER_FOR = "minister voor", _("minister for (without own ministry)")
    STAATSSECRETARIS = "staatssecretaris", _("staatssecretaris")


class RecessConfidence(models.TextChoices):
    VERIFIED = "verified", _("verified (chamber's own pages)")
    INFERRED = "inferred", _("inferred (dated news)")
    PATTERN = "pattern", _("pattern (regular rule)")


# ----------------------------------------------------------------------------- subscriptions


class DigestFrequency(models.TextChoices):
    """How often a subscription's digest is sent."""

    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class SubscriptionKind(models.TextChoices):
    """What a subscription follows: a list selection (its query string), or the commitments the user follows."""

    SELECTION = "selection", _("list selection")
    FOLLOWED = "followed", _("commitments I follow")
