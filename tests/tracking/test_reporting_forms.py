"""The reporting forms refuse bad input with a message next to the field, in the default
language (简体中文), keep what the user typed, and save nothing.

A message is expected as the zh-hans catalogue renders it: where the catalogue still lacks a
translation the English text is shown, and ``test_every_validation_message_has_a_chinese_
translation`` lists what is missing.
"""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from capacity.models import CapacityExit
from innovation.models import InnovationEnterprise
from jiyuan_portal.reporting.forms import MAX_TEXT_LENGTH, ReviewForm
from jiyuan_portal.reporting.models import Evidence, MilestoneReport, TargetReport
from jiyuan_portal.tracking.models import Bureau, Plan, Target, Task, Town
from jiyuan_portal.tracking.status import (
    ENTRY_WINDOW_END,
    ENTRY_WINDOW_START,
    PLAN_LAST_DEADLINE,
    PLAN_START,
)
from techreform.models import ReformProject
from tests import factories

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
YESTERDAY = TODAY - datetime.timedelta(days=1)

# Every message the reporting forms write themselves (Django's own are translated by Django).
FORM_MESSAGES = [
    "A value in %(unit)s cannot be negative.",
    "A value in %(unit)s must be a whole number.",
    "A value in %(unit)s may have at most %(decimals)s decimals.",
    "%(field)s cannot be in the future (today is %(today)s).",
    "%(field)s cannot be before the plans began (%(start)s).",
    "The date",
    "The completion date",
    "Give the date the milestone was completed.",
    "Explain why the milestone is delayed.",
    "Give the new expected date.",
    "The new expected date must be after the milestone's due date (%(due)s): a "
    "delay moves the due date later.",
    "Describe the progress of this period.",
    "This date cannot be in the future.",
    "This value cannot be negative.",
    "“%(name)s” is %(size)s; files may be at most %(limit)s.",
    "“%(name)s” is not an allowed type; allowed: %(allowed)s.",
    "The content of “%(name)s” is not a %(extension)s file.",
    "Say what the bureau should correct.",
    "Someone else changed this item after you opened it. Reload the page to see their "
    "changes, then make yours again.",
    "Value (%(unit)s, cumulative)",
    "%(field)s must lie between %(start)s and %(end)s.",
    "%(field)s must be a year from %(start)s to %(end)s.",
    "%(field)s can be at most %(limit)s characters long (it has %(length)s).",
]


def zh(msgid, **params) -> str:
    """``msgid`` as a user sees it under the default language."""
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    return text % params if params else text


def is_translated(msgid) -> bool:
    return zh(msgid) != msgid


def error_next_to(response, field) -> str:
    """The text of the error shown under ``field`` (crispy's invalid-feedback block)."""
    page = response.content.decode()
    match = re.search(
        rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', page, re.S
    )
    assert match, f"no error is shown next to {field}"
    return html.unescape(strip_tags(match.group(1))).strip()


def assert_refused(response, field, message):
    """The form came back with ``message`` next to ``field`` (and only there)."""
    assert response.status_code == 200, "the form should be shown again"
    form = response.context["form"]
    assert list(form.errors) == [field], form.errors
    assert message in error_next_to(response, field)


def kept(response, field, typed) -> bool:
    """Whether the re-rendered form still holds what the user typed in ``field``."""
    page = response.content.decode()
    return f'name="{field}" value="{typed}"' in page or (
        re.search(rf'name="{field}"[^>]*>\s*{re.escape(typed)}\s*</textarea>', page) is not None
    )


def make_target(task, unit="家", kind=Target.Kind.COUNT):
    return factories.TargetFactory(plan=task.plan, task=task, unit=unit, kind=kind)


def report_on(client, target, **fields):
    data = {"value": "10", "as_of": YESTERDAY.isoformat(), "narrative": "按计划推进。"}
    data.update(fields)
    return client.post(reverse("reporting:report_create", args=["target-report", target.pk]), data)


# --- Target reports -----------------------------------------------------------------------


def test_a_valid_target_report_is_saved_as_a_draft_of_the_users_bureau(staff_client, task):
    target = make_target(task, unit="万吨", kind=Target.Kind.AMOUNT)

    response = report_on(staff_client, target, value="12.25")

    report = TargetReport.objects.get()
    assert response.status_code == 302
    assert response.url == report.get_absolute_url()
    assert (report.value, report.bureau, report.status) == (
        Decimal("12.25"),
        task.lead_bureau,
        "draft",
    )


