"""The public pages: dashboard, the filtered list, detail pages, access and query budgets.

"Today" is frozen at TODAY with the `frozen_today` fixture (it patches `commitments.clock.today`,
the one place the views take the date from); every date in these tests is relative to it.
"""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import (
    Activity,
    Closure,
    Commitment,
    CommitmentRelation,
    DeadlineChange,
    DocumentKind,
    Motion,
    MotionSigner,
    Office,
    Person,
)
from commitments.selectors import pages as selectors
from commitments.services import closing, motions
from tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    DossierFactory,
    MinistryFactory,
    MotionFactory,
    OfficeFactory,
    PartyFactory,
    PersonFactory,
    RecipientFactory,
    copies_of,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
LIST = reverse("commitments:commitment_list")


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today(TODAY)


def commitment(**kwargs):
    kwargs.setdefault("made_on", days(-60))
    kwargs.setdefault("due_date", days(30))
    return CommitmentFactory(**kwargs)


def close(c, when, fulfilment=Closure.Fulfilment.FULL, document=None):
    """Close `c` with a letter dated `when`, through the closing service (which sets the status)."""
    document = document or DocumentFactory(date=when)
    closing.close_with_letter([c], document, fulfilment, closed_on=when)
    return c.closures.get(document=document)


def listed(client, query=""):
    """The pks of the list's rows on its first page, in order."""
    response = client.get(f"{LIST}?{query}" if query else LIST)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [c.pk for c in response.context["page_obj"].object_list]


