"""In Chromium: the charts are drawn from their data tables under the real
Content-Security-Policy, the tables stay in the accessibility tree, and the plan page and
the cockpit print without the navigation bar, their badges keeping their words."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from jiyuan_portal.tracking.models import Bureau, Target
from techreform.importing import import_file
from tests import factories
from tests.browser.portal_pages import log_in
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS, violations
from tests.techreform.test_town_table import sample_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_PAGE = reverse("dashboard:plan_detail", args=["techreform"])

# True when the canvas has at least one painted pixel.
CANVAS_PAINTED = """canvas => {
  const context = canvas.getContext("2d");
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
  return false;
}"""


@pytest.fixture
def charted_plan(seed):
    """The technical-reform plan with its 2017 town targets and an approved figure for the
    share of technical-reform investment (targets in 2017, 2018 and 2020)."""
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")
    target = Target.objects.get(code="reform-investment-share-2017")
    factories.TargetReportFactory(
        target=target,
        bureau=Bureau.objects.get(name="市工业和信息化委员会"),
        value=Decimal("12.5"),
        as_of=datetime.date(2017, 6, 30),
        approved=True,
    )
    return target


@pytest.fixture
def watched_page(browser_page):
    """The page, recording CSP violations and script errors."""
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.csp_console = []
    browser_page.on(
        "console",
        lambda message: (
            browser_page.csp_console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    browser_page.script_errors = []
    browser_page.on("pageerror", lambda error: browser_page.script_errors.append(str(error)))
    return browser_page


def test_plan_page_draws_its_charts_from_tables_that_screen_readers_still_read(
    watched_page, live_server, charted_plan
):
    page = log_in(watched_page, live_server, factories.supervisor())
    page.goto(live_server.url + PLAN_PAGE)
    page.wait_for_load_state("load")

    drawn = page.locator("figure.chart.chart-drawn")
    expect(drawn.first).to_be_visible()
    assert drawn.count() == page.locator("figure.chart").count() >= 2
    for index in range(drawn.count()):
        canvas = drawn.nth(index).locator("div[aria-hidden=true] canvas")
        assert canvas.evaluate(CANVAS_PAINTED), index

    # The share chart: named by its caption, its table read with the approved 12.5%.
    figure = page.get_by_role("figure", name="技术改造投资占工业投资的比重")
    expect(figure).to_have_count(1)
    table = figure.get_by_role("table")
    expect(table).to_have_count(1)
    expect(table.get_by_role("rowheader", name="2017")).to_have_count(1)
    expect(table.get_by_role("cell", name="12.5%")).to_have_count(1)
    expect(table.get_by_role("columnheader", name="目标")).to_have_count(1)
    # The table is hidden from sight only: the chart shows it, the accessibility tree keeps it.
    assert figure.locator(".chart-data").bounding_box()["width"] <= 1
    assert "12.5%" in figure.aria_snapshot()

    # The town chart, one bar per town with a target.
    towns = page.locator("#town-targets figure.chart")
    expect(towns.locator("canvas")).to_have_count(1)
    assert towns.locator("tbody tr").count() == 19

    assert violations(page) == []
    assert page.script_errors == []


def test_charts_fit_a_phone(new_page, live_server, charted_plan):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, factories.supervisor())
    page.goto(live_server.url + PLAN_PAGE)

    canvas = page.locator("#town-targets figure.chart canvas")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert 300 <= box["width"] <= 390
    assert canvas.evaluate(CANVAS_PAINTED)


def assert_prints_without_navigation(page, screenshot):
    page.emulate_media(media="print")
    expect(page.locator(".navbar")).to_be_hidden()
    for hidden in page.locator("main .btn, main form, .pagination").all():
        expect(hidden).to_be_hidden()
    badge = page.locator("main .badge").first
    expect(badge).to_be_visible()
    assert badge.inner_text().strip()
    # The words in black on no colour, inside a border: nothing rests on a background
    # that printers leave out.
    style = badge.evaluate(
        "b => { const s = getComputedStyle(b); return [s.color, s.borderTopStyle]; }"
    )
    assert style == ["rgb(0, 0, 0)", "solid"]
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 0


def test_plan_page_prints_on_a4_without_navigation(
    watched_page, live_server, charted_plan, tmp_path
):
    page = log_in(watched_page, live_server, factories.supervisor())
    page.goto(live_server.url + PLAN_PAGE)
    expect(page.locator("[data-print]")).to_be_visible()
    expect(page.locator("figure.chart canvas").first).to_be_visible()

    assert_prints_without_navigation(page, tmp_path / "plan-print.png")

    # The charts print at the page's width, and table headers repeat on every page.
    canvas = page.locator("#town-targets figure.chart canvas")
    figure = page.locator("#town-targets figure.chart")
    assert canvas.bounding_box()["width"] >= figure.bounding_box()["width"] - 2
    assert (
        page.locator("#town-target-table thead").evaluate("t => getComputedStyle(t).display")
        == "table-header-group"
    )
    assert violations(page) == []


def test_cockpit_prints_without_navigation_for_the_demo_supervisor(
    browser_page, live_server, seed, tmp_path
):
    from jiyuan_portal.accounts.demo import create_demo_accounts

    supervisor = next(u for u in create_demo_accounts() if u.username == "duban")
    page = log_in(browser_page, live_server, supervisor, password="demo-duban-2017")
    page.goto(live_server.url + reverse("dashboard:home"))

    assert_prints_without_navigation(page, tmp_path / "cockpit-print.png")


def test_bureau_page_prints_without_navigation(browser_page, live_server, seed, tmp_path):
    bureau = Bureau.objects.get(name="市工业和信息化委员会")
    page = log_in(browser_page, live_server, factories.supervisor())
    page.goto(live_server.url + bureau.get_absolute_url())
    expect(page.locator("[data-print]")).to_be_visible()

    assert_prints_without_navigation(page, tmp_path / "bureau-print.png")
