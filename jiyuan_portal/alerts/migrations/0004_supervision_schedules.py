"""The supervision jobs' schedules, in django-celery-beat's tables so admins can change
them (Beijing time). Created once; an admin's later changes are kept."""

from django.db import migrations

SCHEDULES = [
    # name, task, minute, hour, day of week
    ("督办扫描：逾期节点与落后目标", "alerts.flag_overdue", "0", "7", "*"),
    ("到期提醒", "alerts.send_reminders", "10", "7", "*"),
    ("每日通知摘要邮件", "alerts.send_daily_digests", "0", "8", "*"),
    ("督查周报邮件", "alerts.send_weekly_digests", "30", "8", "1"),
    ("发送待发邮件", "alerts.send_pending_emails", "*/15", "*", "*"),
]
# The earlier single job, replaced by the scan above.
RETIRED = ["逾期节点提醒"]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=RETIRED).delete()
    for name, task, minute, hour, day_of_week in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[row[0] for row in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0003_supervision"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