@pytest.mark.parametrize("unit", ["家", "%", "万吨", "亿元"])
def test_a_negative_value_is_refused_where_the_unit_cannot_be_negative(staff_client, task, unit):
    target = make_target(task, unit=unit, kind=Target.Kind.SHARE)

    response = report_on(staff_client, target, value="-5")

    assert_refused(response, "value", zh("A value in %(unit)s cannot be negative.", unit=unit))
    assert kept(response, "value", "-5")
    assert not TargetReport.objects.exists()


@pytest.mark.parametrize("kind", [Target.Kind.CHANGE, Target.Kind.GROWTH])
def test_a_negative_value_is_accepted_for_a_change_or_a_growth_rate(staff_client, task, kind):
    target = make_target(task, unit="%", kind=kind)

    response = report_on(staff_client, target, value="-3.5")

    assert response.status_code == 302
    assert TargetReport.objects.get().value == Decimal("-3.5")


@pytest.mark.parametrize("unit", ["家", "个", "项"])
def test_a_count_must_be_a_whole_number(staff_client, task, unit):
    target = make_target(task, unit=unit)

    response = report_on(staff_client, target, value="12.5")

    assert_refused(response, "value", zh("A value in %(unit)s must be a whole number.", unit=unit))
    assert kept(response, "value", "12.5")
    assert not TargetReport.objects.exists()


@pytest.mark.parametrize(
    ("unit", "too_precise", "precise_enough"),
    [
        ("万吨", "45.125", "45.12"),
        ("%", "70.555", "70.55"),
        ("万元", "1000.001", "1000.01"),
        ("亿元", "40.00001", "40.0001"),
    ],
)
def test_a_value_may_have_only_as_many_decimals_as_its_unit_allows(
    staff_client, task, unit, too_precise, precise_enough
):
    target = make_target(task, unit=unit, kind=Target.Kind.AMOUNT)

    refused = report_on(staff_client, target, value=too_precise)

    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["value"]
    if unit == "亿元":
        # More than the four decimals a stored value has: Django's own (translated) message.
        assert "4" in error_next_to(refused, "value")
    else:
        assert zh(
            "A value in %(unit)s may have at most %(decimals)s decimals.", unit=unit, decimals=2
        ) in error_next_to(refused, "value")
    assert kept(refused, "value", too_precise)
    assert not TargetReport.objects.exists()

    assert report_on(staff_client, target, value=precise_enough).status_code == 302
    assert TargetReport.objects.get().value == Decimal(precise_enough)


def test_trailing_zeros_do_not_count_as_decimals(staff_client, task):
    target = make_target(task, unit="家")

    response = report_on(staff_client, target, value="12.00")

    assert response.status_code == 302
    assert TargetReport.objects.get().value == 12


def test_a_report_dated_in_the_future_is_refused(staff_client, task):
    target = make_target(task)

    response = report_on(staff_client, target, as_of=TOMORROW.isoformat())

    assert_refused(
        response,
        "as_of",
        zh(
            "%(field)s cannot be in the future (today is %(today)s).",
            field=zh("The date"),
            today=TODAY.isoformat(),
        ),
    )
    assert kept(response, "as_of", TOMORROW.isoformat())
    assert not TargetReport.objects.exists()


def test_a_report_dated_before_the_plans_began_is_refused(staff_client, task):
    target = make_target(task)

    response = report_on(staff_client, target, as_of="2016-12-31")

    assert_refused(
        response,
        "as_of",
        zh(
            "%(field)s cannot be before the plans began (%(start)s).",
            field=zh("The date"),
            start="2017-01-01",
        ),
    )
    assert kept(response, "as_of", "2016-12-31")
    assert not TargetReport.objects.exists()


def test_the_first_day_of_the_plans_and_today_are_accepted(staff_client, task):
    target = make_target(task)

    assert report_on(staff_client, target, as_of="2017-01-01").status_code == 302
    assert report_on(staff_client, target, as_of=TODAY.isoformat()).status_code == 302
    assert TargetReport.objects.count() == 2


