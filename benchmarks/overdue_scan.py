"""Time the daily supervision scan (``jiyuan_portal.alerts.scan.run_scan``) on many
milestones: its first run (flag, notify, urge everything) and a second run the same day,
which must write nothing. Prints figures and a markdown table; asserts nothing.

    .venv/bin/python benchmarks/overdue_scan.py --milestones 100000
    .venv/bin/python benchmarks/overdue_scan.py --scales               # 1,000 / 10,000 / 100,000
    .venv/bin/python benchmarks/overdue_scan.py --scales 500,5000 --profile
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiyuan_portal \\
        .venv/bin/python benchmarks/overdue_scan.py --milestones 100000

(``python benchmarks/overdue_scan.py …`` with the project's virtualenv active is the same.)

Like ``benchmarks/run.py``, it works in a scratch database that Django's test-database
machinery creates and drops (SQLite: in memory; PostgreSQL: ``test_<name>_overdue_scan``
beside the database DATABASE_URL names, which need not exist), so ``var/db.sqlite3`` and
the real database are never touched, nor the test suite's ``test_<name>``.

The data: the seed (plans, bureaus, their tasks, milestones and targets), then tasks of
ten milestones each over the seeded plans, each led by a seeded bureau with one or two
co-responsible ones; two staff users per bureau and three supervisors. Of the milestones,
80% are one-off and overdue (due 2017-2020), 5% recurring (yearly or ongoing; one in ten
of them has an approved report for 2018), 10% completed (half late) and 5% due in the
coming year. Larger sizes add to smaller ones; the supervision tables are emptied between
sizes, and the planner's statistics refreshed (ANALYZE) once the data is built.

For each size: the time, the SQL statements, the three slowest of them and the rows
written (INSERT/UPDATE/DELETE row counts) of each run, the rows of Alert, AlertBureau,
Notification and EscalationStep after it, and the memory: the Python heap's peak
(tracemalloc) during each run, measured on a repeat of both runs on emptied tables because
tracemalloc slows Python down (the timed runs go without it), and the process's peak RSS.
``--profile`` prints where the first run spends its time (cProfile, another repeat).
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

DEFAULT_SCALES = (1_000, 10_000, 100_000)
MILESTONES_PER_TASK = 10
STAFF_PER_BUREAU = 2
SUPERVISORS = 3
BATCH = 5_000
MiB = 1024 * 1024
SLOWEST = 3  # statements shown per run
SQL_SHOWN = 300  # characters of each


# --- counting what the database is asked ---------------------------------------------------


class Statements:
    """An ``execute_wrapper``: counts statements, and the rows INSERT/UPDATE/DELETE touch.

    Unlike ``CaptureQueriesContext`` it keeps no SQL text, so that the memory measured is
    the scan's own (one bulk insert of 100,000 rows is a very long statement)."""

    def __init__(self):
        self.count = 0
        self.written = 0
        self.seconds = 0.0  # in the statements, all together
        self.slowest: list[tuple[float, str]] = []  # (seconds, the SQL's start)

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        result = execute(sql, params, many, context)
        seconds = time.perf_counter() - start
        self.seconds += seconds
        self.slowest.append((seconds, sql[:SQL_SHOWN]))
        self.slowest = sorted(self.slowest, reverse=True)[:SLOWEST]
        self.count += 1
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if verb in ("INSERT", "UPDATE", "DELETE"):
            self.written += max(context["cursor"].rowcount, 0)
        return result


def supervision_models():
    from jiyuan_portal.alerts.models import Alert, AlertBureau, EscalationStep, Notification

    return {
        "Alert": Alert,
        "AlertBureau": AlertBureau,
        "Notification": Notification,
        "EscalationStep": EscalationStep,
        "step recipients": EscalationStep.recipients.through,
    }


def row_counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in supervision_models().items()}


