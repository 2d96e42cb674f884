"""The public pages in a real browser: the reader's main path, and an accessibility check.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright against pytest-django's
live server. Without that browser the tests are skipped, unless REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure. axe-core comes bundled in the axe-playwright-python
wheel, so nothing is fetched at run time.

The live server runs in this process, so the `frozen_today` fixture freezes its "today" too;
every date here is relative to TODAY.
"""

import csv
import datetime
import io
import os
import re
from pathlib import Path

import pytest

from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    MinistryFactory,
    OfficeFactory,
    PartyFactory,
    PersonFactory,
    RecipientFactory,
)

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the test
# itself, refuses to run inside one unless told it is safe (it is: the loop is Playwright's).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
# Impact levels that fail the accessibility check; "minor" and "moderate" are reported only.
BLOCKING_IMPACTS = {"serious", "critical"}
TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _require_chromium():
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); set REQUIRE_BROWSER=1 to fail instead")


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def data(frozen_today):
    """Overdue commitments at two ministries, one with a recipient and a closing letter."""
    today = frozen_today(TODAY)
    vws = MinistryFactory(abbreviation="VWS", name="Volksgezondheid, Welzijn en Sport")
    jenv = MinistryFactory(abbreviation="JenV", name="Justitie en Veiligheid")
    committee = CommitteeFactory(abbreviation="VWS", name="vaste commissie voor Volksgezondheid, Welzijn en Sport")
    blokhuis = OfficeFactory(
        person=PersonFactory(name="Blokhuis", party=None), ministry=vws, title="staatssecretaris van VWS"
    )
    prevention = CommitmentFactory(
        office=blokhuis,
        committee=committee,
        text="De Kamer in januari informeren over preventie.",
        deadline_phrase="in januari",
        due_date=today - datetime.timedelta(days=40),
    )
    RecipientFactory(
        commitment=prevention, person=PersonFactory(name="Wörsdörfer", party=PartyFactory(abbreviation="VVD"))
    )
    partly = CommitmentFactory(
        office=blokhuis,
        committee=committee,
        text="Een gesprek met de Nationaal Rapporteur.",
        made_on=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=10),
        partly_fulfilled=True,
        partly_fulfilled__on=today - datetime.timedelta(days=5),
    )
    CommitmentFactory(
        office=OfficeFactory(ministry=jenv),
        committee=None,
        source_activity=None,
        text="Een brief van JenV.",
        due_date=today - datetime.timedelta(days=3),
    )
    CommitmentFactory(
        office=blokhuis, committee=committee, text="Nog niet te laat.", due_date=today + datetime.timedelta(days=20)
    )
    return {"prevention": prevention, "partly": partly}


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{page.url}\n" + results.generate_report()


def test_reader_follows_overdue_filters_by_ministry_opens_an_item_and_downloads_csv(live_server, page, data):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name=re.compile(r"^\s*3\s+te laat\s*$")).click()

    page.wait_for_url(re.compile(r"/toezeggingen/\?.*overdue=true"))
    assert page.get_by_role("heading", name=re.compile("3 toezeggingen")).is_visible()
    page.get_by_label("Ministerie").select_option("VWS")
    page.get_by_role("button", name="Toon").click()

    page.wait_for_url(re.compile(r"ministry=VWS"))
    rows = page.locator("table.commitments tbody tr")
    assert rows.count() == 2
    assert "40 dagen te laat" in rows.first.inner_text()
    assert "JenV" not in page.locator("table.commitments").inner_text()

    rows.first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/toezeggingen/{data['prevention'].pk}/$"))
    assert "De Kamer in januari informeren over preventie." in page.locator("main").inner_text()
    assert "Wörsdörfer (VVD)" in page.locator("main").inner_text()

    page.go_back()
    with page.expect_download() as download_info:
        page.locator("#export-csv").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8-sig", newline="") as stream:
        exported = list(csv.DictReader(io.StringIO(stream.read())))
    assert {row["id"] for row in exported} == {str(data["prevention"].pk), str(data["partly"].pk)}
    assert {row["ministerie"] for row in exported} == {"VWS"}


def test_invalid_filter_shows_the_errors(live_server, page, data):
    response = page.goto(live_server.url + "/toezeggingen/?status=bogus&due_after=2021-13-45")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()


def test_language_switch_without_javascript(live_server, browser, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/toezeggingen/")
    page.get_by_role("button", name=re.compile("EN")).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Commitments"
    context.close()


@pytest.mark.parametrize("path", ["/", "/toezeggingen/", "/toezeggingen/?status=bogus", "detail"])
def test_pages_have_no_serious_accessibility_violations(live_server, page, data, path):
    if path == "detail":
        path = data["prevention"].get_absolute_url()
    page.goto(live_server.url + path)
    assert_accessible(page)
