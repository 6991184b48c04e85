from celery import shared_task

from .overdue import alert_overdue_milestones


@shared_task(name="alerts.alert_overdue_milestones")
def alert_overdue_milestones_task() -> int:
    return alert_overdue_milestones()
