"""The periodic jobs, stored with django-celery-beat so that admins can change them."""

from django_celery_beat.models import CrontabSchedule, PeriodicTask

PERIODIC_TASKS = (
    # name, task, crontab (minute, hour): every morning at 07:00 Beijing time.
    ("逾期节点提醒", "alerts.alert_overdue_milestones", ("0", "7")),
)


def ensure_periodic_tasks() -> None:
    """Create the periodic jobs if missing; keep an admin's changed schedule."""
    for name, task, (minute, hour) in PERIODIC_TASKS:
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": schedule})
