"""What people do to a supervised item, and who hears of it: the lead bureau explains
(情况说明), a supervisor decides, takes the next rung by hand, or closes the item (销号);
a bureau hears when its report is returned."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiyuan_portal.alerts import actions, scan, tasks
from jiyuan_portal.alerts.models import (
    Alert,
    EscalationStep,
    Explanation,
    Notification,
    Step,
)
from jiyuan_portal.reporting import workflow
from jiyuan_portal.tracking import status
from tests.alerts.support import explain, flagged_item, keys_of, staffed_bureau, steps_of
from tests.factories import MilestoneReportFactory, bureau_staff, supervisor

pytestmark = pytest.mark.usefixtures("seed")

ACCEPTED = Explanation.Decision.ACCEPTED
REJECTED = Explanation.Decision.REJECTED
LATER = datetime.date(2018, 3, 31)


@pytest.fixture
def people():
    """A late item of a lead and a co-responsible bureau, each with staff, and two
    supervisors."""
    lead, lead_staff = staffed_bureau()
    other, other_staff = staffed_bureau()
    alert = flagged_item(lead, other)
    return alert, lead_staff, other_staff, supervisor(), supervisor()


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def queued(monkeypatch):
    """The jobs queued once the transaction commits (the broker is never reached)."""
    calls = []
    monkeypatch.setattr(
        tasks.send_queued_notifications,
        "apply_async",
        lambda args=(), **kwargs: calls.append(tasks.send_queued_notifications.name),
    )
    return calls


# 情况说明.


def test_an_explanation_from_the_lead_bureau_is_sent_to_the_supervisors(
    people, queued, django_capture_on_commit_callbacks
):
    alert, lead_staff, other_staff, boss, deputy = people

    with django_capture_on_commit_callbacks(execute=True):
        explanation = actions.submit_explanation(
            alert, lead_staff, reason="资金未到位", measures="已协调", expected_on=LATER
        )

    assert (explanation.bureau, explanation.author) == (lead_staff.bureau, lead_staff)
    assert explanation.decision == Explanation.Decision.PENDING
    key = f"explanation:{explanation.pk}"
    assert key in keys_of(boss)
    assert key in keys_of(deputy)
    assert key not in keys_of(lead_staff) + keys_of(other_staff)
    told = Notification.objects.get(recipient=boss, key=key)
    assert told.kind == Notification.Kind.EXPLANATION
    assert told.url == alert.get_absolute_url()
    assert str(lead_staff.bureau) in told.title
    assert queued == ["alerts.send_queued_notifications"]


def test_a_decision_on_an_explanation_is_sent_to_the_lead_bureau(people, queued):
    alert, lead_staff, other_staff, boss, _deputy = people
    explanation = explain(alert, lead_staff, expected_on=LATER)

    actions.decide_explanation(explanation, boss, ACCEPTED, note="同意")

    explanation.refresh_from_db()
    assert (explanation.decision, explanation.decided_by) == (ACCEPTED, boss)
    assert explanation.decided_at is not None
    assert explanation.decision_note == "同意"
    assert kinds_of(lead_staff) == [Notification.Kind.EXPLANATION]
    assert kinds_of(other_staff) == []
    assert kinds_of(boss) == []


def test_a_second_decision_on_the_same_explanation_is_sent_again(people):
    alert, lead_staff, _other, boss, _deputy = people
    explanation = explain(alert, lead_staff, expected_on=LATER)

    actions.decide_explanation(explanation, boss, REJECTED, note="理由不充分")
    actions.decide_explanation(explanation, boss, ACCEPTED, note="补充后同意")

    assert kinds_of(lead_staff) == [Notification.Kind.EXPLANATION] * 2


# The ladder by hand.


def test_a_supervisor_takes_the_ladder_rung_by_rung_and_each_rung_records_its_recipients(
    people,
):
    alert, lead_staff, other_staff, boss, deputy = people

    urge = actions.escalate_by_hand(alert, boss, "请尽快推进")
    bulletin = actions.escalate_by_hand(alert, boss, "仍未完成")
    interview = actions.escalate_by_hand(alert, boss, "约谈主要负责人")

    assert steps_of(alert) == [(Step.URGE, 1), (Step.BULLETIN, 1), (Step.INTERVIEW, 1)]
    assert {urge.taken_by, bulletin.taken_by, interview.taken_by} == {boss}
    assert urge.reason == "请尽快推进"
    assert set(urge.recipients.all()) == {lead_staff}
    assert set(bulletin.recipients.all()) == {lead_staff, other_staff, boss, deputy}
    assert set(interview.recipients.all()) == {lead_staff, boss, deputy}
    for step in (urge, bulletin, interview):
        for user in step.recipients.all():
            assert f"step:{step.pk}" in keys_of(user)
    alert.refresh_from_db()
    assert alert.step == Step.INTERVIEW

    with pytest.raises(ValidationError):
        actions.escalate_by_hand(alert, boss, "再约谈")
    assert EscalationStep.objects.filter(alert=alert).count() == 3


def test_an_item_done_cannot_be_escalated_by_hand(people):
    alert, _lead, _other, boss, _deputy = people
    alert.resolved_on = datetime.date(2017, 6, 20)
    alert.save()

    with pytest.raises(ValidationError):
        actions.escalate_by_hand(alert, boss, "催办")

    assert steps_of(alert) == []


def test_a_rung_taken_by_hand_today_is_the_days_rung_for_the_scan():
    today = status.today()
    lead, _staff = staffed_bureau()
    alert = flagged_item(lead, due=today - datetime.timedelta(days=20))
    actions.escalate_by_hand(alert, supervisor(), "催办")

    scan.run_scan(on=today)

    assert steps_of(alert) == [(Step.URGE, 1)]


# 销号.


@pytest.mark.parametrize("decision", [None, Explanation.Decision.PENDING, REJECTED])
def test_a_late_item_without_an_accepted_explanation_cannot_be_closed(people, decision):
    alert, lead_staff, _other, boss, _deputy = people
    if decision:
        explain(alert, lead_staff, expected_on=LATER, decision=decision)

    assert not actions.can_close(alert)
    with pytest.raises(ValidationError):
        actions.close(alert, boss, "销号")

    alert.refresh_from_db()
    assert alert.closed_at is None


def test_an_item_whose_explanation_was_accepted_is_closed_and_its_bureaus_are_told(people):
    alert, lead_staff, other_staff, boss, _deputy = people
    explain(alert, lead_staff, expected_on=LATER, decision=ACCEPTED)
    before = timezone.now()

    actions.close(alert, boss, "已说明,同意销号")

    alert.refresh_from_db()
    assert alert.state == Alert.State.CLOSED
    assert alert.closed_at >= before
    assert (alert.closed_by, alert.closing_note) == (boss, "已说明,同意销号")
    assert f"closed:{alert.pk}" in keys_of(lead_staff)
    assert f"closed:{alert.pk}" in keys_of(other_staff)
    assert not actions.can_close(alert)
    with pytest.raises(ValidationError):
        actions.close(alert, boss, "again")


def test_an_item_done_late_can_be_closed_without_an_explanation(people):
    alert, _lead, _other, boss, _deputy = people
    alert.resolved_on = datetime.date(2017, 6, 20)
    alert.save()

    assert actions.can_close(alert)
    actions.close(alert, boss, "已完成")

    assert Alert.objects.get(pk=alert.pk).state == Alert.State.CLOSED


# The review workflow.


def test_a_returned_report_is_sent_to_its_author():
    lead, author = staffed_bureau()
    colleague = bureau_staff(lead)
    report = MilestoneReportFactory(
        milestone=flagged_item(lead).milestone, submitted=True, created_by=author
    )

    workflow.return_for_correction(report, supervisor(), "请补充佐证材料。", report.version)

    report.refresh_from_db()
    told = Notification.objects.get(recipient=author)
    assert told.kind == Notification.Kind.REPORT_RETURNED
    assert told.key == f"returned:{report.pk}:{report.version}"
    assert told.url == report.get_absolute_url()
    assert kinds_of(colleague) == []


def test_a_report_returned_twice_is_sent_twice():
    lead, author = staffed_bureau()
    boss = supervisor()
    report = MilestoneReportFactory(
        milestone=flagged_item(lead).milestone, submitted=True, created_by=author
    )
    workflow.return_for_correction(report, boss, "请补充。", report.version)
    report.refresh_from_db()
    workflow.submit(report, author, report.version)
    report.refresh_from_db()

    workflow.return_for_correction(report, boss, "仍需补充。", report.version)

    assert kinds_of(author) == [Notification.Kind.REPORT_RETURNED] * 2


def test_an_approved_report_or_one_without_an_author_notifies_nobody():
    lead, author = staffed_bureau()
    boss = supervisor()
    approved = MilestoneReportFactory(
        milestone=flagged_item(lead).milestone, submitted=True, created_by=author
    )
    anonymous = MilestoneReportFactory(milestone=approved.milestone, submitted=True)

    workflow.approve(approved, boss, approved.version)
    workflow.return_for_correction(anonymous, boss, "请补充。", anonymous.version)

    assert not Notification.objects.filter(kind=Notification.Kind.REPORT_RETURNED).exists()
    assert kinds_of(author) == []