@pytest.mark.parametrize("narrative", ["", "   \n  "])
def test_the_narrative_is_required(staff_client, task, narrative):
    target = make_target(task)

    response = report_on(staff_client, target, value="7", narrative=narrative)

    assert_refused(response, "narrative", "请填写进展情况。")
    assert kept(response, "value", "7")
    assert not TargetReport.objects.exists()


def test_every_mistake_is_shown_at_once_next_to_its_own_field(staff_client, task):
    target = make_target(task, unit="%", kind=Target.Kind.SHARE)

    response = report_on(
        staff_client,
        target,
        value="-1",
        as_of="2016-01-01",
        narrative="",
        evidence=[factories.upload("程序.exe", b"MZ\x90\x00")],
    )

    assert set(response.context["form"].errors) == {"value", "as_of", "narrative", "evidence"}
    for field in ("value", "as_of", "narrative", "evidence"):
        assert error_next_to(response, field)
    assert not TargetReport.objects.exists()
    assert not Evidence.objects.exists()


def test_the_value_field_names_the_targets_unit(staff_client, task):
    target = make_target(task, unit="万吨", kind=Target.Kind.AMOUNT)

    response = staff_client.get(
        reverse("reporting:report_create", args=["target-report", target.pk])
    )

    assert zh("Value (%(unit)s, cumulative)", unit="万吨") in response.content.decode()


def test_a_refused_edit_keeps_the_typed_values_and_the_stored_report(staff_client, task):
    target = make_target(task)
    report = factories.TargetReportFactory(target=target, value=Decimal(3), narrative="原文")
    url = reverse("reporting:report_edit", args=[report.pk])

    response = staff_client.post(
        url,
        {
            "value": "3.5",
            "as_of": "2018-06-30",
            "narrative": "改后的进展",
            "version": report.version,
        },
    )

    assert_refused(response, "value", zh("A value in %(unit)s must be a whole number.", unit="家"))
    assert kept(response, "value", "3.5")
    assert kept(response, "narrative", "改后的进展")
    report.refresh_from_db()
    assert (report.value, report.narrative, report.version) == (Decimal(3), "原文", 1)


# --- Evidence files on a form ----------------------------------------------------------------


def test_a_file_too_large_is_refused_next_to_the_evidence_field(staff_client, task, settings):
    settings.JIYUAN_MAX_UPLOAD_BYTES = 100
    target = make_target(task)
    content = factories.pdf_bytes() + b"0" * 200

    response = report_on(
        staff_client, target, value="4", evidence=[factories.upload("大文件.pdf", content)]
    )

    with translation.override("zh-hans"):
        size, limit = filesizeformat(len(content)), filesizeformat(100)
    assert "字节" in limit
    assert_refused(
        response,
        "evidence",
        zh(
            "“%(name)s” is %(size)s; files may be at most %(limit)s.",
            name="大文件.pdf",
            size=size,
            limit=limit,
        ),
    )
    assert kept(response, "value", "4")
    assert not TargetReport.objects.exists()
    assert not Evidence.objects.exists()


def test_a_file_of_a_type_not_allowed_is_refused_next_to_the_evidence_field(staff_client, task):
    target = make_target(task)

    response = report_on(
        staff_client, target, evidence=[factories.upload("程序.exe", b"MZ\x90\x00")]
    )

    assert_refused(response, "evidence", "“程序.exe”")
    assert ".pdf" in error_next_to(response, "evidence")  # the message lists what is allowed
    assert not TargetReport.objects.exists()
    assert not Evidence.objects.exists()


# --- Milestone reports ----------------------------------------------------------------------


@pytest.fixture
def milestone(task):
    return factories.MilestoneFactory(task=task, due_date=datetime.date(2017, 5, 31))


def report_milestone(client, milestone, **fields):
    return client.post(
        reverse("reporting:report_create", args=["milestone-report", milestone.pk]), fields
    )


def test_a_completed_milestone_needs_its_completion_date(staff_client, milestone):
    response = report_milestone(staff_client, milestone, outcome="completed", narrative="已完成")

    assert_refused(response, "completed_on", zh("Give the date the milestone was completed."))
    assert kept(response, "narrative", "已完成")
    assert not MilestoneReport.objects.exists()


