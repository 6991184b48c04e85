"""Measure the portal: page times (ms) and SQL query counts, and job times (s), on the seed
and at 10x and 100x its size. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/run.py                 # a scratch in-memory SQLite database
    .venv/bin/python benchmarks/run.py --factors 1,10  # skip 100x (several minutes)
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/run.py   # a scratch PostgreSQL one

The scratch database is created from scratch and dropped at the end (Django's test
database machinery), so a real database is never touched.

At 1x the seed's tasks get reports of every kind in random review states (three per
target, one per milestone, one record of each registry of the task's plan); each further
copy clones the tasks (as their plan's own kind of task) with their bureaus, milestones,
targets and as many reports. The task page measured gets a copy's worth of reports with
every copy, so that its own list grows too. The pages that list reports (the review queue,
我的任务, a task page) should make as many queries at 10x as at 1x; the login page is the
floor their times are read against.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection, models, transaction  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

REPEAT = 5
# The pages the summary compares across sizes, with the login page as the floor.
KEY_PAGES = ("login", "review queue", "my work (工信委)", "task 二(一)")
BENCH_USERS = {}
RESULTS: dict[tuple[str, str], tuple[float, int]] = {}  # (page, size) -> (ms, queries)


def sample_values(model, n: int) -> dict:
    """Values for the fields a registry adds to ``Report`` (a name, a kind, a date …),
    whatever the registry, so that a new plan app's registries are benchmarked too."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.model is not model or field.primary_key or field.has_default():
            continue
        if field.null or (field.blank and not isinstance(field, models.ForeignKey)):
            continue
        if field.choices:
            values[field.attname] = field.choices[n % len(field.choices)][0]
        elif isinstance(field, models.ForeignKey):
            values[field.attname] = field.related_model._default_manager.values_list(
                "pk", flat=True
            ).first()
        elif isinstance(field, models.DateField):
            values[field.attname] = datetime.date(2018, 1 + n % 12, 1)
        elif isinstance(field, models.DecimalField):
            values[field.attname] = Decimal(1 + n % 9)
        elif isinstance(field, models.IntegerField):
            values[field.attname] = 2018
        elif isinstance(field, models.BooleanField):
            values[field.attname] = False
        else:
            values[field.attname] = f"基准{n}"[: field.max_length or None]
    return values


def review_state(rng) -> dict:
    """A random review state with the timestamps the workflow would have set."""
    from jiyuan_portal.reporting.models import ReviewStatus

    status = rng.choice(list(ReviewStatus))
    now = timezone.now()
    state = {"status": status}
    if status != ReviewStatus.DRAFT:
        state["submitted_at"] = now - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 90))
    if status in (ReviewStatus.APPROVED, ReviewStatus.RETURNED):
        state["reviewed_at"] = now
    if status == ReviewStatus.RETURNED:
        state["review_comment"] = "请补充佐证材料。"
    return state


# The task page measured: it gets a copy's worth of reports with every copy, so that its
# own list of reports and its history grow with the size too.
MEASURED_TASK = ("techreform", "二(一)")


def build_copies(first: int, stop: int) -> None:
    """Add copies number ``first`` … ``stop - 1`` of the seed's tasks with what hangs off
    them and reports of every kind; copy 0 is the seed itself, given its reports."""
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.tracking.models import Task

    seed_tasks = list(
        Task.objects.exclude(number__contains="#")
        .select_related("plan")
        .prefetch_related("assignments", "milestones", "targets")
        .order_by("plan__order", "order")
    )
    reporter = User.objects.filter(bureau__isnull=False).first()
    rng = random.Random(first)
    for copy in range(first, stop):
        with transaction.atomic():
            for task in seed_tasks:
                if copy == 0:
                    report_on(task, task.milestones.all(), task.targets.all(), reporter, rng)
                    continue
                clone, milestones, targets = copy_task(task, copy)
                report_on(clone, milestones, targets, reporter, rng)
                if (task.plan.code, task.number) == MEASURED_TASK:
                    report_on(task, task.milestones.all(), task.targets.all(), reporter, rng)


