"""Measure the portal: page times (ms) and SQL query counts, and job times (s), on the seed
and at 10x and 100x its size. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/run.py            # a scratch SQLite database under var/
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/run.py   # a scratch PostgreSQL one

The scratch database is created from scratch and dropped at the end (Django's test
database machinery), so a real database is never touched.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = 5


def build_copies(first: int, stop: int) -> None:
    """Add copies number ``first`` … ``stop - 1`` of the seed's tasks with their milestones,
    targets, three reports per target and ten registry records per copy."""
    import datetime
    from decimal import Decimal

    from innovation.models import InnovationEnterprise
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.tracking.models import (
        Milestone,
        ReviewStatus,
        Target,
        TargetReport,
        Task,
        TaskBureau,
    )

    seed_tasks = list(
        Task.objects.exclude(number__contains="#").prefetch_related(
            "assignments", "milestones", "targets"
        )
    )
    reporter = User.objects.filter(bureau__isnull=False).first()
    rng = random.Random(first)
    for copy in range(first, stop):
        for task in seed_tasks:
            clone = Task.objects.create(
                plan_id=task.plan_id,
                number=f"{task.number}#{copy}",
                section=task.section,
                title=task.title,
                text=task.text,
                order=task.order + 1000 * copy,
            )
            TaskBureau.objects.bulk_create(
                TaskBureau(task=clone, bureau_id=a.bureau_id, role=a.role, order=a.order)
                for a in task.assignments.all()
            )
            Milestone.objects.bulk_create(
                Milestone(
                    task=clone,
                    order=m.order,
                    description=m.description,
                    due_phrase=m.due_phrase,
                    due_date=m.due_date,
                    recurrence=m.recurrence,
                )
                for m in task.milestones.all()
            )
            targets = Target.objects.bulk_create(
                Target(
                    plan_id=t.plan_id,
                    task=clone,
                    code=f"{t.code}-{copy}",
                    order=t.order,
                    indicator=t.indicator,
                    kind=t.kind,
                    unit=t.unit,
                    year=t.year,
                    value=t.value,
                    bound=t.bound,
                    clause=t.clause,
                )
                for t in task.targets.all()
            )
            lead = next((a.bureau_id for a in task.assignments.all()), reporter.bureau_id)
            TargetReport.objects.bulk_create(
                TargetReport(
                    target=target,
                    bureau_id=lead,
                    created_by=reporter,
                    value=Decimal(rng.randint(0, 100)),
                    as_of=datetime.date(2017, rng.randint(1, 12), 1),
                    narrative="benchmark",
                    status=rng.choice(list(ReviewStatus)),
                )
                for target in targets
                for _ in range(3)
            )
        InnovationEnterprise.objects.bulk_create(
            InnovationEnterprise(
                task=seed_tasks[0],
                bureau_id=reporter.bureau_id,
                name=f"企业{copy}-{n}",
                kind="high_tech",
                certified_on=datetime.date(2018, 1, 1),
                status=ReviewStatus.APPROVED,
            )
            for n in range(10)
        )


def measure_pages(client, label: str) -> None:
    from django.urls import reverse

    from jiyuan_portal.tracking.models import Bureau, Task

    task = Task.objects.get(plan__code="techreform", number="二(一)")
    bureau = Bureau.objects.get(name="市工业和信息化委员会")
    pages = {
        "overview": reverse("dashboard:home"),
        "plan techreform": reverse("dashboard:plan_detail", args=["techreform"]),
        "task 二(一)": reverse("dashboard:task_detail", args=[task.pk]),
        "task list": reverse("dashboard:task_list"),
        "bureau list": reverse("dashboard:bureau_list"),
        "bureau 工信委": reverse("dashboard:bureau_detail", args=[bureau.pk]),
        "review queue": reverse("reporting:review_queue"),
    }
    staff_pages = {"my work (工信委)": reverse("dashboard:my_work")}
    for users, urls in (("supervisor", pages), ("staff", staff_pages)):
        client.force_login(BENCH_USERS[users])
        for name, url in urls.items():
            client.get(url)  # warm up
            timings = []
            for _ in range(REPEAT):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            print(
                f"{label:>6} | page {name:<20} | {statistics.median(timings):8.1f} ms "
                f"| {len(queries.captured_queries):4d} queries"
            )


def measure_jobs(label: str) -> None:
    from jiyuan_portal.alerts.overdue import alert_overdue_milestones
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Alert, Milestone

    Alert.objects.all().delete()
    start = time.perf_counter()
    created = alert_overdue_milestones()
    first = time.perf_counter() - start
    start = time.perf_counter()
    alert_overdue_milestones()
    again = time.perf_counter() - start
    print(
        f"{label:>6} | job  alert overdue        | {first:8.3f} s   "
        f"| {created} alerts for {Milestone.objects.count()} milestones; rerun {again:.3f} s"
    )
    start = time.perf_counter()
    load_all()
    print(f"{label:>6} | job  reload the plans      | {time.perf_counter() - start:8.3f} s")


BENCH_USERS = {}


def main() -> None:
    from django.test import Client

    from jiyuan_portal.accounts import roles
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Bureau, Task

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        load_all()
        groups = roles.ensure_roles()
        supervisor = User.objects.create(username="bench-supervisor")
        supervisor.groups.add(groups[roles.SUPERVISOR])
        staff = User.objects.create(
            username="bench-staff", bureau=Bureau.objects.get(name="市工业和信息化委员会")
        )
        staff.groups.add(groups[roles.BUREAU_STAFF])
        BENCH_USERS.update(supervisor=supervisor, staff=staff)
        client = Client()
        seed_tasks = Task.objects.count()
        print(f"vendor {connection.vendor}; seed: {seed_tasks} tasks; median of {REPEAT} runs")
        for factor in (1, 10, 100):
            if factor > 1:
                start = time.perf_counter()
                build_to(factor, seed_tasks)
                print(
                    f"{factor:>5}x | built in {time.perf_counter() - start:.1f} s: "
                    f"{Task.objects.count()} tasks"
                )
            measure_pages(client, f"{factor}x")
            measure_jobs(f"{factor}x")
    finally:
        runner.teardown_databases(old_config)


def build_to(factor: int, seed_tasks: int) -> None:
    """Grow the database to ``factor`` times the seed's tasks (and what hangs off them)."""
    from jiyuan_portal.tracking.models import Task

    build_copies(Task.objects.count() // seed_tasks, factor)


if __name__ == "__main__":
    main()