@pytest.mark.parametrize(
    ("completed_on", "msgid"),
    [
        (TOMORROW, "%(field)s cannot be in the future (today is %(today)s)."),
        (datetime.date(2016, 12, 31), "%(field)s cannot be before the plans began (%(start)s)."),
    ],
    ids=["future", "before-the-plans"],
)
def test_a_completion_date_must_lie_between_the_plans_start_and_today(
    staff_client, milestone, completed_on, msgid
):
    response = report_milestone(
        staff_client, milestone, outcome="completed", completed_on=completed_on.isoformat()
    )

    message = zh(
        msgid, field=zh("The completion date"), today=TODAY.isoformat(), start="2017-01-01"
    )
    assert_refused(response, "completed_on", message)
    assert kept(response, "completed_on", completed_on.isoformat())
    assert not MilestoneReport.objects.exists()


def test_a_delay_needs_its_reason(staff_client, milestone):
    later = (TODAY + datetime.timedelta(days=30)).isoformat()

    response = report_milestone(
        staff_client, milestone, outcome="delayed", delay_reason="  ", expected_on=later
    )

    assert_refused(response, "delay_reason", zh("Explain why the milestone is delayed."))
    assert kept(response, "expected_on", later)
    assert not MilestoneReport.objects.exists()


def test_a_delay_needs_a_new_expected_date_after_the_due_date(staff_client, milestone):
    reason = "资金未到位"
    missing = report_milestone(staff_client, milestone, outcome="delayed", delay_reason=reason)
    past = report_milestone(
        staff_client,
        milestone,
        outcome="delayed",
        delay_reason=reason,
        expected_on=milestone.due_date.isoformat(),
    )

    assert_refused(missing, "expected_on", zh("Give the new expected date."))
    message = "The new expected date must be after the milestone's due date (%(due)s): a "
    message += "delay moves the due date later."
    assert_refused(past, "expected_on", zh(message, due="2017年5月31日"))
    assert kept(past, "delay_reason", "资金未到位")
    assert not MilestoneReport.objects.exists()


def test_a_milestone_report_needs_an_outcome(staff_client, milestone):
    response = report_milestone(staff_client, milestone, narrative="说明")

    assert_refused(response, "outcome", "这个字段是必填项。")
    assert not MilestoneReport.objects.exists()


def test_a_completed_report_drops_a_delay_reason_typed_before_switching(staff_client, milestone):
    response = report_milestone(
        staff_client,
        milestone,
        outcome="completed",
        completed_on="2017-05-20",
        delay_reason="先填的延期原因",
        expected_on=(TODAY + datetime.timedelta(days=9)).isoformat(),
    )

    assert response.status_code == 302
    report = MilestoneReport.objects.get()
    assert (report.completed_on, report.delay_reason, report.expected_on) == (
        datetime.date(2017, 5, 20),
        "",
        None,
    )


# --- Registry records -------------------------------------------------------------------------


def test_a_registry_date_in_the_future_is_refused(staff_client, task):
    response = staff_client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {"name": "未来科技公司", "kind": "high_tech", "certified_on": TOMORROW.isoformat()},
    )

    assert_refused(response, "certified_on", zh("This date cannot be in the future."))
    assert kept(response, "name", "未来科技公司")
    assert not InnovationEnterprise.objects.exists()


def test_an_innovation_leader_needs_its_level(staff_client, task):
    response = staff_client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {"name": "龙头科技公司", "kind": "innovation_leader", "certified_on": "2017-07-01"},
    )

    assert_refused(
        response, "level", zh("Say at which level (city, province, nation) it was named.")
    )
    assert not InnovationEnterprise.objects.exists()


def test_a_certificate_may_run_into_the_future_but_must_end_after_it_was_issued(staff_client, task):
    url = reverse("reporting:report_create", args=["innovation-enterprise", task.pk])
    fields = {"name": "高新科技公司", "kind": "high_tech", "certified_on": "2017-07-01"}

    refused = staff_client.post(url, {**fields, "valid_until": "2017-06-30"})
    assert_refused(refused, "valid_until", zh("The certificate must end after it was issued."))

    staff_client.post(url, {**fields, "valid_until": (TODAY.replace(year=TODAY.year + 3))})
    assert InnovationEnterprise.objects.get().valid_until.year == TODAY.year + 3


@pytest.fixture
def new_capacity_exit(client, seed, settings, tmp_path):
    """Post a new capacity exit on 二(一) as staff of its lead bureau."""
    settings.EVIDENCE_ROOT = tmp_path
    task = Task.objects.get(plan__code="capacity", number="二(一)")
    client.force_login(factories.bureau_staff(task.lead_bureau))
    url = reverse("reporting:report_create", args=["capacity-exit", task.pk])
    return lambda fields: client.post(url, fields)


