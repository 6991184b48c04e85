import datetime

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.alerts.overdue import alert_overdue_milestones
from tests.factories import BureauFactory, MilestoneFactory, TaskFactory

LATER = datetime.date(2030, 1, 1)


def test_each_responsible_bureau_is_alerted_once_per_overdue_milestone(db):
    lead, other = BureauFactory(), BureauFactory()
    task = TaskFactory(bureaus=[lead, other])
    overdue = MilestoneFactory(task=task, due_date=datetime.date(2017, 5, 31))
    MilestoneFactory(
        task=task, due_date=datetime.date(2017, 5, 31), completed_on=datetime.date(2017, 5, 1)
    )

    alert_overdue_milestones(on=LATER)
    again = alert_overdue_milestones(on=LATER)

    assert again == 0
    alerts = Alert.objects.filter(milestone__task=task)
    assert set(alerts.values_list("milestone_id", "bureau_id")) == {
        (overdue.pk, lead.pk),
        (overdue.pk, other.pk),
    }


def test_nothing_is_alerted_before_the_due_date(db):
    milestone = MilestoneFactory(
        task=TaskFactory(bureaus=[BureauFactory()]), due_date=datetime.date(2031, 1, 1)
    )
    alert_overdue_milestones(on=LATER)
    assert not Alert.objects.filter(milestone=milestone).exists()