def empty_supervision_tables() -> None:
    """Delete what scans wrote (children first), as plain DELETEs: the scratch database
    has no other writer and the ORM's cascade would load every row first."""
    from jiyuan_portal.alerts.models import Alert, Explanation

    models = supervision_models()
    order = [
        models["step recipients"],
        models["EscalationStep"],
        models["Notification"],
        Explanation,
        models["AlertBureau"],
        Alert.history.model,
        Alert,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model in order:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


# --- building the data ----------------------------------------------------------------------


@dataclass
class World:
    plans: list = field(default_factory=list)
    bureaus: list = field(default_factory=list)
    reporter: object = None
    tasks: dict = field(default_factory=dict)  # benchmark task number -> Task
    milestones: int = 0  # benchmark milestones built so far


def seed_world() -> World:
    """The seed, and the users: STAFF_PER_BUREAU staff in each bureau, SUPERVISORS."""
    from jiyuan_portal.accounts import roles
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Bureau, Plan

    load_all()
    groups = roles.ensure_roles()
    world = World(
        plans=list(Plan.objects.order_by("order")),
        bureaus=list(Bureau.objects.order_by("order", "pk").values_list("pk", flat=True)),
    )
    staff = User.objects.bulk_create(
        User(username=f"bench-staff-{bureau}-{n}", bureau_id=bureau, password="!")
        for bureau in world.bureaus
        for n in range(STAFF_PER_BUREAU)
    )
    supervisors = User.objects.bulk_create(
        User(username=f"bench-supervisor-{n}", password="!") for n in range(SUPERVISORS)
    )
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=user.pk, group_id=groups[roles.BUREAU_STAFF].pk) for user in staff]
        + [through(user_id=user.pk, group_id=groups[roles.SUPERVISOR].pk) for user in supervisors]
    )
    world.reporter = staff[0]
    return world


def bureaus_of(number: int, bureaus: list) -> list[int]:
    """Lead first, then one or (every third task) two co-responsible bureaus."""
    picked = [bureaus[number % len(bureaus)]]
    for step, offset in ((7, 3), (13, 5))[: 2 if number % 3 == 0 else 1]:
        bureau = bureaus[(number * step + offset) % len(bureaus)]
        if bureau not in picked:
            picked.append(bureau)
    return picked


PLAN_DAYS = (datetime.date(2020, 12, 31) - datetime.date(2017, 1, 31)).days


