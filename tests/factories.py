"""factory-boy factories for the tracker's models."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments import clock, models
from commitments.services import closing
from commitments.services import motions as motion_services


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Party
        django_get_or_create = ["abbreviation"]

    abbreviation = factory.Sequence(lambda n: f"P{n}")
    name = factory.LazyAttribute(lambda o: f"Partij {o.abbreviation}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Lid{n}")
    party = factory.SubFactory(PartyFactory)


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Ministry
        django_get_or_create = ["abbreviation"]

    abbreviation = factory.Sequence(lambda n: f"M{n}")
    name = factory.LazyAttribute(lambda o: f"Ministerie {o.abbreviation}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Committee
        django_get_or_create = ["abbreviation"]

    abbreviation = factory.Sequence(lambda n: f"C{n}")
    name = factory.LazyAttribute(lambda o: f"vaste commissie {o.abbreviation}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Office

    person = factory.SubFactory(PersonFactory, party=None)
    function = models.Office.Function.STAATSSECRETARIS
    ministry = factory.SubFactory(MinistryFactory)
    title = factory.LazyAttribute(lambda o: f"staatssecretaris van {o.ministry.abbreviation}")
    start = datetime.date(2017, 10, 26)
    end = None


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Dossier
        django_get_or_create = ["number", "suffix"]

    number = factory.Sequence(lambda n: str(30000 + n))
    suffix = ""
    title = factory.Sequence(lambda n: f"Dossier {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A Kamerstuk (letter by default) in a dossier."""

    class Meta:
        model = models.Document

    citation_kind = models.Document.CitationKind.KAMERSTUK
    chamber = models.Chamber.TK
    dossier = factory.SubFactory(DossierFactory)
    ondernummer = factory.Sequence(lambda n: str(100 + n))
    kind = models.DocumentKind.BRIEF_REGERING
    title = factory.Sequence(lambda n: f"Brief {n}")
    date = factory.LazyFunction(lambda: clock.today())


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Activity

    kind = models.Activity.Kind.COMMISSIEDEBAT
    title = factory.Sequence(lambda n: f"Commissiedebat {n}")
    date = factory.LazyFunction(lambda: clock.today())
    committee = factory.SubFactory(CommitteeFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    """An open commitment; its later state is reached through the services, as a clerk would.

    - `fulfilled=True` / `partly_fulfilled=True` close it with a letter through
      `closing.close_with_letter`; `fulfilled__on=day` dates the letter (default: today, or the
      day it was made if that is later), `fulfilled__letter=document` names the letter.
    - `lapsed=True` (or `lapsed="reason"`) marks it lapsed through `closing.mark_lapsed`.
    """

    class Meta:
        model = models.Commitment
        skip_postgeneration_save = True

    kind = models.Commitment.Kind.TOEZEGGING
    text = factory.Sequence(lambda n: f"De staatssecretaris zegt toe de Kamer te informeren over onderwerp {n}.")
    made_on = factory.LazyFunction(lambda: clock.today() - datetime.timedelta(days=60))
    office = factory.SubFactory(OfficeFactory)
    bewindspersoon = factory.LazyAttribute(lambda o: o.office.person)
    ministry = factory.LazyAttribute(lambda o: o.office.ministry)
    committee = factory.SubFactory(CommitteeFactory)
    source_activity = factory.SubFactory(ActivityFactory, committee=factory.SelfAttribute("..committee"))
    deadline_phrase = "in januari"
    due_date = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=30))
    status = models.Commitment.Status.OPENSTAAND

    @factory.post_generation
    def partly_fulfilled(self, create, extracted, **kwargs):
        if create and extracted:
            _close(self, models.Fulfilment.PARTIAL, **kwargs)

    @factory.post_generation
    def fulfilled(self, create, extracted, **kwargs):
        if create and extracted:
            _close(self, models.Fulfilment.FULL, **kwargs)

    @factory.post_generation
    def lapsed(self, create, extracted, **kwargs):
        if create and extracted:
            reason = extracted if isinstance(extracted, str) else "Ingehaald door nieuw beleid"
            closing.mark_lapsed([self], reason=reason)


def _close(commitment, fulfilment, on=None, letter=None, **letter_fields):
    """Close `commitment` with a letter (made here unless given) through the closing service."""
    if letter is None:
        day = on or max(filter(None, [clock.today(), commitment.made_on]))
        letter = DocumentFactory(date=day, **letter_fields)
    closing.close_with_letter([commitment], letter, fulfilment, closed_on=on)


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitmentRecipient

    commitment = factory.SubFactory(CommitmentFactory)
    person = factory.SubFactory(PersonFactory)
    party = factory.LazyAttribute(lambda o: o.person.party if o.person else None)