def test_a_negative_capacity_removed_is_refused(new_capacity_exit):
    response = new_capacity_exit(
        {
            "name": "某煤矿",
            "subject": "mine",
            "industry": "coal",
            "capacity_removed": "-9",
            "capacity_unit": "万吨",
            "exited_on": "2017-06-30",
        },
    )

    assert_refused(response, "capacity_removed", zh("This value cannot be negative."))
    assert kept(response, "capacity_removed", "-9")
    assert not CapacityExit.objects.exists()


def test_only_a_coal_exit_belongs_to_a_coal_company(new_capacity_exit):
    response = new_capacity_exit(
        {
            "name": "某水泥厂",
            "subject": "enterprise",
            "industry": "cement",
            "company": "heji",
            "exited_on": "2017-06-30",
        },
    )

    assert_refused(response, "company", zh("Only a coal exit belongs to a coal company."))
    assert not CapacityExit.objects.exists()


def test_a_registry_record_before_2017_is_accepted_because_totals_include_earlier_ones(
    staff_client, task
):
    """高新技术企业总数 counts enterprises certified before the plans too."""
    response = staff_client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {"name": "老牌高新企业", "kind": "high_tech", "certified_on": "2015-10-01"},
    )

    assert response.status_code == 302
    assert InnovationEnterprise.objects.get().certified_on == datetime.date(2015, 10, 1)


# --- Bounds: dates and years in the plans' window, free text capped, full-width digits ------


def out_of_window(field_label) -> str:
    return zh(
        "%(field)s must lie between %(start)s and %(end)s.",
        field=field_label,
        start="2000年1月1日",
        end="2030年12月31日",
    )


def too_long(field_label, length) -> str:
    return zh(
        "%(field)s can be at most %(limit)s characters long (it has %(length)s).",
        field=field_label,
        limit=MAX_TEXT_LENGTH,
        length=length,
    )


def reform_project(client, task_in_techreform, **fields):
    data = {
        "name": "电解铝节能改造",
        "enterprise": "某铝业公司",
        "town": Town.objects.get(name="克井").pk,
        "year": "2017",
        "investment": "1200",
        "completed_on": "2017-09-30",
    }
    data.update(fields)
    return client.post(
        reverse("reporting:report_create", args=["reform-project", task_in_techreform.pk]), data
    )