def milestone_fields(i: int, on: datetime.date) -> dict:
    """The i-th benchmark milestone: the same whatever size it is built for."""
    from jiyuan_portal.tracking.models import Milestone

    due = datetime.date(2017, 1, 31) + datetime.timedelta(days=(i * 7919) % PLAN_DAYS)
    kind = i % 20
    fields = {"due_date": due, "recurrence": Milestone.Recurrence.ONCE}
    if kind == 0:  # 5% recurring: every year by the same day, or ongoing to the year's end
        ongoing = (i // 20) % 2
        fields["recurrence"] = (
            Milestone.Recurrence.ONGOING if ongoing else Milestone.Recurrence.YEARLY
        )
        fields["due_date"] = None if ongoing else due.replace(year=2017)
    elif kind in (1, 2):  # 10% completed, half of them late
        late = datetime.timedelta(days=30 if kind == 2 else -5)
        fields["completed_on"] = due + late
    elif kind == 3:  # 5% not due yet
        fields["due_date"] = on + datetime.timedelta(days=1 + i % 365)
    return fields


def build_milestones(world: World, stop: int, on: datetime.date) -> None:
    """Grow the benchmark's milestones to ``stop`` (with their tasks and bureaus)."""
    from jiyuan_portal.reporting.models import MilestoneReport, ReviewStatus
    from jiyuan_portal.tracking.models import Milestone, Task, TaskBureau

    start = world.milestones
    for batch_start in range(start, stop, BATCH):
        batch = range(batch_start, min(stop, batch_start + BATCH))
        with transaction.atomic():
            numbers = sorted({i // MILESTONES_PER_TASK for i in batch} - set(world.tasks))
            tasks = Task.objects.bulk_create(
                Task(
                    plan=world.plans[number % len(world.plans)],
                    number=f"基准{number}",
                    section=Task.Section.KEY_TASK,
                    title=f"基准任务{number}",
                    text="基准任务的条文。",
                    order=100_000 + number,
                )
                for number in numbers
            )
            world.tasks.update(zip(numbers, tasks, strict=True))
            TaskBureau.objects.bulk_create(
                TaskBureau(
                    task=world.tasks[number],
                    bureau_id=bureau,
                    order=order,
                    role=TaskBureau.Role.LEAD if order == 1 else TaskBureau.Role.COOPERATING,
                )
                for number in numbers
                for order, bureau in enumerate(bureaus_of(number, world.bureaus), start=1)
            )
            milestones = Milestone.objects.bulk_create(
                Milestone(
                    task=world.tasks[i // MILESTONES_PER_TASK],
                    # bulk_create skips save(), which fills the plan in from the task
                    plan_id=world.tasks[i // MILESTONES_PER_TASK].plan_id,
                    order=i % MILESTONES_PER_TASK + 1,
                    description=f"基准时间节点{i}:完成排查整治",
                    due_phrase="基准",
                    **milestone_fields(i, on),
                )
                for i in batch
            )
            # One in ten recurring milestones was reported done for 2018 (multi-table
            # children of Report: one by one).
            for i, milestone in zip(batch, milestones, strict=True):
                if i % 200 == 0:
                    reported = timezone.make_aware(datetime.datetime(2018, 12, 20, 10))
                    MilestoneReport.objects.create(
                        milestone=milestone,
                        bureau_id=bureaus_of(i // MILESTONES_PER_TASK, world.bureaus)[0],
                        created_by=world.reporter,
                        outcome=MilestoneReport.Outcome.COMPLETED,
                        completed_on=datetime.date(2018, 12, 15),
                        status=ReviewStatus.APPROVED,
                        submitted_at=reported,
                        reviewed_at=reported,
                    )
    world.milestones = stop


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float = 0.0
    statements: int = 0
    written: int = 0
    rows: dict = field(default_factory=dict)
    result: str = ""
    slowest: list = field(default_factory=list)
    heap_peak: int | None = None  # bytes, from the tracemalloc repeat
    in_statements: float = 0.0  # seconds
    commit: float = 0.0  # seconds: the deferred foreign-key checks run here

    @property
    def breakdown(self) -> str:
        rest = self.seconds - self.in_statements - self.commit
        return (
            f"in SQL statements {self.in_statements:.2f} s, commit {self.commit:.2f} s, "
            f"Python and the rest {rest:.2f} s"
        )


def timed_run(on) -> Run:
    from jiyuan_portal.alerts.scan import run_scan

    statements = Statements()
    with connection.execute_wrapper(statements):
        start = time.perf_counter()
        with transaction.atomic():  # the scan's own becomes a savepoint: its commit is timed
            result = run_scan(on)
            ran = time.perf_counter()
        seconds = time.perf_counter() - start
    return Run(
        seconds,
        statements.count,
        statements.written,
        row_counts(),
        str(result),
        statements.slowest,
        in_statements=statements.seconds,
        commit=seconds - (ran - start),
    )


def heap_peaks(on, analyze_between: bool) -> tuple[int, int]:
    """The Python heap's peak during a first and a second run, on emptied tables."""
    from jiyuan_portal.alerts.scan import run_scan

    empty_supervision_tables()
    tracemalloc.start()
    try:
        run_scan(on)
        _size, first = tracemalloc.get_traced_memory()
        if analyze_between:
            analyze()
        tracemalloc.reset_peak()
        run_scan(on)
        _size, second = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return first, second


def profile_first_run(on, lines: int = 30) -> str:
    from jiyuan_portal.alerts.scan import run_scan

    empty_supervision_tables()
    profiler = cProfile.Profile()
    profiler.enable()
    run_scan(on)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def peak_rss() -> int:
    """The process's peak resident set size, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def analyze() -> None:
    """Refresh the planner's statistics (PostgreSQL's autovacuum does it in the background)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(
    world: World,
    size: int,
    on,
    *,
    profile: bool,
    memory: bool,
    analyze_between: bool,
    next_day: bool = False,
) -> dict:
    from jiyuan_portal.tracking.models import Milestone

    start = time.perf_counter()
    build_milestones(world, size, on)
    built = time.perf_counter() - start
    empty_supervision_tables()
    analyze()  # a real database has statistics on its milestones, tasks and users
    total = Milestone.objects.count()
    print(
        f"\n== {size:,} benchmark milestones ({total:,} with the seed's, "
        f"{len(world.tasks):,} tasks) built in {built:.1f} s; judged on {on}"
    )
    first = timed_run(on)
    if analyze_between:
        analyze()
    second = timed_run(on)
    for label, run in (("first run", first), ("second run", second)):
        rows = ", ".join(f"{name} {count:,}" for name, count in run.rows.items())
        print(
            f"{label:<10} | {run.seconds:8.2f} s | {run.statements:4d} statements | "
            f"{run.written:,} rows written | {rows}"
        )
        print(f"{'':<10} | {run.result}")
        print(f"{'':<10} | {run.breakdown}")
        for seconds, sql in run.slowest:
            print(f"{'':<10} | {seconds:8.2f} s  {' '.join(sql.split())[:SQL_SHOWN]}")
    if second.rows != first.rows or second.written:
        print("!! the second run wrote something")
    if next_day:
        # The state a portal is in every morning: yesterday's items are open. The next day's
        # first run settles, reminds and climbs the ladder where it must; the second writes
        # nothing.
        analyze()
        tomorrow = on + datetime.timedelta(days=1)
        for label in ("next day, first run", "next day, second run"):
            run = timed_run(tomorrow)
            print(
                f"{label:<10} | {run.seconds:8.2f} s | {run.statements:4d} statements | "
                f"{run.written:,} rows written | {run.result}"
            )
            print(f"{'':<10} | {run.breakdown}")
            for seconds, sql in run.slowest:
                print(f"{'':<10} | {seconds:8.2f} s  {' '.join(sql.split())[:SQL_SHOWN]}")
    if memory:
        first.heap_peak, second.heap_peak = heap_peaks(on, analyze_between)
        if row_counts() != second.rows:
            print("!! the tracemalloc repeat did not write the same rows")
    print(
        f"{'memory':<10} | Python heap peak: first run {mib(first.heap_peak)}, "
        f"second run {mib(second.heap_peak)} | process peak RSS so far {mib(peak_rss())}"
    )
    if profile:
        print(profile_first_run(on))
    return {"size": size, "total": total, "first": first, "second": second, "rss": peak_rss()}


def mib(size: int | None) -> str:
    return "—" if size is None else f"{size / MiB:.0f} MiB"


def markdown_table(rows: list[dict]) -> str:
    lines = [
        "| milestones | alerts | notifications | first run | queries | heap peak "
        "| second run | queries | rows written | heap peak | peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        first, second = row["first"], row["second"]
        lines.append(
            f"| {row['size']:,} | {first.rows['Alert']:,} | {first.rows['Notification']:,} "
            f"| {first.seconds:.2f} s | {first.statements} | {mib(first.heap_peak)} "
            f"| {second.seconds:.2f} s | {second.statements} | {second.written} "
            f"| {mib(second.heap_peak)} | {mib(row['rss'])} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--milestones",
        type=int,
        default=100_000,
        help="benchmark milestones to build (default 100,000; the seed's come on top)",
    )
    parser.add_argument(
        "--scales",
        nargs="?",
        const=",".join(str(size) for size in DEFAULT_SCALES),
        help="measure several sizes instead, comma-separated "
        "(alone: 1000,10000,100000, i.e. 1x, 10x, 100x)",
    )
    parser.add_argument(
        "--on",
        type=datetime.date.fromisoformat,
        help="the day the scan judges (default today; a past day: a future one makes the "
        "ladder climb again on a second run the same day)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile a further first run at each size"
    )
    parser.add_argument(
        "--no-memory",
        dest="memory",
        action="store_false",
        help="skip the tracemalloc repeat of both runs (halves the time)",
    )
    parser.add_argument(
        "--analyze-between-runs",
        action="store_true",
        help="ANALYZE between the first and the second run, as autovacuum would have done "
        "before the next day's scan (without it the second run is a rerun the same day)",
    )
    parser.add_argument(
        "--next-day",
        action="store_true",
        help="after the two runs, time the next day's first and second runs: the daily cost "
        "once the backlog is flagged (the first run flags every late item at once)",
    )
    args = parser.parse_args()
    sizes = (
        sorted(int(size) for size in args.scales.split(",")) if args.scales else [args.milestones]
    )

    # DEBUG off, as in production: no query log growing in memory.
    setup_test_environment(debug=False)
    if connection.vendor != "sqlite":
        # A scratch database of its own, not the test suite's test_<name>, which a test run
        # on the same server may be using (an existing one is dropped: interactive=False).
        test = connection.settings_dict.setdefault("TEST", {})
        test["NAME"] = test.get("NAME") or f"test_{connection.settings_dict['NAME']}_overdue_scan"
    runner = DiscoverRunner(verbosity=0, interactive=False)
    start = time.perf_counter()
    old_config = runner.setup_databases()
    try:
        on = args.on or timezone.localdate()
        settings = connection.settings_dict
        print(
            f"database: {connection.vendor} {settings['NAME']} (scratch, created in "
            f"{time.perf_counter() - start:.1f} s); python {sys.version.split()[0]}, "
            f"{os.cpu_count()} cores"
        )
        world = seed_world()
        rows = [
            measure(
                world,
                size,
                on,
                profile=args.profile,
                memory=args.memory,
                analyze_between=args.analyze_between_runs,
                next_day=args.next_day,
            )
            for size in sizes
        ]
        print(f"\n{connection.vendor}, judged on {on}:\n")
        print(markdown_table(rows))
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