class Page(HTMLParser):
    """Just enough HTML reading for landmark, heading and link assertions."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.links = []
        self.lang = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])


# --------------------------------------------------------------------------- dashboard


@pytest.fixture
def mix():
    """One commitment in every state the dashboard counts."""
    return {
        "open_later": commitment(due_date=days(60)),
        "due_soon": commitment(due_date=days(10)),
        "due_today": commitment(due_date=TODAY),
        "overdue": commitment(due_date=days(-5)),
        "partly_overdue": commitment(due_date=days(-20), partly_fulfilled=True, partly_fulfilled__on=days(-40)),
        "no_date": commitment(due_date=None, deadline_phrase="", deadline_precision="none"),
        "closed_recently": close(commitment(due_date=days(-1)), days(-3)).commitment,
        "closed_long_ago": close(commitment(due_date=days(-200), made_on=days(-300)), days(-100)).commitment,
        "lapsed": commitment(due_date=days(-50), lapsed=True),
    }


def test_dashboard_counts(client, mix):
    counts = client.get("/").context["counts"]
    assert counts.open == 6
    assert counts.overdue == 2
    assert counts.due_soon == 2  # due today and in ten days
    assert counts.closed_recently == 1


@pytest.mark.parametrize(
    ("tile", "expected"),
    [
        ("tile-open", {"open_later", "due_soon", "due_today", "overdue", "partly_overdue", "no_date"}),
        ("tile-overdue", {"overdue", "partly_overdue"}),
        ("tile-due-soon", {"due_soon", "due_today"}),
        ("tile-closed", {"closed_recently"}),
    ],
)
def test_each_dashboard_figure_links_to_the_list_of_exactly_those_commitments(client, mix, tile, expected):
    html = client.get("/").content.decode()
    href = re.search(rf'href="([^"]+)" id="{tile}"', html).group(1).replace("&amp;", "&")
    figure = re.search(rf'id="{tile}"><span class="figure">(\d+)', html).group(1)
    assert urlsplit(href).path == LIST
    assert set(listed(client, urlsplit(href).query)) == {mix[name].pk for name in expected}
    assert int(figure) == len(expected)


def test_dashboard_overdue_per_ministry_and_committee_with_plenary_bucket(client):
    vws, jenv = MinistryFactory(abbreviation="VWS"), MinistryFactory(abbreviation="JenV")
    committee = CommitteeFactory(abbreviation="VWS-c")
    for _ in range(2):
        commitment(due_date=days(-3), office=OfficeFactory(ministry=vws), committee=committee)
    commitment(due_date=days(-3), office=OfficeFactory(ministry=jenv), committee=None, source_activity=None)
    response = client.get("/")
    assert [(r["abbreviation"], r["count"]) for r in response.context["per_ministry"]] == [("VWS", 2), ("JenV", 1)]
    assert [(r["abbreviation"], r["count"]) for r in response.context["per_committee"]] == [("VWS-c", 2), (None, 1)]
    html = response.content.decode()
    assert "Plenair" in html
    assert "?overdue=true&amp;committee=plenair" in html
    assert "?overdue=true&amp;ministry=JenV" in html


def test_dashboard_lists_the_most_overdue_first(client):
    late = commitment(due_date=days(-40))
    later = commitment(due_date=days(-400))
    commitment(due_date=days(5))
    rows = list(client.get("/").context["most_overdue"])
    assert [c.pk for c in rows] == [later.pk, late.pk]
    assert rows[0].days_late == 400


# --------------------------------------------------------------------------- list: filters


def test_list_filters_by_text(client):
    match = commitment(text="Een gesprek met de Nationaal Rapporteur")
    commitment(text="Iets anders")
    assert listed(client, "q=rapporteur") == [match.pk]


def test_list_filters_by_status(client):
    open_ = commitment()
    partly = commitment(partly_fulfilled=True)
    commitment(lapsed=True)
    assert set(listed(client, "status=openstaand&status=deels+voldaan")) == {open_.pk, partly.pk}


def test_list_filters_overdue_only(client):
    late = commitment(due_date=days(-1))
    commitment(due_date=TODAY)
    commitment(due_date=days(-1), lapsed=True)
    assert listed(client, "overdue=true") == [late.pk]
    assert listed(client, "overdue=on") == [late.pk]


def test_list_filters_by_kind(client):
    obligation = MotionFactory(adopted=True).obligation
    commitment()
    assert listed(client, "kind=motie") == [obligation.pk]


def test_list_filters_by_due_and_made_dates(client):
    a = commitment(made_on=days(-100), due_date=days(10))
    b = commitment(made_on=days(-10), due_date=days(40))
    assert listed(client, f"due_after={days(20)}") == [b.pk]
    assert listed(client, f"due_before={days(20)}") == [a.pk]
    assert listed(client, f"made_after={days(-50)}") == [b.pk]
    assert listed(client, f"made_before={days(-50)}") == [a.pk]


def test_list_filters_by_ministry_and_bewindspersoon(client):
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="OCW"))
    mine = commitment(office=office)
    commitment()
    assert listed(client, "ministry=OCW") == [mine.pk]
    assert listed(client, f"bewindspersoon={office.person.pk}") == [mine.pk]


def test_list_filters_by_committee_and_plenary(client):
    committee = CommitteeFactory(abbreviation="JenV")
    in_committee = commitment(committee=committee)
    plenary = commitment(committee=None, source_activity=None)
    assert listed(client, "committee=JenV") == [in_committee.pk]
    assert listed(client, "committee=plenair") == [plenary.pk]


def test_list_filters_by_dossier_with_and_without_suffix(client):
    plain = commitment(dossier=DossierFactory(number="31015"))
    suffixed = commitment(dossier=DossierFactory(number="36200", suffix="XVI"))
    assert listed(client, "dossier=31015") == [plain.pk]
    assert listed(client, "dossier=36200-XVI") == [suffixed.pk]


def test_list_filters_by_member_and_party(client):
    party = PartyFactory(abbreviation="VVD")
    member = PersonFactory(name="Wörsdörfer", party=party)
    to_member = RecipientFactory(person=member, commitment=commitment()).commitment
    commitment()
    assert listed(client, f"member={member.pk}") == [to_member.pk]
    assert listed(client, "party=VVD") == [to_member.pk]


def test_list_filters_fulfilled_since(client):
    recent = close(commitment(), days(-3)).commitment
    close(commitment(made_on=days(-120)), days(-90))
    partly = close(commitment(), days(-2), Closure.Fulfilment.PARTIAL).commitment
    assert listed(client, f"closed_after={days(-30)}") == [recent.pk]
    assert partly.pk not in listed(client, f"closed_after={days(-30)}")


# --------------------------------------------------------------------------- list: sorting, paging


@pytest.fixture
def sortable():
    return {
        "a": commitment(due_date=days(-10), made_on=days(-20)),
        "b": commitment(due_date=days(-2), made_on=days(-100)),
        "c": commitment(due_date=days(15), made_on=days(-5)),
        "none": commitment(due_date=None, made_on=days(-50)),
    }


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["a", "b", "c", "none"]),
        ("due_date", ["a", "b", "c", "none"]),
        ("-due_date", ["c", "b", "a", "none"]),
        ("-days_overdue", ["a", "b", "c", "none"]),
        ("days_overdue", ["b", "a", "c", "none"]),
        ("made_on", ["b", "none", "a", "c"]),
        ("-made_on", ["c", "a", "none", "b"]),
    ],
)
def test_list_sort_orders_put_empty_values_last(client, sortable, sort, order):
    pks = listed(client, f"sort={sort}" if sort else "")
    names = {c.pk: name for name, c in sortable.items()}
    # Rows that are not overdue have no days_overdue: they follow the overdue ones, in pk order.
    assert [names[pk] for pk in pks] == order


def test_list_is_paginated_and_page_links_keep_the_filters(client):
    ministry = MinistryFactory(abbreviation="VWS")
    office = OfficeFactory(ministry=ministry)
    for n in range(30):
        commitment(office=office, due_date=days(n))
    commitment(due_date=days(1))
    response = client.get(f"{LIST}?ministry=VWS&sort=due_date")
    page = response.context["page_obj"]
    assert page.paginator.count == 30 and len(page.object_list) == 25
    html = response.content.decode()
    assert 'href="?ministry=VWS&amp;sort=due_date&amp;page=2"' in html
    second = client.get(f"{LIST}?ministry=VWS&sort=due_date&page=2")
    assert len(second.context["page_obj"].object_list) == 5


def test_list_links_the_csv_and_calendar_exports_with_the_current_filters(client):
    commitment()
    html = client.get(f"{LIST}?overdue=true&ministry=&page=1").content.decode()
    export = reverse("commitments:commitment_export")
    ics = reverse("commitments:deadlines_ics")
    assert f'href="{export}?overdue=true&amp;ministry="' in html
    assert f'href="{ics}?overdue=true&amp;ministry="' in html


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "due_after=2021-13-45",
        "made_before=gisteren",
        "ministry=NOPE",
        "committee=nope",
        "dossier=abc",
        "sort=text",
        "member=999999",
        "kind=wet",
    ],
)
def test_invalid_filter_values_answer_400_with_the_errors(client, query):
    commitment()
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert response.context["filter"].errors
    assert "<tbody>" not in html


def test_every_filter_control_has_a_label(client):
    html = client.get(LIST).content.decode()
    form = html[html.index('<form class="filters"') : html.index("</form>", html.index('<form class="filters"'))]
    ids = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', form)
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', form))
    assert ids
    assert set(ids) <= labelled


# --------------------------------------------------------------------------- list rows


def test_overdue_rows_show_days_late(client):
    commitment(due_date=days(-12))
    commitment(due_date=days(-1))
    html = client.get(LIST).content.decode()
    assert "12 dagen te laat" in html
    assert "1 dag te laat" in html


def test_rows_without_a_date_say_why(client):
    from commitments.models import DocumentSeries

    series = DocumentSeries.objects.create(name="Voortgangsrapportage Geweld hoort nergens thuis")
    commitment(
        due_date=None,
        deadline_phrase="bij de volgende voortgangsrapportage",
        deadline_precision="event",
        deadline_anchor="event",
        expected_series=series,
    )
    commitment(due_date=None, deadline_phrase="binnenkort", deadline_precision="vague", deadline_anchor="vague")
    commitment(
        due_date=None,
        deadline_phrase="",
        deadline_precision="none",
        deadline_anchor="none",
        deadline_explanation="geen termijn genoemd in het debat",
    )
    html = client.get(LIST).content.decode()
    assert "wacht op Voortgangsrapportage Geweld hoort nergens thuis" in html
    assert "geen datum (vaag: binnenkort)" in html
    assert 'geen datum</span> <span class="phrase">– geen termijn genoemd in het debat' in html


# --------------------------------------------------------------------------- detail


@pytest.fixture
def detailed():
    vws = MinistryFactory(abbreviation="VWS", name="Volksgezondheid, Welzijn en Sport")
    blokhuis = PersonFactory(name="Blokhuis", party=None)
    office = OfficeFactory(person=blokhuis, ministry=vws, title="staatssecretaris van VWS")
    dossier = DossierFactory(number="31015", title="Kindermishandeling")
    source = DocumentFactory(dossier=dossier, ondernummer="202", kind=DocumentKind.VERSLAG, title="Verslag SO")
    c = commitment(
        number="TZ202011-001",
        text="De staatssecretaris informeert de Kamer in januari over preventie.",
        office=office,
        dossier=dossier,
        source_document=source,
        deadline_phrase="in januari",
        due_date=datetime.date(2021, 1, 31),
        deadline_precision="month",
        deadline_anchor="calendar",
        deadline_explanation="laatste dag van januari 2021",
        made_on=datetime.date(2020, 11, 10),
    )
    RecipientFactory(commitment=c, person=PersonFactory(name="Wörsdörfer", party=PartyFactory(abbreviation="VVD")))
    DeadlineChange.objects.create(
        commitment=c,
        old_due_date=None,
        new_due_date=datetime.date(2021, 1, 31),
        source=DeadlineChange.Source.DERIVED,
        phrase="in januari",
    )
    DeadlineChange.objects.create(
        commitment=c,
        old_due_date=datetime.date(2021, 1, 31),
        new_due_date=datetime.date(2021, 7, 1),
        source=DeadlineChange.Source.EXTENSION,
        reason="Uitstel gevraagd",
    )
    letter = DocumentFactory(
        dossier=dossier, ondernummer="210", title="Zesde voortgangsrapportage", date=datetime.date(2021, 6, 18)
    )
    close(c, datetime.date(2021, 6, 18), Closure.Fulfilment.PARTIAL, letter)
    follow_up = commitment(text="De uitkomsten in het najaar delen.", dossier=dossier)
    earlier = commitment(text="Eerdere toezegging over preventie.")
    CommitmentRelation.objects.create(from_commitment=follow_up, to_commitment=c)
    CommitmentRelation.objects.create(from_commitment=c, to_commitment=earlier, kind="herhaling van")
    return {"commitment": c, "letter": letter, "source": source, "follow_up": follow_up, "earlier": earlier}


def test_commitment_detail_shows_everything_a_clerk_checks(client, detailed):
    c = detailed["commitment"]
    html = client.get(c.get_absolute_url()).content.decode()
    assert c.text in html
    assert "“in januari”" in html and "31 januari 2021" in html and "laatste dag van januari 2021" in html
    assert "staatssecretaris van VWS" in html
    assert "Wörsdörfer</a> (VVD)" in html
    assert detailed["source"].official_url in html
    assert reverse("commitments:document", args=["31015-202"]) in html
    assert "18 juni 2021" in html and "gedeeltelijk" in html
    assert "1 juli 2021" in html and "Uitstel gevraagd" in html
    assert detailed["follow_up"].get_absolute_url() in html
    assert detailed["earlier"].get_absolute_url() in html


def test_commitment_detail_shows_status_changes_with_dates(client, detailed):
    history = client.get(detailed["commitment"].get_absolute_url()).context["status_history"]
    assert [change.status for change in history] == ["openstaand", "deels voldaan"]


def test_motion_obligation_links_to_its_motion(client):
    motion = MotionFactory(
        document=DocumentFactory(dossier=DossierFactory(number="31015"), ondernummer="205", kind=DocumentKind.MOTIE),
        adopted=True,
    )
    c = motion.obligation
    html = client.get(c.get_absolute_url()).content.decode()
    assert reverse("commitments:motion", args=["31015-205"]) in html


def test_unknown_commitment_is_404(client):
    assert client.get(reverse("commitments:commitment", args=[999999])).status_code == 404


# --------------------------------------------------------------------------- papers, motions, people, bodies


def test_document_page_shows_what_was_promised_and_what_it_closed(client, detailed):
    html = client.get(detailed["source"].get_absolute_url()).content.decode()
    assert detailed["commitment"].get_absolute_url() in html
    closed_html = client.get(detailed["letter"].get_absolute_url())
    assert [c.pk for c in closed_html.context["closed"]] == [detailed["commitment"].pk]
    assert "gedeeltelijk" in closed_html.content.decode()


def test_document_page_counts_promises_made_in_the_debate_it_reports(client):
    report = DocumentFactory(kind=DocumentKind.HANDELINGEN)
    c = commitment(source_activity=ActivityFactory(report=report))
    assert [x.pk for x in client.get(report.get_absolute_url()).context["promised"]] == [c.pk]


def test_document_page_of_a_motion_links_to_the_motion_page(client):
    motion = MotionFactory()
    html = client.get(motion.document.get_absolute_url()).content.decode()
    assert motion.get_absolute_url() in html


def test_dossier_page_lists_its_commitments(client, detailed):
    response = client.get(reverse("commitments:dossier", args=["31015"]))
    assert {c.pk for c in response.context["commitments"]} == {detailed["commitment"].pk, detailed["follow_up"].pk}
    assert "Kindermishandeling" in response.content.decode()


def test_dossier_page_of_a_dossier_with_a_suffix_answers(client):
    DossierFactory(number="36200", suffix="XVI", title="Begroting VWS")
    assert client.get(reverse("commitments:dossier", args=["36200-XVI"])).status_code == 200


@pytest.mark.parametrize("slug", ["99999", "onzin"])
def test_unknown_or_unreadable_dossier_is_404(client, slug):
    assert client.get(reverse("commitments:dossier", args=[slug])).status_code == 404


def test_motion_page(client):
    dossier = DossierFactory(number="31015")
    old = MotionFactory(document=DocumentFactory(dossier=dossier, ondernummer="205", kind=DocumentKind.MOTIE))
    motion = MotionFactory(
        document=DocumentFactory(dossier=dossier, ondernummer="215", kind=DocumentKind.MOTIE),
        kabinetsappreciatie="Oordeel Kamer",
        title="Motie Westerveld",
    )
    old.replaced_by = motion
    old.save()
    MotionSigner.objects.create(
        motion=motion,
        person=PersonFactory(name="Westerveld", party=PartyFactory(abbreviation="GL")),
        party=PartyFactory(abbreviation="GL"),
    )
    motions.record_motion_status(motion, Motion.Status.INGEDIEND, date=datetime.date(2020, 11, 12))
    motions.record_motion_status(motion, Motion.Status.AANGENOMEN, date=datetime.date(2020, 11, 17))
    obligation = motion.obligation
    close(obligation, datetime.date(2021, 6, 18))
    html = client.get(reverse("commitments:motion", args=["31015-215"])).content.decode()
    assert "Westerveld</a> (GL)" in html
    assert "Oordeel Kamer" in html
    assert "17 november 2020" in html
    assert obligation.get_absolute_url() in html and "volledig" in html
    assert old.get_absolute_url() in html
    assert motion.get_absolute_url() in client.get(old.get_absolute_url()).content.decode()
    assert client.get(reverse("commitments:motion", args=["31015-999"])).status_code == 404


def test_person_page_of_a_bewindspersoon_lists_the_commitments_made(client):
    minister = PersonFactory(name="De Jonge", party=None)
    made = commitment(office=OfficeFactory(person=minister, title="minister van VWS"))
    commitment()
    response = client.get(minister.get_absolute_url())
    assert [c.pk for c in response.context["made"]] == [made.pk]
    assert "minister van VWS" in response.content.decode()


def test_person_page_of_a_member_lists_the_commitments_received_and_motions_signed(client):
    member = PersonFactory(name="Westerveld")
    received = RecipientFactory(person=member, commitment=commitment()).commitment
    commitment()
    motion = MotionFactory()
    MotionSigner.objects.create(motion=motion, person=member, party=member.party)
    response = client.get(member.get_absolute_url())
    assert [c.pk for c in response.context["received"]] == [received.pk]
    assert motion.get_absolute_url() in response.content.decode()


def test_ministry_page_lists_open_and_overdue_and_the_on_time_rate(client):
    ministry = MinistryFactory(abbreviation="VWS")
    office = OfficeFactory(ministry=ministry)
    late = commitment(office=office, due_date=days(-5))
    pending = commitment(office=office, due_date=days(5))
    close(commitment(office=office, due_date=days(-10)), days(-20))  # on time
    close(commitment(office=office, due_date=days(-10)), days(-1))  # late
    close(commitment(office=office, due_date=days(-10)), days(-30))  # on time
    close(commitment(due_date=days(-10)), days(-1))  # another ministry
    response = client.get(ministry.get_absolute_url())
    overview = response.context["overview"]
    assert [c.pk for c in overview.overdue] == [late.pk]
    assert [c.pk for c in overview.open_not_overdue] == [pending.pk]
    # On time over everything due: 2 on time, 1 fulfilled late and 1 still overdue count against it.
    assert response.context["scorecard"].rate == pytest.approx(2 / 4)
    assert '<span class="figure" id="scorecard-rate">50%</span>' in response.content.decode()


def test_committee_page_lists_its_overdue_commitments_and_counts_them_against_its_rate(client):
    committee = CommitteeFactory(abbreviation="VWS")
    in_committee = commitment(committee=committee, due_date=days(-1))
    commitment(committee=None, source_activity=None, due_date=days(-1))
    response = client.get(committee.get_absolute_url())
    assert [c.pk for c in response.context["overview"].overdue] == [in_committee.pk]
    assert response.context["scorecard"].rate == 0  # one overdue, nothing fulfilled


def test_the_plenary_bucket_lists_commitments_made_outside_a_committee(client):
    commitment(committee=CommitteeFactory(abbreviation="VWS"), due_date=days(-1))
    plenary = commitment(committee=None, source_activity=None, due_date=days(-1))
    response = client.get(reverse("commitments:committee", args=["plenair"]))
    assert [c.pk for c in response.context["overview"].overdue] == [plenary.pk]


@pytest.mark.parametrize("body", ["committee", "ministry"])
def test_unknown_committee_or_ministry_is_404(client, body):
    assert client.get(reverse(f"commitments:{body}", args=["nope"])).status_code == 404


# --------------------------------------------------------------------------- layout, language, access


@pytest.mark.parametrize("url", ["/", LIST, f"{LIST}?status=bogus"])
def test_pages_have_landmarks_one_h1_and_the_language(client, url):
    commitment()
    page = Page(client.get(url).content.decode())
    assert page.lang == "nl"
    assert page.tags.count("h1") == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags
    assert "#main" in page.links


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": LIST}, follow=True)
    page = Page(response.content.decode())
    assert page.lang == "en"
    assert "Commitments" in response.content.decode()


def test_pages_are_public_by_default(client):
    assert client.get("/").status_code == 200


def test_require_login_setting_sends_visitors_to_login(client, settings):
    settings.TRACKER_REQUIRE_LOGIN = True
    c = commitment()
    for url in ("/", LIST, c.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(get_user_model().objects.create_user("lezer", password="geheim-wachtwoord-1"))
    assert client.get("/").status_code == 200


def test_pages_answer_get_only(client):
    assert client.post(LIST).status_code == 405


# --------------------------------------------------------------------------- query budgets


def populate(n):
    """n commitments with every relation a row shows: recipients, closures, source document.

    The related people, office and debate are shared between rows (cheap to make), which hides
    no extra query: Django fetches a related row per row unless the selector joins or prefetches it.
    """
    ministry = MinistryFactory(abbreviation="VWS")
    committee = CommitteeFactory(abbreviation="VWS")
    dossier = DossierFactory(number="31015")
    office = Office.objects.filter(ministry=ministry).first() or OfficeFactory(ministry=ministry)
    activity = Activity.objects.filter(committee=committee).first() or ActivityFactory(committee=committee)
    member = Person.objects.filter(name="Wörsdörfer").first() or PersonFactory(name="Wörsdörfer")
    other = Person.objects.filter(name="Westerveld").first() or PersonFactory(name="Westerveld")
    made = []
    for i in range(n):
        c = commitment(
            office=office,
            committee=committee,
            dossier=dossier,
            source_activity=activity,
            source_document=DocumentFactory(dossier=dossier),
            due_date=days(i - n // 2),
        )
        RecipientFactory(commitment=c, person=member)
        RecipientFactory(commitment=c, person=other)
        if i % 3 == 0:
            close(c, days(-1), Closure.Fulfilment.PARTIAL)
        made.append(c)
    return made


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Each budget counts the request's savepoint pair (ATOMIC_REQUESTS) too, and one COUNT per list
# cut at the shortlist limit. The dashboard's (cached, counted once per data version) are in
# tests/selectors/test_figures.py. A list reads the data version once for its filter form's
# choices (drawn once per version; warmed like the figures), then counts, reads a page's ids, its
# rows and their recipients; each filter value that names a row (ministry, member …) is one more.
PAGES = {
    "list": (lambda made: LIST, 7),
    "list filtered": (
        lambda made: (
            f"{LIST}?q=onderwerp&status=openstaand&status=deels+voldaan&ministry=VWS&committee=VWS"
            f"&dossier=31015&sort=-days_overdue&member={made[0].recipients.first().person.pk}"
            f"&party={made[0].recipients.last().party.abbreviation}&overdue=on&due_after=2020-01-01"
        ),
        11,
    ),
    "list overdue by days late": (lambda made: f"{LIST}?overdue=true&sort=-days_late", 7),
    "list by days late, every row": (lambda made: f"{LIST}?sort=-days_late&page=2", 7),
    "list open not overdue": (lambda made: f"{LIST}?ministry=VWS&status=open&overdue=false", 8),
    "list latest due first": (lambda made: f"{LIST}?sort=-due_date&page=3", 7),
    "detail": (lambda made: made[0].get_absolute_url(), 9),
    "document": (lambda made: made[1].source_document.get_absolute_url(), 9),  # + the debates it reports
    "ministry": (lambda made: reverse("commitments:ministry", args=["VWS"]), 8),  # counted by its scorecard
    "committee": (lambda made: reverse("commitments:committee", args=["VWS"]), 8),
    "dossier": (lambda made: reverse("commitments:dossier", args=["31015"]), 12),  # + the dossier timeline
    "person": (lambda made: made[0].recipients.first().person.get_absolute_url(), 12),
}
# At both sizes every shortlist on the detail pages is cut (a cut list costs one COUNT; half the
# rows are overdue, half are not), so the same page must cost exactly the same at 120 and 500 rows.
FEW, MANY = 4 * selectors.SHORTLIST_LIMIT + 20, 500


def grow(made, total):
    """Add copies of the first rows (one partly closed, one open) in bulk until there are `total`."""
    missing = total - Commitment.objects.count()
    closed_share = missing // 3
    # Half overdue, half not, a third partly closed: like `populate`, and every shortlist is cut.
    copies_of(made[0], closed_share, vary=lambda i: {"due_date": days(i % 40 - 20)})
    copies_of(made[1], missing - closed_share, vary=lambda i: {"due_date": days(i % 40 - 20)})


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_rows(client, page):
    url, budget = PAGES[page]
    made = populate(6)
    grow(made, FEW)
    client.get(url(made))  # warm the per-process caches (content types, site) alike for both runs
    few = count_queries(client, url(made))
    grow(made, MANY)
    client.get(url(made))  # and the figures cached for this data version (their cold path: test_figures)
    many = count_queries(client, url(made))
    assert few == many
    assert many <= budget


def test_ministry_page_shows_a_shortlist_of_overdue_and_links_to_all(client, django_assert_max_num_queries):
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    for _ in range(selectors.SHORTLIST_LIMIT + 5):
        commitment(office=office, due_date=days(-3))
    url = reverse("commitments:ministry", args=["VWS"])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    page = response.content.decode()
    assert len(response.context["overview"].overdue) == selectors.SHORTLIST_LIMIT
    assert f"Eerste {selectors.SHORTLIST_LIMIT} van {selectors.SHORTLIST_LIMIT + 5} getoond." in page
    assert f"{LIST}?overdue=true&amp;ministry=VWS" in page


def test_person_page_lists_all_when_under_the_limit(client):
    office = OfficeFactory()
    commitment(office=office)
    response = client.get(reverse("commitments:person", args=[office.person.pk]))
    made = response.context["made"]
    assert (len(made), made.total, made.truncated) == (1, 1, False)
    assert "getoond" not in response.content.decode()


@pytest.mark.parametrize("body", ["ministry", "committee"])
def test_open_not_overdue_see_all_link_lists_open_and_partly_fulfilled_rows_not_overdue(client, body):
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    committee = CommitteeFactory(abbreviation="VWS")
    pending = {
        commitment(office=office, committee=committee, due_date=days(5)).pk
        for _ in range(selectors.SHORTLIST_LIMIT + 1)
    }
    pending.add(commitment(office=office, committee=committee, due_date=days(9), partly_fulfilled=True).pk)
    commitment(office=office, committee=committee, due_date=days(-3))  # overdue: not in this list
    html = client.get(reverse(f"commitments:{body}", args=["VWS"])).content.decode()
    links = [link.replace("&amp;", "&") for link in Page(html).links if link.startswith(LIST)]
    see_all = next(link for link in links if "overdue=false" in link)
    assert urlsplit(see_all).query == f"status=open&overdue=false&{body}=VWS"
    response = client.get(see_all)
    assert {c.pk for c in response.context["filter"].qs} == pending


def test_search_for_a_superscript_digit_reads_it_as_the_digit(client):
    # It used to crash (int() refuses "²"); folding reads it as a plain 2, like an accent.
    commitment(text="Een gewone toezegging")
    commitment(text="Toezegging 2 van 3")
    assert listed(client, "q=²") == listed(client, "q=2") != []


# --------------------------------------------------------------------------- counts and deep pages


def test_a_list_longer_than_the_count_limit_says_more_than_and_its_pages_stop_there(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 30)
    made = [commitment(due_date=days(n)) for n in range(32)]
    response = client.get(LIST)
    html = response.content.decode()
    assert "Meer dan 30 toezeggingen" in html
    assert 'id="beyond-pages"' in html
    assert response.context["page_obj"].paginator.num_pages == 2
    assert f"{LIST}?page=2" not in html and 'href="?page=2"' in html  # "next", but no "last"
    # A page past the limit (a link made before, or typed) shows the last page that is paged.
    assert listed(client, "page=99") == [c.pk for c in made[25:30]]


def test_a_list_within_the_count_limit_gives_the_exact_count_and_a_last_page(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 30)
    for n in range(30):
        commitment(due_date=days(n))
    html = client.get(LIST).content.decode()
    assert "30 toezeggingen" in html and "Meer dan" not in html
    assert 'id="beyond-pages"' not in html
    assert "laatste" in html


def test_a_shortlist_longer_than_the_count_limit_says_more_than(client, monkeypatch):
    monkeypatch.setattr(selectors, "SHORTLIST_COUNT_LIMIT", 60)
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    for _ in range(61):
        commitment(office=office, due_date=days(-3))
    html = client.get(office.person.get_absolute_url()).content.decode()
    assert f"Eerste {selectors.SHORTLIST_LIMIT} van meer dan 60 getoond." in html


@pytest.mark.parametrize("body", ["ministry", "committee"])
def test_a_body_pages_shortlists_give_their_scorecards_exact_counts_without_counting(client, monkeypatch, body):
    monkeypatch.setattr(selectors, "SHORTLIST_COUNT_LIMIT", 60)
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    committee = CommitteeFactory(abbreviation="VWS")
    for n in range(61):
        commitment(office=office, committee=committee, due_date=days(-3 - n % 5))
    for _ in range(selectors.SHORTLIST_LIMIT + 2):
        commitment(office=office, committee=committee, due_date=days(4))
    url = reverse(f"commitments:{body}", args=["VWS"])
    client.get(url)  # the figures, counted once per data version
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    html = response.content.decode()
    overview = response.context["overview"]
    assert (overview.scorecard.overdue, overview.overdue.total, overview.overdue.more) == (61, 61, False)
    assert (overview.scorecard.open, overview.open_not_overdue.total) == (selectors.SHORTLIST_LIMIT + 2,) * 2
    assert f"Eerste {selectors.SHORTLIST_LIMIT} van 61 getoond." in html
    assert not [q for q in captured if q["sql"].startswith("SELECT COUNT(")]


@pytest.mark.parametrize("sort", ["-days_late", "days_late", "-days_overdue", "days_overdue"])
def test_overdue_rows_sorted_by_days_late_come_in_that_order_with_ties_by_id(client, sort):
    late = [commitment(due_date=days(-n)) for n in (5, 30, 5, 12, 30)]
    commitment(due_date=days(3))  # not overdue: not listed
    most_first = sorted(late, key=lambda c: (-(TODAY - c.due_date).days, c.pk))
    fewest_first = sorted(late, key=lambda c: ((TODAY - c.due_date).days, c.pk))
    expected = most_first if sort.startswith("-") else fewest_first
    assert listed(client, f"overdue=true&sort={sort}") == [c.pk for c in expected]


@pytest.mark.parametrize("sort", ["-days_late", "days_late"])
def test_sorted_by_days_late_without_the_overdue_filter_the_pages_give_overdue_rows_then_the_rest_by_id(client, sort):
    # Read from the first rows of each part (overdue by due date, the rest by id): the pages must
    # still be the one order, across the page where the overdue rows end.
    late = [commitment(due_date=days(-n)) for n in (5, 30, 5, 12, 30, 1, 8, 60, 2, 2, 9, 14, 3, 21, 7, 4, 6, 10)]
    rest = [commitment(due_date=days(n)) for n in (3, 1)] + [commitment(due_date=None) for _ in range(8)]
    rest += [close(commitment(due_date=days(-n)), days(-1)).commitment for n in (3, 40)]  # fulfilled: not late
    direction = -1 if sort.startswith("-") else 1
    expected = sorted(late, key=lambda c: (direction * (TODAY - c.due_date).days, c.pk))
    expected += sorted(rest, key=lambda c: c.pk)
    pages = [listed(client, f"sort={sort}&page={page}") for page in (1, 2)]
    assert len(pages[0]) == 25
    assert pages[0] + pages[1] == [c.pk for c in expected]


def test_sorted_by_days_late_on_one_ministry_keeps_the_filter(client):
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    mine = [commitment(office=office, due_date=days(-n)) for n in (3, 9)] + [commitment(office=office, due_date=None)]
    commitment(due_date=days(-20))  # another ministry's
    assert listed(client, "ministry=VWS&sort=-days_late") == [mine[1].pk, mine[0].pk, mine[2].pk]


@pytest.mark.parametrize("body", ["ministry", "committee"])
def test_open_not_overdue_shortlist_is_the_dated_rows_soonest_first_then_the_undated_by_id(client, body):
    office = OfficeFactory(ministry=MinistryFactory(abbreviation="VWS"))
    committee = CommitteeFactory(abbreviation="VWS")
    undated = [commitment(office=office, committee=committee, due_date=None) for _ in range(30)]
    dated = [commitment(office=office, committee=committee, due_date=days(n % 7)) for n in range(30)]
    commitment(office=office, committee=committee, due_date=days(-3))  # overdue: not in this list
    commitment(due_date=days(1))  # another body's
    response = client.get(reverse(f"commitments:{body}", args=["VWS"]))
    shortlist = response.context["overview"].open_not_overdue
    expected = sorted(dated, key=lambda c: (c.due_date, c.pk)) + sorted(undated, key=lambda c: c.pk)
    assert [c.pk for c in shortlist] == [c.pk for c in expected[: selectors.SHORTLIST_LIMIT]]
    assert (shortlist.total, shortlist.truncated) == (60, True)


def test_person_page_lists_the_motions_signed_newest_first_and_counts_them_all(client):
    member = PersonFactory(name="Westerveld")
    dates = [days(-n) for n in range(selectors.SHORTLIST_LIMIT + 4)] + [None, days(-3)]
    motions = [MotionFactory(filed_on=on) for on in dates]
    for motion in motions:
        MotionSigner.objects.create(motion=motion, person=member, party=member.party)
    MotionSigner.objects.create(motion=MotionFactory(filed_on=days(1)), person=PersonFactory())  # another's
    signed = client.get(member.get_absolute_url()).context["signed"]
    newest_first = sorted(motions, key=lambda m: (m.filed_on or datetime.date.min, m.pk), reverse=True)
    assert [s.motion_id for s in signed] == [m.pk for m in newest_first[: selectors.SHORTLIST_LIMIT]]
    assert (signed.total, signed.truncated) == (len(motions), True)


@pytest.mark.parametrize("count_limit", [selectors.SHORTLIST_COUNT_LIMIT, 30])
def test_a_dossiers_motions_are_the_newest_first_whether_few_or_many(client, monkeypatch, count_limit):
    """Up to the count limit the dossier's motions are sorted, beyond it read from the newest-first
    index: the same rows in the same order, the undated last."""
    monkeypatch.setattr(selectors, "SHORTLIST_COUNT_LIMIT", count_limit)
    dossier = DossierFactory(number="31015")
    for n in range(35):
        filed_on = None if n % 7 == 0 else days(-(n * 13) % 40)
        MotionFactory(document__dossier=dossier, document__ondernummer=str(100 + n), filed_on=filed_on)
    MotionFactory(document__dossier=DossierFactory(number="32000"), filed_on=days(1))  # another dossier
    response = client.get(dossier.get_absolute_url())
    expected = sorted(
        Motion.objects.filter(document__dossier=dossier),
        key=lambda motion: (motion.filed_on is not None, motion.filed_on or datetime.date.min, motion.pk),
        reverse=True,
    )
    shown = response.context["motions"]
    assert [motion.pk for motion in shown] == [motion.pk for motion in expected[: selectors.SHORTLIST_LIMIT]]
    assert (shown.total, shown.more) == ((35, False) if count_limit > 35 else (30, True))
