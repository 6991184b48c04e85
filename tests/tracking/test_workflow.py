"""The review workflow: 草稿 → 已提交 → 已审核 or 已退回 → corrected → 已提交 again; only approved
figures count; of two simultaneous edits the second is refused."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from jiyuan_portal.reporting import signals, workflow
from jiyuan_portal.reporting.actuals import progress_by_target
from jiyuan_portal.reporting.models import Report, ReviewStatus, TargetReport
from jiyuan_portal.tracking.models import Bureau, Plan
from jiyuan_portal.tracking.status import MilestoneStatus, TargetStatus
from tests import factories

RELOAD = (
    "Someone else changed this item after you opened it. Reload the page to see their "
    "changes, then make yours again."
)


def reload_message() -> str:
    with translation.override("zh-hans"):
        return translation.gettext(RELOAD)


@pytest.fixture
def task(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    co = Bureau.objects.get(name="市环境保护局")
    return factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead, co])


@pytest.fixture
def target(task):
    return factories.TargetFactory(
        plan=task.plan, task=task, unit="家", value=Decimal(30), year=2020
    )


@pytest.fixture
def staff(task):
    return factories.bureau_staff(task.lead_bureau)


@pytest.fixture
def reviewer(db):
    return factories.supervisor()


def fresh(item):
    return type(item).objects.get(pk=item.pk)


# --- Transitions ------------------------------------------------------------------------------


def test_submitting_a_draft_stamps_it_and_moves_its_version_on(target, staff):
    report = factories.TargetReportFactory(target=target)

    workflow.submit(report, staff, expected_version=1)

    stored = fresh(report)
    assert stored.status == ReviewStatus.SUBMITTED
    assert stored.submitted_at is not None
    assert stored.version == 2


def test_approving_records_the_reviewer_and_clears_an_old_comment(target, staff, reviewer):
    report = factories.TargetReportFactory(target=target, returned=True)
    workflow.submit(report, staff, report.version)

    workflow.approve(report, reviewer, report.version)

    stored = fresh(report)
    assert stored.status == ReviewStatus.APPROVED
    assert (stored.reviewed_by, stored.review_comment) == (reviewer, "")
    assert stored.reviewed_at is not None


def test_each_step_sends_its_signal_with_the_specific_report(target, staff, reviewer):
    received = []

    def listen(signal_name):
        def receiver(sender, report, **kwargs):
            received.append((signal_name, sender, type(report), report.status))

        return receiver

    receivers = {name: listen(name) for name in ("submitted", "approved", "returned")}
    for name, receiver in receivers.items():
        getattr(signals, f"report_{name}").connect(receiver)
    try:
        first = factories.TargetReportFactory(target=target)
        workflow.submit(Report.objects.get(pk=first.pk), staff, first.version)
        workflow.approve(Report.objects.get(pk=first.pk), reviewer, first.version + 1)
        second = factories.TargetReportFactory(target=target, submitted=True)
        workflow.return_for_correction(second, reviewer, "补充", second.version)
    finally:
        for name, receiver in receivers.items():
            getattr(signals, f"report_{name}").disconnect(receiver)

    assert received == [
        ("submitted", TargetReport, TargetReport, ReviewStatus.SUBMITTED),
        ("approved", TargetReport, TargetReport, ReviewStatus.APPROVED),
        ("returned", TargetReport, TargetReport, ReviewStatus.RETURNED),
    ]


def test_returning_keeps_the_reviewers_comment(target, reviewer):
    report = factories.TargetReportFactory(target=target, submitted=True)

    workflow.return_for_correction(report, reviewer, "  请补充佐证材料  ", report.version)

    stored = fresh(report)
    assert (stored.status, stored.review_comment) == (ReviewStatus.RETURNED, "请补充佐证材料")


def test_a_report_cannot_be_returned_without_saying_what_to_correct(target, reviewer):
    report = factories.TargetReportFactory(target=target, submitted=True)

    with pytest.raises(ValidationError):
        workflow.return_for_correction(report, reviewer, "   ", report.version)

    assert fresh(report).status == ReviewStatus.SUBMITTED


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("approved", "approve"),
        ("approved", "return"),
        ("returned", "approve"),
    ],
)
def test_reviews_that_skip_a_step_are_refused(target, reviewer, state, action):
    report = factories.TargetReportFactory(
        target=target, **{state: True} if state != "draft" else {}
    )

    with pytest.raises(ValidationError):
        if action == "approve":
            workflow.approve(report, reviewer, report.version)
        else:
            workflow.return_for_correction(report, reviewer, "改", report.version)

    assert (fresh(report).status, fresh(report).version) == (state, 1)


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_report_already_submitted_cannot_be_submitted_again(target, staff, state):
    report = factories.TargetReportFactory(target=target, **{state: True})

    with pytest.raises(PermissionDenied):
        workflow.submit(report, staff, report.version)

    assert (fresh(report).status, fresh(report).version) == (state, 1)


def test_only_supervisors_and_admins_review(target, staff):
    report = factories.TargetReportFactory(target=target, submitted=True)

    with pytest.raises(PermissionDenied):
        workflow.approve(report, staff, report.version)
    with pytest.raises(PermissionDenied):
        workflow.return_for_correction(report, staff, "改", report.version)
    workflow.approve(report, factories.portal_admin(), report.version)

    assert fresh(report).status == ReviewStatus.APPROVED


def test_only_the_reporting_bureau_submits(target, task):
    report = factories.TargetReportFactory(target=target)
    co_staff = factories.bureau_staff(Bureau.objects.get(name="市环境保护局"))

    for user in (co_staff, factories.supervisor()):
        with pytest.raises(PermissionDenied):
            workflow.submit(report, user, report.version)

    assert fresh(report).status == ReviewStatus.DRAFT


def test_a_returned_report_is_corrected_and_resubmitted_through_the_pages(
    client, target, staff, reviewer
):
    client.force_login(staff)
    client.post(
        reverse("reporting:report_create", args=["target-report", target.pk]),
        {"value": "5", "as_of": "2018-06-30", "narrative": "首次填报", "submit": "1"},
    )
    report = TargetReport.objects.get()
    assert report.status == ReviewStatus.SUBMITTED

    client.force_login(reviewer)
    client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "return", "comment": "数值与佐证不符", "version": fresh(report).version},
    )
    assert fresh(report).status == ReviewStatus.RETURNED

    client.force_login(staff)
    edit_page = client.get(reverse("reporting:report_edit", args=[report.pk]))
    assert "数值与佐证不符" in edit_page.content.decode()
    client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {
            "value": "6",
            "as_of": "2018-06-30",
            "narrative": "已更正",
            "submit": "1",
            "version": fresh(report).version,
        },
    )
    corrected = fresh(report)
    assert (corrected.status, corrected.value, corrected.narrative) == (
        ReviewStatus.SUBMITTED,
        Decimal(6),
        "已更正",
    )

    client.force_login(reviewer)
    client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": corrected.version},
    )
    assert fresh(report).status == ReviewStatus.APPROVED


def test_the_submit_button_on_the_report_page_submits_a_draft(client, target, staff):
    report = factories.TargetReportFactory(target=target)
    client.force_login(staff)

    response = client.post(
        reverse("reporting:report_submit", args=[report.pk]),
        {"version": report.version},
    )

    assert response.status_code == 302
    assert fresh(report).status == ReviewStatus.SUBMITTED


def test_returning_without_a_comment_through_the_page_changes_nothing(client, target, reviewer):
    report = factories.TargetReportFactory(target=target, submitted=True)
    client.force_login(reviewer)

    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "return", "comment": "", "version": report.version},
        follow=True,
    )

    assert fresh(report).status == ReviewStatus.SUBMITTED
    shown = list(response.context["messages"])
    assert [message.level for message in shown] == [messages.ERROR]


# --- Only approved figures count ----------------------------------------------------------


AFTER_THE_DEADLINE = datetime.date(2021, 3, 1)


def actual_of(target, on=AFTER_THE_DEADLINE):
    return progress_by_target([target], on=on)[target.pk]


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_a_report_not_yet_approved_does_not_count(target, state):
    factories.TargetReportFactory(
        target=target, value=Decimal(30), **{state: True} if state != "draft" else {}
    )

    progress = actual_of(target)

    assert (progress.actual, progress.status) == (None, TargetStatus.NO_DATA)


def test_an_approved_report_gives_the_actual_and_the_status(target):
    factories.TargetReportFactory(
        target=target, value=Decimal(30), approved=True, as_of=datetime.date(2020, 12, 31)
    )

    progress = actual_of(target)

    assert (progress.actual, progress.as_of, progress.status) == (
        Decimal(30),
        datetime.date(2020, 12, 31),
        TargetStatus.ACHIEVED,
    )


def test_the_latest_approved_figure_counts_not_a_later_unapproved_one(target):
    factories.TargetReportFactory(
        target=target, value=Decimal(12), approved=True, as_of=datetime.date(2018, 6, 30)
    )
    factories.TargetReportFactory(
        target=target, value=Decimal(20), approved=True, as_of=datetime.date(2019, 6, 30)
    )
    factories.TargetReportFactory(
        target=target, value=Decimal(30), submitted=True, as_of=datetime.date(2020, 6, 30)
    )

    progress = actual_of(target, on=datetime.date(2019, 7, 1))

    assert progress.actual == Decimal(20)
    assert progress.status == TargetStatus.ON_TRACK  # 20 of 30 is ahead of the even pace


def test_approving_through_the_workflow_makes_the_figure_count(target, staff, reviewer):
    report = factories.TargetReportFactory(target=target, value=Decimal(8))
    workflow.submit(report, staff, report.version)
    assert actual_of(target).actual is None

    workflow.approve(report, reviewer, report.version)

    assert actual_of(target).actual == Decimal(8)


def test_the_task_page_shows_only_the_approved_figure(client, target, reviewer):
    factories.TargetReportFactory(target=target, value=Decimal(17), approved=True)
    factories.TargetReportFactory(
        target=target, value=Decimal(29), submitted=True, as_of=datetime.date(2019, 1, 1)
    )
    client.force_login(reviewer)

    response = client.get(target.task.get_absolute_url())

    shown = response.context["targets"][0].progress
    assert shown.actual == Decimal(17)


# --- Milestone reports ---------------------------------------------------------------------------


def test_an_approved_completion_completes_the_milestone(task, staff, reviewer):
    milestone = factories.MilestoneFactory(task=task, due_date=datetime.date(2017, 5, 31))
    report = factories.MilestoneReportFactory(
        milestone=milestone, completed_on=datetime.date(2017, 6, 10), submitted=True
    )
    assert milestone.status == MilestoneStatus.OVERDUE

    workflow.approve(report, reviewer, report.version)

    milestone.refresh_from_db()
    assert milestone.completed_on == datetime.date(2017, 6, 10)
    assert milestone.status == MilestoneStatus.DONE_LATE


def test_an_approved_delay_sets_the_new_expected_date(task, reviewer):
    milestone = factories.MilestoneFactory(task=task)
    new_date = datetime.date.today() + datetime.timedelta(days=60)
    report = factories.MilestoneReportFactory(
        milestone=milestone,
        outcome="delayed",
        completed_on=None,
        delay_reason="征地未完成",
        expected_on=new_date,
        submitted=True,
    )

    workflow.approve(report, reviewer, report.version)

    milestone.refresh_from_db()
    assert (milestone.expected_on, milestone.completed_on) == (new_date, None)


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_a_milestone_report_not_approved_leaves_the_milestone_alone(task, reviewer, state):
    milestone = factories.MilestoneFactory(task=task)
    report = factories.MilestoneReportFactory(
        milestone=milestone, **{state: True} if state != "draft" else {}
    )
    if state == "submitted":
        workflow.return_for_correction(report, reviewer, "日期有误", report.version)

    milestone.refresh_from_db()
    assert milestone.completed_on is None


# --- Two people editing at once --------------------------------------------------------------


def test_of_two_saves_from_the_same_version_the_second_is_refused(target):
    report = factories.TargetReportFactory(target=target, value=Decimal(5), narrative="原文")
    first, second = fresh(report), fresh(report)  # both opened at version 1

    first.narrative = "甲改的"
    workflow.save_versioned(first, expected_version=1)
    second.narrative = "乙改的"
    with pytest.raises(workflow.ConcurrentEditError) as refused:
        workflow.save_versioned(second, expected_version=1)

    stored = fresh(report)
    assert (stored.narrative, stored.version) == ("甲改的", 2)
    assert str(refused.value) == reload_message()


def test_a_review_against_a_stale_version_is_refused(target, staff, reviewer):
    report = factories.TargetReportFactory(target=target, submitted=True)
    seen_by_reviewer = fresh(report)
    workflow.save_versioned(fresh(report), expected_version=1)  # someone saved meanwhile

    with pytest.raises(workflow.ConcurrentEditError):
        workflow.approve(seen_by_reviewer, reviewer, expected_version=1)

    assert fresh(report).status == ReviewStatus.SUBMITTED


def test_of_two_edit_forms_opened_together_the_second_save_is_refused(client, target, staff):
    report = factories.TargetReportFactory(target=target, value=Decimal(5), narrative="原文")
    url = reverse("reporting:report_edit", args=[report.pk])
    client.force_login(staff)
    version_seen = client.get(url).context["form"]["version"].value()
    assert version_seen == 1

    first = client.post(
        url, {"value": "6", "as_of": "2018-06-30", "narrative": "甲改的", "version": version_seen}
    )
    second = client.post(
        url, {"value": "7", "as_of": "2018-06-30", "narrative": "乙改的", "version": version_seen}
    )

    assert first.status_code == 302
    assert second.status_code == 200
    assert reload_message() in second.content.decode()
    assert second.context["form"].non_field_errors() == [reload_message()]
    stored = fresh(report)
    assert (stored.value, stored.narrative, stored.version) == (Decimal(6), "甲改的", 2)


def test_an_edit_without_the_version_seen_is_refused(client, target, staff):
    report = factories.TargetReportFactory(target=target, narrative="原文")
    client.force_login(staff)

    response = client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {"value": "6", "as_of": "2018-06-30", "narrative": "没有版本号"},
    )

    assert response.status_code == 200
    assert fresh(report).narrative == "原文"


def test_a_review_from_a_stale_page_is_refused_with_the_reload_message(client, target, reviewer):
    report = factories.TargetReportFactory(target=target, submitted=True)
    workflow.save_versioned(fresh(report), expected_version=1)  # changed since the page loaded
    client.force_login(reviewer)

    response = client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": 1},
        follow=True,
    )

    assert fresh(report).status == ReviewStatus.SUBMITTED
    assert reload_message() in [str(message) for message in response.context["messages"]]


def test_a_second_reviewer_cannot_overturn_a_decision_made_meanwhile(client, target):
    report = factories.TargetReportFactory(target=target, submitted=True)
    url = reverse("reporting:report_review", args=[report.pk])
    client.force_login(factories.supervisor())
    client.post(url, {"decision": "return", "comment": "请补充", "version": 1})

    client.force_login(factories.supervisor())
    response = client.post(url, {"decision": "approve", "version": 1}, follow=True)

    stored = fresh(report)
    assert (stored.status, stored.review_comment) == (ReviewStatus.RETURNED, "请补充")
    assert list(response.context["messages"])[-1].level == messages.ERROR
