"""factory-boy factories for the tracker's models."""
import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from commitments import clock, models


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
    class Meta:
        model = models.Commitment

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


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitmentRecipient

    commitment = factory.SubFactory(CommitmentFactory)
    person = factory.SubFactory(PersonFactory)
    party = factory.LazyAttribute(lambda o: o.person.party if o.person else None)


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Motion

    document = factory.SubFactory(DocumentFactory, kind=models.DocumentKind.MOTIE, title="Motie")
    title = factory.Sequence(lambda n: f"Motie van het lid Lid{n}")
    dictum = "verzoekt de regering, de Kamer voor het zomerreces te informeren,"
    filed_on = factory.LazyFunction(lambda: clock.today())


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
