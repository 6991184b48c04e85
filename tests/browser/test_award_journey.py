"""奖补 in a real browser: a supervisor approves a reform project of 2,000万元 equipment and
R&D spend, reads its 600万元 entitlement with the arithmetic on the project's page, and finds
it in the 奖补 ledger's sums for its year and town."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.portal_pages import log_in
from tests.factories import supervisor
from tests.funding.conftest import ReformProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_approves_a_reform_project_and_reads_its_subsidy_and_the_ledger(
    browser_page, live_server, seed
):
    project = ReformProjectFactory(
        submitted=True, equipment_spend=Decimal(1600), rd_spend=Decimal(400)
    )
    page = log_in(browser_page, live_server, supervisor())
    page.goto(f"{live_server.url}{reverse('reporting:report_detail', args=[project.pk])}")
    assert "该记录审核通过后按规则可得的奖补" in page.locator("#entitlements").inner_text()

    page.click("button[name=decision][value=approve]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{reverse('reporting:report_detail', args=[project.pk])}")

    section = page.locator("#entitlements")
    assert section.locator("[data-amount]").inner_text() == "600万元"
    assert section.locator("[data-arithmetic]").inner_text() == (
        "设备、研发投入 2,000万元 × 30% = 600万元,低于单个项目上限 1,000万元"
    )
    assert "应兑现" in section.inner_text()

    page.click("nav >> text=奖补台账")
    page.wait_for_url("**/awards/**")
    page.fill("#id_year", "2017")
    page.click("main form button[type=submit]")
    page.wait_for_url("**year=2017**")
    by_town = page.locator("#ledger-sums .card", has_text="按乡镇").locator("tbody tr")
    assert by_town.filter(has_text="虎岭").locator("td").first.inner_text() == "600"
    assert page.locator("main table tbody tr", has_text=project.name).count() == 1