@pytest.fixture
def techreform_client(client, seed, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    task = factories.TaskFactory(plan=Plan.objects.get(code="techreform"), bureaus=[lead])
    client.force_login(factories.bureau_staff(lead))
    return client, task


def test_the_entry_window_is_defined_once_from_the_plans_dates():
    assert datetime.date(2000, 1, 1) == ENTRY_WINDOW_START
    assert datetime.date(2030, 12, 31) == ENTRY_WINDOW_END
    assert ENTRY_WINDOW_START <= PLAN_START <= PLAN_LAST_DEADLINE <= ENTRY_WINDOW_END
    assert TODAY <= ENTRY_WINDOW_END, "bureaus must be able to report today"


def test_a_registry_date_of_year_one_is_refused_naming_the_field(staff_client, task):
    response = staff_client.post(
        reverse("reporting:report_create", args=["innovation-enterprise", task.pk]),
        {"name": "远古科技公司", "kind": "high_tech", "certified_on": "0001-01-01"},
    )

    assert_refused(response, "certified_on", out_of_window("认定日期"))
    assert not InnovationEnterprise.objects.exists()


@pytest.mark.parametrize("year", ["0", "32767", "1999", "2031"])
def test_a_project_year_outside_the_plans_window_is_refused(techreform_client, year):
    client, task = techreform_client

    response = reform_project(client, task, year=year)

    assert_refused(
        response,
        "year",
        zh(
            "%(field)s must be a year from %(start)s to %(end)s.",
            field="年度",
            start=2000,
            end=2030,
        ),
    )
    assert not ReformProject.objects.exists()


def test_a_registry_date_after_the_window_is_refused_as_out_of_the_window(techreform_client):
    client, task = techreform_client

    response = reform_project(client, task, completed_on="9999-12-31")

    assert_refused(response, "completed_on", out_of_window("投产日期"))


def test_a_delay_until_9999_is_refused(staff_client, milestone):
    response = report_milestone(
        staff_client,
        milestone,
        outcome="delayed",
        delay_reason="资金未到位",
        expected_on="9999-12-31",
    )

    assert_refused(response, "expected_on", out_of_window("预计完成日期"))
    assert not MilestoneReport.objects.exists()


def test_a_delay_to_the_last_day_of_the_window_is_accepted(staff_client, milestone):
    response = report_milestone(
        staff_client,
        milestone,
        outcome="delayed",
        delay_reason="资金未到位",
        expected_on="2030-12-31",
    )

    assert response.status_code == 302
    assert MilestoneReport.objects.get().expected_on == datetime.date(2030, 12, 31)


def test_date_inputs_tell_the_browser_the_window(staff_client, milestone):
    page = staff_client.get(
        reverse("reporting:report_create", args=["milestone-report", milestone.pk])
    ).content.decode()

    assert re.search(r'name="expected_on"[^>]*min="2000-01-01"', page)
    assert re.search(r'name="expected_on"[^>]*max="2030-12-31"', page)
    assert re.search(r'name="narrative"[^>]*maxlength="5000"', page)


def test_an_overlong_narrative_is_refused_naming_the_field(staff_client, task):
    target = make_target(task)
    narrative = "进" * (MAX_TEXT_LENGTH + 1)

    response = report_on(staff_client, target, narrative=narrative)

    assert_refused(response, "narrative", too_long("进展情况", MAX_TEXT_LENGTH + 1))
    assert not TargetReport.objects.exists()


def test_a_narrative_of_the_maximum_length_is_accepted(staff_client, task):
    target = make_target(task)

    response = report_on(staff_client, target, narrative="进" * MAX_TEXT_LENGTH)

    assert response.status_code == 302


@pytest.mark.parametrize("field", ["delay_reason", "narrative"])
def test_an_overlong_milestone_text_is_refused(staff_client, milestone, field):
    fields = {
        "outcome": "delayed",
        "delay_reason": "资金未到位",
        "expected_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    fields[field] = "延" * (MAX_TEXT_LENGTH + 1)

    response = report_milestone(staff_client, milestone, **fields)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert "最多" in error_next_to(response, field)


def test_overlong_registry_notes_are_refused(techreform_client):
    client, task = techreform_client

    response = reform_project(client, task, notes="备" * (MAX_TEXT_LENGTH + 1))

    assert_refused(response, "notes", too_long("备注", MAX_TEXT_LENGTH + 1))
    assert not ReformProject.objects.exists()


def test_an_overlong_review_comment_is_refused():
    form = ReviewForm(
        data={"decision": "return", "comment": "改" * (MAX_TEXT_LENGTH + 1), "version": "1"}
    )

    assert not form.is_valid()
    with translation.override("zh-hans"):
        assert form.errors["comment"] == [too_long("审核意见", MAX_TEXT_LENGTH + 1)]


def test_full_width_digits_are_read_in_numbers_and_dates(staff_client, task):
    target = make_target(task, unit="万吨", kind=Target.Kind.AMOUNT)

    response = report_on(staff_client, target, value="１２．５", as_of="２０１７－０６－３０")

    assert response.status_code == 302, response.context["form"].errors
    report = TargetReport.objects.get()
    assert (report.value, report.as_of) == (Decimal("12.5"), datetime.date(2017, 6, 30))


def test_full_width_digits_are_read_in_registry_years_and_amounts(techreform_client):
    client, task = techreform_client

    response = reform_project(client, task, year="２０１７", investment="１２００")

    assert response.status_code == 302, response.context["form"].errors
    project = ReformProject.objects.get()
    assert (project.year, project.investment) == (2017, Decimal("1200"))


# --- The language of the messages ---------------------------------------------------------------


def test_djangos_own_messages_are_chinese_under_the_default_language(staff_client, task):
    target = make_target(task)

    response = report_on(staff_client, target, value="", as_of="not a date")

    assert "这个字段是必填项。" in error_next_to(response, "value")
    assert "输入一个有效的日期。" in error_next_to(response, "as_of")


def test_every_validation_message_has_a_chinese_translation():
    missing = [msgid for msgid in FORM_MESSAGES if not is_translated(msgid)]
    assert not missing, "untranslated: " + " | ".join(missing)
