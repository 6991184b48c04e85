"""The supervisor's cockpit journey, in a real browser: from the red number of a plan's
overdue milestones to the list of exactly those milestones, narrowed to one lead bureau,
exported to Excel; the file holds exactly the rows the page shows.

As of 30 September 2017 a plan of its own has five overdue milestones: three of tasks led by
one bureau, two of a task led by another.
"""

import datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from jiyuan_portal.tracking.models import Milestone
from tests.browser.portal_pages import log_in
from tests.factories import BureauFactory, MilestoneFactory, PlanFactory, TaskFactory, supervisor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ON = datetime.date(2017, 9, 30)
FIRST, SECOND = "驾驶舱旅程甲局", "驾驶舱旅程乙局"


@pytest.fixture
def plan(seed, settings):
    settings.JIYUAN_AS_OF = ON
    plan = PlanFactory(code="cockpit-journey", title="驾驶舱旅程方案", short_name="驾驶舱旅程")
    first, second = BureauFactory(name=FIRST), BureauFactory(name=SECOND)
    for task, descriptions in (
        (TaskFactory(plan=plan, bureaus=[first, second]), ("甲一", "甲二")),
        (TaskFactory(plan=plan, bureaus=[first]), ("甲三",)),
        (TaskFactory(plan=plan, bureaus=[second, first]), ("乙一", "乙二")),
    ):
        for description in descriptions:
            MilestoneFactory(
                task=task, description=f"完成{description}排查", due_date=datetime.date(2017, 6, 30)
            )
    return plan


def test_a_supervisor_drills_from_a_red_number_to_the_items_and_exports_them(
    browser_page, live_server, plan, tmp_path
):
    page = log_in(browser_page, live_server, supervisor())
    page.goto(f"{live_server.url}{reverse('dashboard:home')}")
    block = page.locator(f'[data-plan="{plan.code}"]')
    overdue = block.locator('a.status-count[href*="status=overdue"]')
    assert "text-bg-danger" in overdue.get_attribute("class")  # red
    assert overdue.locator(".fw-bold").inner_text() == "5"

    overdue.click()
    page.wait_for_url("**/milestones/**")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 5

    page.select_option("#id_lead", label=FIRST)
    page.click("main form button[type=submit]")
    page.wait_for_url("**lead=**")
    assert rows.count() == 3
    shown = sorted(rows.locator("td", has_text="排查").all_inner_texts())
    assert shown == ["完成甲一排查", "完成甲三排查", "完成甲二排查"]

    with page.expect_download() as download:
        page.click('[data-export="xlsx"]')
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(path).active
    header, *records = list(sheet.iter_rows(values_only=True))
    with translation.override("zh-hans"):
        description, due = (
            header.index(str(Milestone._meta.get_field(name).verbose_name))
            for name in ("description", "due_date")
        )
    assert sorted(row[description] for row in records) == shown
    assert {row[due] for row in records} == {datetime.datetime(2017, 6, 30)}  # a date cell
