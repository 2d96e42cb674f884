"""Daily use in a real browser: the phone width, the "brief ontvangen" flow, and axe on every page.

Uses the Chromium set-up of tests/test_browser.py (Debian's /usr/bin/chromium, skipped without it
unless REQUIRE_BROWSER=1). Here axe-core must report no violation at all, of any impact.
"""

import datetime
import re

import pytest
from django.utils import timezone

from commitments.auth import GRIFFIE
from commitments.models import Closure, Commitment, Document, DocumentKind
from tests.factories import CommitmentFactory, DocumentFactory, DossierFactory, MotionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def assert_no_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert not results.response["violations"], f"{page.url}\n" + results.generate_report()


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_status_and_days_late_come_first_and_fit_the_screen(live_server, page, data):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/toezeggingen/")
    assert no_horizontal_scroll(page)
    card = page.locator("table.commitments tbody tr").first
    late = card.locator(".late")
    assert late.is_visible() and "dagen te laat" in late.inner_text()
    box, card_box = late.bounding_box(), card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] - card_box["y"] < 40  # status and days late head the card
    # The filters are folded away, so the results start on the first screen.
    assert page.locator("#results-heading").bounding_box()["y"] < PHONE["height"]

    page.goto(live_server.url + data["prevention"].get_absolute_url())
    assert no_horizontal_scroll(page)
    assert page.locator(".status-line .late").is_visible()


def test_a_clerk_registers_a_letter_and_closes_what_it_answers_in_one_screen(live_server, page):
    dossier = DossierFactory(number="28345", title="Aanpak huiselijk geweld")
    motion = MotionFactory(document=DocumentFactory(dossier=dossier, ondernummer="240", kind=DocumentKind.MOTIE))
    obligation = CommitmentFactory(
        kind=Commitment.Kind.MOTIE,
        motion=motion,
        dossier=dossier,
        text="Chat bij niet-overheidsorganisaties ondersteunen.",
        made_on=timezone.localdate() - datetime.timedelta(days=90),
    )
    other = CommitmentFactory(text="Iets over stikstof.")
    user = UserFactory(username="griffier", groups=[GRIFFIE])
    user.set_password("wachtwoord-123")
    user.save()

    page.goto(live_server.url + "/admin/login/?next=/admin/commitments/document/")
    page.fill("#id_username", "griffier")
    page.fill("#id_password", "wachtwoord-123")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Brief ontvangen").click()
    page.wait_for_url(re.compile("brief-ontvangen"))
    assert_no_axe_violations(page)

    page.fill("#id_citation_text", "Kamerstuk 28 345, nr. 300")
    page.fill("#id_date", timezone.localdate().strftime("%d-%m-%Y"))
    page.fill("#id_title", "Voortgangsrapportage")
    page.fill("#id_text", "Over de motie (Kamerstuk 28 345, nr. 240): de chat wordt ondersteund.")
    page.get_by_role("button", name=re.compile("Toon wat")).click()
    choice = page.locator(f"#id_fulfil_{obligation.pk}")
    assert "motie" in page.locator("#proposals tbody tr").first.inner_text().lower()
    choice.select_option("volledig")
    page.get_by_role("button", name=re.compile("Registreer")).click()
    page.wait_for_url(re.compile(r"/admin/commitments/document/\d+/change/"))
    assert "is geregistreerd en doet 1 toezegging af" in page.locator(".messagelist").inner_text()
    letter = Document.objects.get(identifier="28345-300")
    assert Closure.objects.get(document=letter).commitment_id == obligation.pk
    obligation.refresh_from_db(), other.refresh_from_db()
    assert (obligation.status, other.status) == ("voldaan", "openstaand")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/toezeggingen/",
        "/moties/",
        "/dossiers/",
        "/ministeries/",
        "/ministeries/?naar=nu",
        "/commissies/",
        "/personen/",
        "detail",
        "ministry",
        "motion",
        "dossier",
    ],
)
def test_every_page_has_no_accessibility_violation(live_server, page, data, path, width):
    prevention = data["prevention"]
    dossier = DossierFactory(number="31015", title="Kindermishandeling")
    motion = MotionFactory(document=DocumentFactory(dossier=dossier, ondernummer="205", kind=DocumentKind.MOTIE))
    prevention.motions_concerned.add(motion)
    path = {
        "detail": prevention.get_absolute_url(),
        "ministry": "/ministeries/VWS/",
        "motion": motion.get_absolute_url(),
        "dossier": dossier.get_absolute_url(),
    }.get(path, path)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)