def copy_task(task, copy: int):
    """The seed task cloned as its plan's own kind of task (Django's way of copying a
    multi-table child: no primary key, no parent link, ``_state.adding``), with its
    bureaus, milestones and targets."""
    from jiyuan_portal.tracking.models import Milestone, Target, TaskBureau

    clone = type(task.specific).objects.get(pk=task.pk)  # a fresh copy, not the cached one
    clone.pk = clone.id = None
    if hasattr(clone, "task_ptr_id"):
        clone.task_ptr_id = None
    clone._state.adding = True
    clone.number = f"{task.number}#{copy}"
    clone.order = task.order + 1000 * copy
    clone.save()
    TaskBureau.objects.bulk_create(
        TaskBureau(task=clone, bureau_id=a.bureau_id, role=a.role, order=a.order)
        for a in task.assignments.all()
    )
    milestones = Milestone.objects.bulk_create(
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
    return clone, milestones, targets


def report_on(task, milestones, targets, reporter, rng) -> None:
    """By the task's lead bureau: three reports per target, one per milestone and one
    record of each of its plan's registries, in random review states. Report kinds are
    multi-table children of ``Report``, which ``bulk_create`` cannot insert."""
    from jiyuan_portal.reporting.kinds import registry_kinds
    from jiyuan_portal.reporting.models import MilestoneReport, TargetReport
    from jiyuan_portal.tracking.models import TaskBureau

    lead = (
        TaskBureau.objects.filter(task=task)
        .order_by("order")
        .values_list("bureau_id", flat=True)
        .first()
        or reporter.bureau_id
    )
    common = {"bureau_id": lead, "created_by": reporter}
    for target in targets:
        for _ in range(3):
            TargetReport.objects.create(
                target=target,
                value=Decimal(rng.randint(0, 100)),
                as_of=datetime.date(2017, rng.randint(1, 12), 1),
                narrative="benchmark",
                **common,
                **review_state(rng),
            )
    for milestone in milestones:
        MilestoneReport.objects.create(
            milestone=milestone,
            outcome=MilestoneReport.Outcome.COMPLETED,
            completed_on=datetime.date(2017, 5, 20),
            **common,
            **review_state(rng),
        )
    for kind in registry_kinds(task.plan.code):
        kind.model.objects.create(
            task=task,
            **sample_values(kind.model, rng.randint(0, 99)),
            **common,
            **review_state(rng),
        )


def measure(client, label: str, name: str, url: str) -> None:
    client.get(url)  # warm up
    timings = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    ms, count = statistics.median(timings), len(queries.captured_queries)
    RESULTS[name, label] = (ms, count)
    print(f"{label:>6} | page {name:<20} | {ms:8.1f} ms | {count:4d} queries")


def measure_pages(client, label: str) -> None:
    from django.urls import reverse

    from jiyuan_portal.dashboard.my_work import bureau_work
    from jiyuan_portal.reporting.models import Report
    from jiyuan_portal.tracking.models import Bureau, Task

    task = Task.objects.get(plan__code=MEASURED_TASK[0], number=MEASURED_TASK[1])
    bureau = Bureau.objects.get(name="市工业和信息化委员会")
    report = Report.objects.filter(task=task).order_by("pk").first()
    client.logout()
    measure(client, label, "login", reverse("login"))
    pages = {
        "overview": reverse("dashboard:home"),
        "plan techreform": reverse("dashboard:plan_detail", args=["techreform"]),
        "task 二(一)": reverse("dashboard:task_detail", args=[task.pk]),
        "task list": reverse("dashboard:task_list"),
        "bureau list": reverse("dashboard:bureau_list"),
        "bureau 工信委": reverse("dashboard:bureau_detail", args=[bureau.pk]),
        "review queue": reverse("reporting:review_queue"),
    }
    if report is not None:
        pages["report detail"] = reverse("reporting:report_detail", args=[report.pk])
    staff_pages = {"my work (工信委)": reverse("dashboard:my_work")}
    for users, urls in (("supervisor", pages), ("staff", staff_pages)):
        client.force_login(BENCH_USERS[users])
        for name, url in urls.items():
            measure(client, label, name, url)
    print(
        f"{label:>6} |      (task {task.number} lists "
        f"{Report.objects.filter(task=task).count()} reports, unpaginated, with their history)"
    )
    work = bureau_work(bureau)
    counted = sum(1 for item in work.tasks for target in item.targets if target.measure)
    print(
        f"{label:>6} |      (my work shows {len(work.tasks)} of "
        f"{work.page_obj.paginator.count} tasks; {counted} targets counted from registries, "
        "one query each)"
    )


def measure_jobs(label: str) -> None:
    from jiyuan_portal.alerts.models import Alert
    from jiyuan_portal.alerts.scan import run_scan
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Milestone

    Alert.objects.all().delete()
    start = time.perf_counter()
    result = run_scan()
    first = time.perf_counter() - start
    start = time.perf_counter()
    run_scan()
    again = time.perf_counter() - start
    print(
        f"{label:>6} | job  supervision scan     | {first:8.3f} s   "
        f"| {result.flagged} items for {Milestone.objects.count()} milestones; "
        f"rerun {again:.3f} s"
    )
    start = time.perf_counter()
    load_all()
    print(f"{label:>6} | job  reload the plans      | {time.perf_counter() - start:8.3f} s")


def print_summary(labels: list[str]) -> None:
    """The pages that list reports beside the login page, size by size."""
    print("\nsummary: median ms / SQL queries")
    print(f"{'page':<20} | " + " | ".join(f"{label:>14}" for label in labels))
    for name in KEY_PAGES:
        cells = []
        for label in labels:
            ms, count = RESULTS.get((name, label), (float("nan"), -1))
            cells.append(f"{ms:7.1f} ms {count:3d}q")
        print(f"{name:<20} | " + " | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--factors",
        default="1,10,100",
        help="sizes to measure, as multiples of the seed (default 1,10,100; "
        "1,10 skips the several minutes 100x takes)",
    )
    factors = [int(factor) for factor in parser.parse_args().factors.split(",")]

    from django.test import Client

    from jiyuan_portal.accounts import roles
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.reporting.models import Report
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Bureau, Task

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    labels = []
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
        start = time.perf_counter()
        build_copies(0, 1)  # the seed has no reports: give it a copy's worth
        reports = Report.objects.count()
        print(f"    1x | reported in {time.perf_counter() - start:.1f} s: {reports} reports")
        for factor in factors:
            label = f"{factor}x"
            labels.append(label)
            if factor > 1:
                start = time.perf_counter()
                build_to(factor, seed_tasks)
                print(
                    f"{label:>6} | built in {time.perf_counter() - start:.1f} s: "
                    f"{Task.objects.count()} tasks, {Report.objects.count()} reports"
                )
            measure_pages(client, label)
            measure_jobs(label)
        print_summary(labels)
    finally:
        runner.teardown_databases(old_config)


def build_to(factor: int, seed_tasks: int) -> None:
    """Grow the database to ``factor`` times the seed's tasks (and what hangs off them)."""
    from jiyuan_portal.tracking.models import Task

    build_copies(Task.objects.count() // seed_tasks, factor)


if __name__ == "__main__":
    main()