class MotionFactory(factory.django.DjangoModelFactory):
    """A filed motion; `course=[status, ...]` records its course through
    `services.motions.record_motion_status` (so an adopted motion gets its obligation), and
    `adopted=True` is the course `[aangenomen]`. `course__on=day` / `adopted__on=day` date the
    steps (default: the day it was filed)."""

    class Meta:
        model = models.Motion
        skip_postgeneration_save = True

    class Params:
        # A motion known by its Zaak number alone, as most of the Kamer's open data has them.
        without_kamerstuk = factory.Trait(document=None, zaak=factory.Sequence(lambda n: f"2024Z{20000 + n:05d}"))

    document = factory.SubFactory(DocumentFactory, kind=models.DocumentKind.MOTIE, title="Motie")
    zaak = None
    title = factory.Sequence(lambda n: f"Motie van het lid Lid{n}")
    dictum = "verzoekt de regering, de Kamer voor het zomerreces te informeren,"
    filed_on = factory.LazyFunction(lambda: clock.today())

    @factory.post_generation
    def course(self, create, extracted, on=None, **kwargs):
        if create and extracted:
            for status in extracted:
                motion_services.record_motion_status(self, status, date=on or self.filed_on)

    @factory.post_generation
    def adopted(self, create, extracted, on=None, **kwargs):
        if create and extracted:
            motion_services.record_motion_status(self, models.MotionStatus.AANGENOMEN, date=on or self.filed_on)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision of the Kamer on a motion (a step of its course, as the open data gives one).

    Built directly, not through the services: the motion's status is left as it is."""

    class Meta:
        model = models.MotionStatusChange

    motion = factory.SubFactory(MotionFactory, without_kamerstuk=True)
    status = models.MotionStatus.AANGENOMEN
    date = factory.LazyFunction(lambda: clock.today())
    decision_as_published = "Stemmen - aangenomen"
    vote_kind = "Met handopsteken"


class VoteFactory(factory.django.DjangoModelFactory):
    """A party's vote with its seats; for a member's vote in a roll call pass `person=` and `party=None`."""

    class Meta:
        model = models.Vote

    decision = factory.SubFactory(DecisionFactory)
    party = factory.SubFactory(PartyFactory)
    person = None
    actor_name = factory.LazyAttribute(lambda o: o.person.name if o.person else o.party.abbreviation)
    party_name = factory.LazyAttribute(lambda o: o.party.abbreviation if o.party else "")
    choice = models.VoteChoice.VOOR
    seats = factory.LazyAttribute(lambda o: 1 if o.person else 10)  # a member carries one seat
    mistake = False


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))
            self.save()


def derived_commitment(phrase, made_on, **fields):
    """A commitment whose due date the deadline engine derived from `phrase` (services.deadlines)."""
    from commitments.services import deadlines

    commitment = CommitmentFactory(deadline_phrase=phrase, made_on=made_on, due_date=None, **fields)
    deadlines.derive_deadline(commitment)
    commitment.refresh_from_db()
    return commitment


def copies_of(template, count, vary=None):
    """`count` more commitments like `template`, in bulk: same relations, recipients and closing letters.

    For query-count tests at hundreds of rows, where building each row through the services
    would take most of the suite's time. The template itself is built the way users build one
    (factories and services), and the copies take its state as it is, so they are as valid as it
    is. `vary(i)` may give field values per copy (e.g. a due date). Copies have no change history.
    """
    fields = {
        field.attname: getattr(template, field.attname)
        for field in models.Commitment._meta.concrete_fields
        if not field.primary_key and field.name not in ("number", "created_at", "updated_at")
    }
    copies = models.Commitment.objects.bulk_create(
        [models.Commitment(**{**fields, **(vary(i) if vary else {})}) for i in range(count)]
    )
    models.CommitmentRecipient.objects.bulk_create(
        models.CommitmentRecipient(commitment=copy, person_id=recipient.person_id, party_id=recipient.party_id)
        for copy in copies
        for recipient in template.recipients.all()
    )
    models.Closure.objects.bulk_create(
        models.Closure(
            commitment=copy,
            document_id=closure.document_id,
            fulfilment=closure.fulfilment,
            closed_on=closure.closed_on,
            note=closure.note,
        )
        for copy in copies
        for closure in template.closures.all()
    )
    return copies
