"""A scan tells a person of a few items one by one; of more than
``JIYUAN_NOTIFY_ONE_BY_ONE`` at once (a backlog flagged on the first run, a whole ladder
climbing the next morning) in one summary that links to the list of them."""

import datetime

import pytest
from django.urls import reverse

from jiyuan_portal.alerts import scan
from jiyuan_portal.alerts.models import Alert, EscalationStep, Notification, Step
from tests.alerts.support import day, late_milestone, staffed_bureau
from tests.factories import bureau_staff, supervisor

pytestmark = pytest.mark.usefixtures("seed")

ON = day("2018-06-01")


@pytest.fixture
def one_by_one_up_to_two(settings):
    settings.JIYUAN_NOTIFY_ONE_BY_ONE = 2


def notifications_of(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


@pytest.mark.usefixtures("one_by_one_up_to_two")
def test_each_member_of_a_bureau_with_more_new_items_gets_one_summary_of_them():
    crowded, first = staffed_bureau()
    second = bureau_staff(crowded)
    quiet, quiet_staff = staffed_bureau()
    for _ in range(2):
        late_milestone(crowded)
    late_milestone(quiet, crowded)  # led by the quiet bureau: the crowded one is told too

    scan.run_scan(on=ON)

    for member in (first, second):
        [summary] = notifications_of(member, Notification.Kind.OVERDUE)
        assert summary.key.startswith("summary:alerts:")
        assert "3" in summary.title and "2" in summary.title  # 3 items, 2 led by the bureau
        assert summary.url == f"{reverse('alerts:alert_list')}?state=active&flagged=2018-06-01"
    [one] = notifications_of(quiet_staff, Notification.Kind.OVERDUE)
    assert one.key == f"alert:{Alert.objects.get(bureau_links__bureau=quiet).pk}"


@pytest.mark.usefixtures("one_by_one_up_to_two")
def test_the_summary_lists_the_items_flagged_that_day_for_the_members_bureau(client):
    crowded, member = staffed_bureau()
    late_milestone(crowded, description="去年列入督办的节点", due=day("2017-05-31"))
    scan.run_scan(on=day("2017-06-10"))
    due = day("2018-05-01")
    milestones = [late_milestone(crowded, description=f"节点{n}号", due=due) for n in range(3)]
    other, _other_staff = staffed_bureau()
    late_milestone(other, description="别的单位的节点", due=due)
    scan.run_scan(on=ON)
    summary = Notification.objects.get(recipient=member, key__startswith="summary:alerts:")

    client.force_login(member)
    page = client.get(summary.url).content.decode()

    for milestone in milestones:
        assert milestone.description in page
    assert "别的单位的节点" not in page
    assert "去年列入督办的节点" not in page


@pytest.mark.usefixtures("one_by_one_up_to_two")
def test_a_ladder_climbing_for_many_items_sends_one_summary_per_person_and_rung():
    crowded, member = staffed_bureau()
    watcher = supervisor()
    for _ in range(3):
        late_milestone(crowded)
    scan.run_scan(on=ON)  # every item urged (催办): the lead bureau's staff are told
    scan.run_scan(on=ON + datetime.timedelta(days=1))  # a year late: every item to 通报

    urged = EscalationStep.objects.filter(step=Step.URGE, alert__bureau_links__bureau=crowded)
    assert urged.count() == 3
    escalations = notifications_of(member, Notification.Kind.ESCALATION)
    assert sorted(n.key.split(":")[1] for n in escalations) == [Step.BULLETIN, Step.URGE]
    assert all(n.key.startswith("summary:") and "3" in n.title for n in escalations)
    # The supervisor is told of every bulletin of the day (the seed's too), in one summary.
    bulletins = EscalationStep.objects.filter(step=Step.BULLETIN).count()
    [summary] = notifications_of(watcher, Notification.Kind.ESCALATION)
    assert str(bulletins) in summary.title
    assert summary.url.endswith(f"?state=active&step={Step.BULLETIN}")
    assert watcher in EscalationStep.objects.filter(step=Step.BULLETIN).first().recipients.all()


def test_a_few_items_are_still_told_one_by_one(settings):
    settings.JIYUAN_NOTIFY_ONE_BY_ONE = 3
    lead, member = staffed_bureau()
    milestones = [late_milestone(lead) for _ in range(3)]

    scan.run_scan(on=ON)

    keys = {n.key for n in notifications_of(member, Notification.Kind.OVERDUE)}
    assert keys == {f"alert:{Alert.objects.get(milestone=m).pk}" for m in milestones}
    steps = notifications_of(member, Notification.Kind.ESCALATION)
    assert len(steps) == 3 and all(n.key.startswith("step:") for n in steps)
