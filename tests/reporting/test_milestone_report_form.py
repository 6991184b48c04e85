"""The milestone report form: a choice of outcome that fits the milestone, and a delay may be
entered after the fact."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from jiyuan_portal.reporting.forms import MilestoneReportForm
from jiyuan_portal.reporting.models import MilestoneReport
from jiyuan_portal.tracking.models import Milestone
from tests import factories

TODAY = timezone.localdate()


def once(task, due=datetime.date(2017, 5, 31)):
    return factories.MilestoneFactory(task=task, due_date=due)


def ongoing(task, recurrence=Milestone.Recurrence.ONGOING):
    return factories.MilestoneFactory(
        task=task, due_date=None, due_phrase="持续推进", recurrence=recurrence
    )


def outcome_values(form):
    return [value for value, _ in form.fields["outcome"].choices]


def post(client, milestone, **fields):
    return client.post(
        reverse("reporting:report_create", args=["milestone-report", milestone.pk]), fields
    )


def test_a_one_off_milestone_offers_completed_or_delayed_and_no_empty_choice(task):
    form = MilestoneReportForm(milestone=once(task))
    assert outcome_values(form) == ["completed", "delayed"]


def test_the_form_page_shows_no_dashes_choice(staff_client, task):
    milestone = once(task)
    page = staff_client.get(
        reverse("reporting:report_create", args=["milestone-report", milestone.pk])
    ).content.decode()
    assert "---------" not in page


@pytest.mark.parametrize("recurrence", [Milestone.Recurrence.ONGOING, Milestone.Recurrence.YEARLY])
def test_a_recurring_milestone_is_reported_as_progress_for_the_period(task, recurrence):
    form = MilestoneReportForm(milestone=ongoing(task, recurrence))
    assert outcome_values(form) == ["progress"]
    assert form.fields["outcome"].initial == "progress"


def test_a_recurring_milestone_cannot_be_closed_as_completed(staff_client, task):
    milestone = ongoing(task)
    response = post(staff_client, milestone, outcome="completed", completed_on="2017-09-01")
    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors
    assert not MilestoneReport.objects.exists()


def test_progress_on_a_recurring_milestone_needs_a_note(staff_client, task):
    milestone = ongoing(task)
    response = post(staff_client, milestone, outcome="progress", narrative="  ")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["narrative"]


def test_approved_progress_leaves_a_recurring_milestone_open(staff_client, task):
    milestone = ongoing(task)
    response = post(staff_client, milestone, outcome="progress", narrative="本季度完成巡查12次。")
    assert response.status_code == 302
    report = MilestoneReport.objects.get()
    assert (report.completed_on, report.expected_on) == (None, None)

    report.apply_to_milestone()
    milestone.refresh_from_db()
    assert (milestone.completed_on, milestone.expected_on) == (None, None)
    assert milestone.status == "ongoing"


def test_a_past_delay_is_accepted_when_its_new_date_is_after_the_due_date(staff_client, task):
    milestone = once(task, due=datetime.date(2017, 5, 31))
    response = post(
        staff_client,
        milestone,
        outcome="delayed",
        delay_reason="资金未到位",
        expected_on="2017-09-30",
    )
    assert response.status_code == 302, response.context["form"].errors
    assert MilestoneReport.objects.get().expected_on == datetime.date(2017, 9, 30)


@pytest.mark.parametrize("expected_on", ["2017-05-31", "2017-04-01"])
def test_a_new_date_not_after_the_due_date_is_refused_with_the_due_date(
    staff_client, task, expected_on
):
    milestone = once(task, due=datetime.date(2017, 5, 31))
    response = post(
        staff_client,
        milestone,
        outcome="delayed",
        delay_reason="资金未到位",
        expected_on=expected_on,
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["expected_on"]
    with translation.override("zh-hans"):
        due = date_format(datetime.date(2017, 5, 31))
    assert due == "2017年5月31日"
    assert due in errors["expected_on"][0]
    assert "截止日期" in errors["expected_on"][0]
    assert not MilestoneReport.objects.exists()
