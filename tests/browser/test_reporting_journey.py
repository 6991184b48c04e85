"""The reporting journey of the issue's "Done when", in a real browser.

A member of 市工业和信息化委员会 (lead of technical-reform task 二(一)) reports the 2017
share of technical-reform investment with an evidence PDF; a supervisor approves it and the
task page counts the figure. Another bureau sees neither the report nor its evidence. A
returned report comes back to the bureau under "returned" on 我的任务 and is resubmitted.

Several workflow strings (form errors, 我的任务, review labels) have no Chinese translation
yet; where they are missing the tests find things by URL, element id/name and table cell
instead of by text, and check Chinese text where the catalogue has it.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.reporting.models import Evidence, ReviewStatus, TargetReport
from jiyuan_portal.tracking.history import ACTIONS
from jiyuan_portal.tracking.models import Bureau, Target
from tests.browser.portal_pages import log_in
from tests.factories import bureau_staff, supervisor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGET_CODE = "reform-investment-share-2017"
LEAD_BUREAU = "市工业和信息化委员会"
OTHER_BUREAU = "市环境保护局"
NO_DATA = "暂无数据"
TARGET_STATUSES = {"已达成", "进展正常", "存在风险", "进度滞后"}
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def evidence_dir(tmp_path, monkeypatch):
    """Evidence goes to a temporary directory, not the project's var/evidence.

    The field's storage is built once at import from ``settings.EVIDENCE_ROOT``, so the
    setting cannot be overridden per test; the storage itself is replaced instead.
    """
    location = tmp_path / "evidence"
    field = Evidence._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location


@pytest.fixture
def target(seed):
    return Target.objects.select_related("task").get(code=TARGET_CODE)


@pytest.fixture
def staff(seed):
    return bureau_staff(Bureau.objects.get(name=LEAD_BUREAU), username="gongxinwei")


@pytest.fixture
def reviewer(seed):
    return supervisor(username="ducha")


@pytest.fixture
def outsider(seed):
    return bureau_staff(Bureau.objects.get(name=OTHER_BUREAU), username="huanbaoju")


def target_row(page, target):
    """The row of ``target`` in a target table, found by its "report progress" link or, for
    users who may not report, by its indicator and year."""
    report_link = reverse("reporting:report_create", args=["target-report", target.pk])
    by_link = page.locator("tr", has=page.locator(f"a[href='{report_link}']"))
    if by_link.count():
        return by_link
    return (
        page.locator("tr")
        .filter(has=page.locator("td", has_text=re.compile(rf"^{target.year}$")))
        .filter(has_text=target.indicator)
    )


def cells(row):
    """Year, indicator, target, actual, status (the target table's first five columns), each
    its first line (a status cell goes on to say where the actual comes from)."""
    return [row.locator("td").nth(i).inner_text().strip().splitlines()[0] for i in range(5)]


def field_error(page, name):
    """The message crispy-forms shows under the field ``name``; asserts the field is marked."""
    assert "is-invalid" in (page.locator(f"#id_{name}").get_attribute("class") or "")
    feedback = page.locator(f"#div_id_{name} .invalid-feedback")
    assert feedback.count() >= 1, f"no message next to {name}"
    return feedback.first.inner_text().strip()


def has_cjk(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def shot(page, name, full_page=True):
    page.screenshot(path=f"/tmp/journey-{name}.png", full_page=full_page)


# --- the journey ---------------------------------------------------------------------------


def test_bureau_reports_a_target_with_evidence_and_the_supervisor_approves_it(
    live_server, new_page, evidence_dir, tmp_path, target, staff, reviewer, outsider
):
    task = target.task
    task_url = reverse("dashboard:task_detail", args=[task.pk])
    pdf = tmp_path / "技改投资统计.pdf"
    pdf.write_bytes(PDF_BYTES)

    # The bureau user logs in and lands on 我的任务, which lists task 二(一).
    page = log_in(new_page(), live_server, staff)
    assert page.url == f"{live_server.url}{reverse('dashboard:my_work')}"
    assert LEAD_BUREAU in page.locator("main h1").inner_text()
    shot(page, "01-my-work", full_page=False)

    # The task list pages; the plan filter narrows it to technical reform.
    page.select_option("select[name=plan]", task.plan.code)
    page.wait_for_url(f"**/my/?plan={task.plan.code}")

    # From the task page: the target has no figure yet.
    page.locator(f"main a[href='{task_url}']").first.click()
    page.wait_for_url(f"{live_server.url}{task_url}")
    assert task.number in page.locator("main h1").inner_text()
    row = target_row(page, target)
    assert row.count() == 1
    year, indicator, _goal, actual, status = cells(row)
    assert (year, indicator, actual, status) == ("2017", target.indicator, "—", NO_DATA)

    # Bad input first: a negative value, a future date, no narrative.
    row.locator("a[href*='/reports/new/target-report/']").click()
    form_url = reverse("reporting:report_create", args=["target-report", target.pk])
    page.wait_for_url(f"{live_server.url}{form_url}")
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    page.fill("#id_value", "-5")
    page.fill("#id_as_of", future)
    page.fill("#id_narrative", "   ")
    page.click("main form button[name=submit]")
    page.locator(".invalid-feedback").first.wait_for()
    shot(page, "02-form-errors")

    value_error = field_error(page, "value")
    date_error = field_error(page, "as_of")
    narrative_error = field_error(page, "narrative")
    assert "%" in value_error
    assert timezone.localdate().isoformat() in date_error  # "…(today is YYYY-MM-DD)"
    assert has_cjk(narrative_error)
    # What the user typed is kept.
    assert page.input_value("#id_value") == "-5"
    assert page.input_value("#id_as_of") == future
    assert not TargetReport.objects.exists()

    # A valid report with an evidence PDF, submitted for review.
    narrative = "截至9月底,全市技术改造投资占工业投资的比重为16.5%。"
    page.fill("#id_value", "16.5")
    page.fill("#id_as_of", "2017-09-30")
    page.fill("#id_narrative", narrative)
    page.set_input_files("#id_evidence", str(pdf))
    page.click("main form button[name=submit]")
    page.wait_for_url(re.compile(r"/reports/\d+/$"))

    report = TargetReport.objects.get()
    assert (report.target, report.bureau, report.created_by) == (target, staff.bureau, staff)
    assert (report.value, report.as_of) == (Decimal("16.5"), datetime.date(2017, 9, 30))
    assert report.status == ReviewStatus.SUBMITTED
    evidence = Evidence.objects.get()
    assert evidence.report_id == report.pk and evidence.original_name == pdf.name
    assert evidence.mime_type == "application/pdf"
    report_url = report.get_absolute_url()
    evidence_url = reverse("reporting:evidence_download", args=[evidence.pk])
    assert page.url == f"{live_server.url}{report_url}"
    assert narrative in page.locator("main").inner_text()
    assert page.locator(f"main a[href='{evidence_url}']").inner_text() == pdf.name
    # Submitted: nothing left to edit or submit.
    assert page.locator(f"main a[href$='{report_url}edit/']").count() == 0
    shot(page, "03-submitted")

    # The bureau can download its own evidence, byte for byte.
    with page.expect_download() as download_info:
        page.click(f"main a[href='{evidence_url}']")
    download = download_info.value
    assert download.suggested_filename == pdf.name
    assert Path(download.path()).read_bytes() == PDF_BYTES

    # The supervisor, in a separate session, finds it in the review queue and approves it.
    review = log_in(new_page(), live_server, reviewer)
    assert review.url == f"{live_server.url}{reverse('dashboard:home')}"
    review.click(f"nav a[href='{reverse('reporting:review_queue')}']")
    review.wait_for_url(f"{live_server.url}{reverse('reporting:review_queue')}")
    queued = review.locator("main table tbody tr", has=review.locator(f"a[href='{report_url}']"))
    assert queued.count() == 1
    assert LEAD_BUREAU in queued.inner_text()
    shot(review, "04-review-queue")
    queued.locator(f"a[href='{report_url}']").click()
    review.wait_for_url(f"{live_server.url}{report_url}")
    assert review.locator(f"main a[href='{evidence_url}']").count() == 1
    shot(review, "05-review-detail")
    review.click("main button[name=decision][value=approve]")
    review.wait_for_url(f"{live_server.url}{report_url}")
    review.locator("main .alert-success").wait_for()
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReviewStatus.APPROVED, reviewer)
    assert review.locator("main button[name=decision]").count() == 0
    assert review.locator(f"main a[href='{report_url}']").count() == 0  # left the queue

    # The task page now counts the figure, and its history shows the report.
    page.goto(f"{live_server.url}{task_url}")
    _year, _indicator, _goal, actual, status = cells(target_row(page, target))
    assert actual.splitlines()[0] == "16.5%"
    assert status in TARGET_STATUSES, status
    reported = page.locator("main table tbody tr", has=page.locator(f"a[href='{report_url}']"))
    assert reported.count() == 1
    history = page.locator("main ol.list-group li")
    by_staff = history.filter(has_text=staff.display_name).filter(
        has_text=str(report._meta.verbose_name)
    )
    by_reviewer = history.filter(has_text=reviewer.display_name).filter(
        has_text=str(report._meta.verbose_name)
    )
    assert by_staff.count() >= 1, "the report's creation is not in the history"
    assert by_reviewer.count() >= 1, "the approval is not in the history"
    # Labels come from the app's own catalogue, so this holds before and after translation.
    assert str(ACTIONS["+"]) in by_staff.first.inner_text()
    approval = by_reviewer.first.inner_text()
    assert str(ACTIONS["~"]) in approval
    assert str(ReviewStatus.SUBMITTED.label) in approval
    assert str(ReviewStatus.APPROVED.label) in approval
    shot(page, "06-task-after-approval")

    # Another bureau: no report page, no evidence, no trace of the report on the task page.
    other = log_in(new_page(), live_server, outsider)
    response = other.goto(f"{live_server.url}{report_url}")
    assert response.status == 404
    assert other.request.get(f"{live_server.url}{evidence_url}").status == 404
    response = other.goto(f"{live_server.url}{task_url}")
    assert response.status == 200
    assert other.locator(f"a[href='{report_url}']").count() == 0
    assert other.locator(f"a[href='{evidence_url}']").count() == 0
    assert other.locator("a[href*='/reports/new/target-report/']").count() == 0
    assert narrative not in other.content()
    assert (
        other.locator("main ol.list-group li")
        .filter(has_text=str(report._meta.verbose_name))
        .count()
        == 0
    )
    shot(other, "07-other-bureau-task")


def test_supervisor_returns_a_report_and_the_bureau_corrects_and_resubmits_it(
    live_server, new_page, evidence_dir, target, staff, reviewer
):
    report = TargetReport.objects.create(
        target=target,
        bureau=staff.bureau,
        created_by=staff,
        value=Decimal("160"),
        as_of=datetime.date(2017, 9, 30),
        narrative="技术改造投资占工业投资的比重。",
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    report_url = report.get_absolute_url()
    comment = "160%不合理,请核实:应为百分比,如16.5。"

    # The supervisor returns it; without a comment that is refused.
    review = log_in(new_page(), live_server, reviewer)
    review.goto(f"{live_server.url}{reverse('reporting:review_queue')}")
    review.click(f"main a[href='{report_url}']")
    review.wait_for_url(f"{live_server.url}{report_url}")
    review.click("main button[name=decision][value=return]")
    review.locator("main .alert-danger").wait_for()
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED
    review.fill("#id_comment", comment)
    review.click("main button[name=decision][value=return]")
    review.locator("main .alert-success").wait_for()
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReviewStatus.RETURNED, comment)
    assert comment in review.locator("main .alert-warning").inner_text()

    # The bureau user sees it on 我的任务 among the returned items, with the comment.
    page = log_in(new_page(), live_server, staff)
    assert page.url == f"{live_server.url}{reverse('dashboard:my_work')}"
    returned_heading = page.locator("main h2.text-danger")
    assert returned_heading.count() == 1
    returned = page.locator("main h2.text-danger + div table tbody tr")
    assert returned.count() == 1
    assert returned.locator(f"a[href='{report_url}']").count() == 1
    assert comment in returned.inner_text()
    shot(page, "08-my-work-returned", full_page=False)

    # It opens, shows the comment, and is corrected and submitted again.
    returned.locator(f"a[href='{report_url}']").click()
    page.wait_for_url(f"{live_server.url}{report_url}")
    assert comment in page.locator("main .alert-warning").inner_text()
    page.click(f"main a[href='{report_url}edit/']")
    page.wait_for_url(f"{live_server.url}{report_url}edit/")
    assert comment in page.locator("main .alert-warning").inner_text()
    assert Decimal(page.input_value("#id_value")) == Decimal("160")
    shot(page, "09-correcting")
    # The date the bureau gave is shown again, in the ISO form a date input needs.
    assert page.input_value("#id_as_of") == "2017-09-30"
    page.fill("#id_value", "16.5")
    page.fill("#id_narrative", "截至9月底,技术改造投资占工业投资的比重为16.5%(已核实)。")
    page.click("main form button[name=submit]")
    page.wait_for_url(f"{live_server.url}{report_url}")
    page.locator("main .alert-success").wait_for()

    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED
    assert report.value == Decimal("16.5")
    assert "已核实" in report.narrative

    # Nothing is returned any more, and the supervisor has it in the queue again.
    page.goto(f"{live_server.url}{reverse('dashboard:my_work')}")
    assert page.locator("main h2.text-danger").count() == 0
    review.goto(f"{live_server.url}{reverse('reporting:review_queue')}")
    assert review.locator(f"main a[href='{report_url}']").count() == 1
