"""Every create, change and delete of reports, registry records and milestones is recorded
with the user, the time and the values before and after, and shown on the task's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from innovation.models import InnovationEnterprise
from jiyuan_portal.reporting.models import TargetReport
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan
from tests import factories


def zh(msgid) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


@pytest.fixture
def task(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    co = Bureau.objects.get(name="市环境保护局")
    return factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead, co])


@pytest.fixture
def staff(task):
    return factories.bureau_staff(task.lead_bureau, first_name="填报员")


def changes(record) -> dict:
    """{field: (before, after)} of a history record against the one before it."""
    delta = record.diff_against(record.prev_record)
    return {change.field: (change.old, change.new) for change in delta.changes}


def history_of(model, pk):
    return list(model.history.filter(id=pk).order_by("history_date", "history_id"))


def timeline_of(client, task):
    """The task page's timeline as a list of (user name, action, subject, {field: (old, new)})."""
    response = client.get(task.get_absolute_url())
    assert response.status_code == 200
    return [
        (
            entry.user.display_name if entry.user else None,
            str(entry.action),
            entry.subject,
            {change.field: (str(change.old), str(change.new)) for change in entry.changes},
        )
        for entry in response.context["timeline"]
    ], response.content.decode()


# --- Target reports ------------------------------------------------------------------------


def test_creating_changing_and_deleting_a_target_report_is_recorded_with_the_user(
    client, task, staff, settings, tmp_path
):
    settings.EVIDENCE_ROOT = tmp_path
    target = factories.TargetFactory(plan=task.plan, task=task, indicator="高新技术企业")
    client.force_login(staff)

    client.post(
        reverse("reporting:report_create", args=["target-report", target.pk]),
        {"value": "5", "as_of": "2018-06-30", "narrative": "第一次"},
    )
    report = TargetReport.objects.get()
    client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {"value": "6", "as_of": "2018-06-30", "narrative": "改过", "version": 1},
    )
    client.post(reverse("reporting:report_delete", args=[report.pk]))

    created, changed, deleted = history_of(TargetReport, report.pk)
    assert [r.history_type for r in (created, changed, deleted)] == ["+", "~", "-"]
    assert {r.history_user for r in (created, changed, deleted)} == {staff}
    assert created.history_date <= changed.history_date <= deleted.history_date
    assert (created.value, created.narrative) == (5, "第一次")
    assert changes(changed)["narrative"] == ("第一次", "改过")
    assert changes(changed)["value"] == (5, 6)
    assert (deleted.value, deleted.narrative) == (6, "改过")  # what was deleted is kept


def test_the_task_page_shows_a_reports_history_to_those_who_may_see_it(
    client, task, staff, settings, tmp_path
):
    settings.EVIDENCE_ROOT = tmp_path
    target = factories.TargetFactory(plan=task.plan, task=task)
    client.force_login(staff)
    client.post(
        reverse("reporting:report_create", args=["target-report", target.pk]),
        {"value": "5", "as_of": "2018-06-30", "narrative": "第一次"},
    )
    report = TargetReport.objects.get()
    client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {"value": "5", "as_of": "2018-06-30", "narrative": "改过", "version": 1},
    )

    client.force_login(factories.supervisor())
    entries, page = timeline_of(client, task)

    mine = [entry for entry in entries if entry[0] == "填报员"]
    assert [(action, fields) for _, action, _, fields in mine] == [
        (
            zh("changed"),
            {str(TargetReport._meta.get_field("narrative").verbose_name): ("第一次", "改过")},
        ),
        (zh("created"), {}),
    ]
    assert mine[0][2] == mine[1][2], "one report has one name all along its history"
    assert '<del class="text-body-secondary">第一次</del> → 改过' in page

    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))
    entries, page = timeline_of(client, task)
    assert "填报员" not in page, "another bureau does not see this task's reports"


def test_submitting_and_reviewing_are_recorded_as_status_changes_by_each_user(client, task, staff):
    target = factories.TargetFactory(plan=task.plan, task=task)
    report = factories.TargetReportFactory(target=target)
    reviewer = factories.supervisor(first_name="督查员")
    client.force_login(staff)
    client.post(reverse("reporting:report_submit", args=[report.pk]), {"version": 1})
    client.force_login(reviewer)
    client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "return", "comment": "缺佐证", "version": 2},
    )

    _, submitted, returned = history_of(TargetReport, report.pk)

    assert submitted.history_user == staff
    assert changes(submitted)["status"] == ("draft", "submitted")
    assert returned.history_user == reviewer
    assert changes(returned)["status"] == ("submitted", "returned")
    assert changes(returned)["review_comment"] == ("", "缺佐证")


# --- Registry records ---------------------------------------------------------------------


def test_creating_changing_and_deleting_a_registry_record_is_recorded_with_the_user(
    client, task, staff
):
    client.force_login(staff)
    url = reverse("reporting:report_create", args=["innovation-enterprise", task.pk])
    client.post(url, {"name": "济源某科技公司", "kind": "tech_sme", "certified_on": "2018-05-01"})
    record = InnovationEnterprise.objects.get()
    client.post(
        reverse("reporting:report_edit", args=[record.pk]),
        {"name": "济源某科技公司", "kind": "high_tech", "certified_on": "2018-11-30", "version": 1},
    )
    client.post(reverse("reporting:report_delete", args=[record.pk]))

    created, changed, deleted = history_of(InnovationEnterprise, record.pk)

    assert [r.history_type for r in (created, changed, deleted)] == ["+", "~", "-"]
    assert {r.history_user for r in (created, changed, deleted)} == {staff}
    assert changes(changed)["kind"] == ("tech_sme", "high_tech")
    assert changes(changed)["certified_on"] == (
        datetime.date(2018, 5, 1),
        datetime.date(2018, 11, 30),
    )
    assert deleted.name == "济源某科技公司"


def test_the_task_page_shows_a_registry_records_history(client, task, staff):
    client.force_login(staff)
    client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {"name": "济源某科技公司", "kind": "tech_sme", "certified_on": "2018-05-01"},
    )
    record = InnovationEnterprise.objects.get()
    client.post(
        reverse("reporting:report_edit", args=[record.pk]),
        {"name": "济源某科技公司", "kind": "high_tech", "certified_on": "2018-05-01", "version": 1},
    )
    client.post(reverse("reporting:report_delete", args=[record.pk]))

    entries, _ = timeline_of(client, task)

    mine = [
        (action, subject, fields) for user, action, subject, fields in entries if user == "填报员"
    ]
    assert [action for action, _, _ in mine] == [zh("deleted"), zh("changed"), zh("created")]
    assert all("济源某科技公司" in subject for _, subject, _ in mine)
    kind = str(InnovationEnterprise._meta.get_field("kind").verbose_name)
    assert mine[1][2] == {
        kind: (
            str(InnovationEnterprise.Kind.TECH_SME.label),
            str(InnovationEnterprise.Kind.HIGH_TECH.label),
        )
    }


# --- Milestones -------------------------------------------------------------------------------


def test_creating_changing_and_deleting_a_milestone_is_recorded_with_the_user(client, task):
    admin = factories.portal_admin(first_name="管理员")
    client.force_login(admin)
    form = {
        "task": task.pk,
        "order": 1,
        "description": "完成排查",
        "due_phrase": "2017年5月底前",
        "due_date": "2017-05-31",
        "recurrence": "once",
        "completed_on": "",
        "expected_on": "",
    }

    client.post(reverse("admin:tracking_milestone_add"), form)
    milestone = Milestone.objects.get(task=task)
    client.post(
        reverse("admin:tracking_milestone_change", args=[milestone.pk]),
        {**form, "due_date": "2017-06-30", "due_phrase": "2017年6月底前"},
    )
    client.post(reverse("admin:tracking_milestone_delete", args=[milestone.pk]), {"post": "yes"})

    created, changed, deleted = history_of(Milestone, milestone.pk)
    assert [r.history_type for r in (created, changed, deleted)] == ["+", "~", "-"]
    assert {r.history_user for r in (created, changed, deleted)} == {admin}
    assert changes(changed)["due_date"] == (datetime.date(2017, 5, 31), datetime.date(2017, 6, 30))

    entries, page = timeline_of(client, task)
    mine = [(action, fields) for user, action, _, fields in entries if user == "管理员"]
    assert [action for action, _ in mine] == [zh("deleted"), zh("changed"), zh("created")]
    due_date = str(Milestone._meta.get_field("due_date").verbose_name)
    assert due_date in mine[1][1]
    assert "完成排查" in page


def test_an_approved_milestone_report_records_the_completion_by_the_reviewer(client, task):
    milestone = factories.MilestoneFactory(task=task, description="完成排查")
    report = factories.MilestoneReportFactory(
        milestone=milestone, completed_on=datetime.date(2017, 5, 20), submitted=True
    )
    reviewer = factories.supervisor(first_name="督查员")
    client.force_login(reviewer)

    client.post(
        reverse("reporting:report_review", args=[report.pk]),
        {"decision": "approve", "version": report.version},
    )

    completion = Milestone.history.filter(id=milestone.pk).latest("history_date")
    assert completion.history_user == reviewer
    assert changes(completion)["completed_on"] == (None, datetime.date(2017, 5, 20))
    entries, _ = timeline_of(client, task)
    completed_on = str(Milestone._meta.get_field("completed_on").verbose_name)
    by_reviewer = [
        fields
        for user, _, subject, fields in entries
        if user == "督查员" and subject.startswith(f"{Milestone._meta.verbose_name} ")
    ]
    assert by_reviewer == [{completed_on: ("", str(datetime.date(2017, 5, 20)))}]


def test_the_report_page_shows_its_own_history(client, task, staff):
    target = factories.TargetFactory(plan=task.plan, task=task)
    report = factories.TargetReportFactory(target=target, narrative="第一次")
    client.force_login(staff)
    client.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {"value": "10", "as_of": "2018-06-30", "narrative": "改过", "version": 1},
    )

    response = client.get(report.get_absolute_url())

    assert [str(entry.action) for entry in response.context["timeline"]] == [
        zh("changed"),
        zh("created"),
    ]
    assert "填报员" in response.content.decode()
