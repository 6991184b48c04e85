"""Measure the portal's pages at 1, 10 and 100 times the seed: the server time (median of
--repeat requests through Django's test Client) and SQL query count of the cockpit and
every list page, each beside the login page's time in the same run, and the supervision
scan's time. Prints figures; asserts nothing.

Each page is measured twice: warm, as the page cache (``reporting.page_cache``) serves it
between two changes of the data, and cold, the first request after a change (median of
--cold-repeat requests, each after moving the data version).

    make bench                                         # a scratch in-memory SQLite database
    .venv/bin/python benchmarks/run.py --scales 1,10   # skip 100x
    .venv/bin/python benchmarks/run.py --repeat 50
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/run.py   # a scratch PostgreSQL one

The scratch database is created and dropped by Django's test-database machinery, so the
configured database is never touched (SQLite: in memory; PostgreSQL: ``test_<name>_bench``,
not the test suite's ``test_<name>``). The data is
``jiyuan_portal.dashboard.load_data`` (``manage.py generate_load_data``), grown from one
scale to the next in the same database. The times are server times only (the test
Client calls the WSGI handler in-process: no network, no browser). Pages whose URL name
does not exist yet are listed as "(not built yet)".
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")
# Static files without a collectstatic manifest; DEBUG itself is turned off below.
os.environ.setdefault("DJANGO_DEBUG", "1")
# Not a line per sign-in (django-axes logs each at INFO).
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django

django.setup()
# WhiteNoise's note that var/static (collectstatic's output) does not exist yet.
warnings.filterwarnings("ignore", message="No directory at")

from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

MEASURED_BUREAU = "市工业和信息化委员会"
# Goals (issue 10, at 100x on PostgreSQL): the cockpit within 3x the login page's time,
# every other page within 5x.
COCKPIT_GOAL, PAGE_GOAL = 3.0, 5.0
# Issue 15: no page sends more than 300 KB of HTML.
PAGE_KILOBYTES_GOAL = 300


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    args: tuple = ()
    user: str = "supervisor"  # "supervisor", "staff" (of MEASURED_BUREAU) or "" (anonymous)

    @property
    def goal(self) -> float | None:
        if self.url_name == "login":
            return None
        return COCKPIT_GOAL if self.url_name == "dashboard:home" else PAGE_GOAL


@dataclass(frozen=True)
class Measurement:
    """Warm: the content as the page cache keeps it between changes of the data (every
    request after the first); cold: the first request after a change, computed anew."""

    ms: float
    queries: int
    status: int
    kilobytes: float
    cold_ms: float
    cold_queries: int


def pages() -> list[Page]:
    from jiyuan_portal.dashboard.load_data import GROWING_TASK
    from jiyuan_portal.tracking.models import Bureau, Plan, Task

    task = Task.objects.get(plan__code=GROWING_TASK[0], number=GROWING_TASK[1])
    bureau = Bureau.objects.get(name=MEASURED_BUREAU)
    return [
        Page("login", "login", user=""),
        Page("cockpit", "dashboard:home"),
        Page("task list", "dashboard:task_list"),
        Page("milestone list", "dashboard:milestone_list"),
        Page("target list", "dashboard:target_list"),
        Page("bureau list", "dashboard:bureau_list"),
        Page("report list", "reporting:report_list"),
        Page("review queue", "reporting:review_queue"),
        Page("alert list", "alerts:alert_list"),
        Page("award ledger", "funding:entitlement_list"),
        Page("town list", "techreform:town_list"),
        Page("complaint list", "complaints:complaint_list"),
        Page("public pages", "disclosure:home", user=""),
        Page("my work (工信委 staff)", "dashboard:my_work", user="staff"),
        *(
            Page(f"plan {code}", "dashboard:plan_detail", (code,))
            for code in Plan.objects.order_by("order").values_list("code", flat=True)
        ),
        Page(f"task {task.number}", "dashboard:task_detail", (task.pk,)),
        Page("bureau 工信委", "dashboard:bureau_detail", (bureau.pk,)),
    ]


class QueryCounter:
    """Counts statements (``connection.execute_wrapper``) without keeping their SQL."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed_get(client, url: str) -> tuple[float, int, object]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, counter.count, response


def measure(client, url: str, repeat: int, cold_repeat: int) -> Measurement:
    from jiyuan_portal.tracking import data_version

    client.get(url)  # warm up: the session, Django's own caches
    cold = []
    for _ in range(cold_repeat):
        data_version.mark_changed()  # as a report approved elsewhere would: the content is stale
        cold.append(timed_get(client, url))
    warm = [timed_get(client, url) for _ in range(repeat)]
    response = warm[-1][2]
    return Measurement(
        statistics.median(ms for ms, _, _ in warm),
        max(count for _, count, _ in warm),
        response.status_code,
        len(response.content) / 1024,
        statistics.median(ms for ms, _, _ in cold),
        max(count for _, count, _ in cold),
    )


def measure_pages(client, users, repeat: int, cold_repeat: int) -> dict[str, Measurement | None]:
    """Each page's measurement, None for a page whose URL name does not exist yet."""
    results, signed_in = {}, None
    for page in pages():
        try:
            url = reverse(page.url_name, args=page.args)
        except NoReverseMatch:
            results[page.label] = None
            continue
        if page.user != signed_in:
            client.logout()
            if page.user:
                client.force_login(users[page.user])
            signed_in = page.user
        results[page.label] = measure(client, url, repeat, cold_repeat)
    return results


def measure_jobs(label: str) -> None:
    """The supervision scan on emptied supervision tables, then the same day again, then
    both once more under tracemalloc for the Python heap's peak (it slows Python down, so
    the timed runs go without it); and reloading the plans."""
    from benchmarks.overdue_scan import MiB, empty_supervision_tables, heap_peaks
    from jiyuan_portal.alerts.scan import run_scan
    from jiyuan_portal.tracking import status
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Milestone

    empty_supervision_tables()
    start = time.perf_counter()
    result = run_scan()
    first = time.perf_counter() - start
    start = time.perf_counter()
    run_scan()
    again = time.perf_counter() - start
    first_peak, again_peak = heap_peaks(status.today(), analyze_between=False)
    print(
        f"{label:>5} | job supervision scan: {first:.3f} s, {result.flagged} items flagged "
        f"of {Milestone.objects.count()} milestones; the same day again {again:.3f} s; "
        f"Python heap peak {first_peak / MiB:.1f} / {again_peak / MiB:.1f} MiB"
    )
    start = time.perf_counter()
    report = load_all()
    print(
        f"{label:>5} | job reload the plans: {time.perf_counter() - start:.3f} s, "
        + ("nothing changed" if not report.changed_anything else "rows written")
    )


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def ratio(ms: float, login: Measurement | None) -> float:
    return ms / login.ms if login and login.ms else float("nan")


def print_scale(label: str, results: dict, goals_apply: bool) -> None:
    login = results.get("login")
    print(
        f"\n{'page':<24} | {'url name':<26} | {'warm ms':>8} | {'/login':>7} | {'q':>3} | "
        f"{'cold ms':>8} | {'/login':>7} | {'q':>3} | {'KB':>6} | status"
    )
    for page in pages():
        result = results.get(page.label)
        if result is None:
            print(f"{page.label:<24} | {page.url_name:<26} | (not built yet)")
            continue
        warm, cold = ratio(result.ms, login), ratio(result.cold_ms, login)
        flags = goal_flags(page, result, warm, cold) if goals_apply else []
        print(
            f"{page.label:<24} | {page.url_name:<26} | {result.ms:8.1f} | {warm:6.1f}x | "
            f"{result.queries:3d} | {result.cold_ms:8.1f} | {cold:6.1f}x | "
            f"{result.cold_queries:3d} | {result.kilobytes:6.0f} | {result.status}"
            + (f"  {', '.join(flags)}" if flags else "")
        )


def goal_flags(page: Page, result: Measurement, warm: float, cold: float) -> list[str]:
    if page.goal is None:
        return []
    flags = [
        f"{which} over the {page.goal:g}x goal"
        for which, share in (("warm", warm), ("cold", cold))
        if share > page.goal
    ]
    if result.kilobytes > PAGE_KILOBYTES_GOAL:
        flags.append(f"over {PAGE_KILOBYTES_GOAL} KB")
    return flags


def print_summary(results: dict[str, dict], goal_label: str) -> None:
    """Page × scale → warm and cold ms, their ratios to the login page, queries; flags."""
    labels = list(results)
    print(
        f"\nsummary: median ms warm / cold, ratio to the login page, SQL queries warm / cold "
        f"({connection.vendor})"
    )
    print(f"{'page':<24} | " + " | ".join(f"{label:>38}" for label in labels) + " | flags")
    for page in pages():
        cells, counts, flags = [], set(), []
        for label in labels:
            result = results[label].get(page.label)
            if result is None:
                cells.append(f"{'(not built yet)':>38}")
                continue
            login = results[label].get("login")
            warm, cold = ratio(result.ms, login), ratio(result.cold_ms, login)
            cells.append(
                f"{result.ms:6.1f}/{result.cold_ms:7.1f} ms {warm:5.1f}/{cold:6.1f}x "
                f"{result.queries:2d}/{result.cold_queries:2d}q"
            )
            counts.add(result.cold_queries)
            if label == goal_label:
                flags += [f"{flag} at {label}" for flag in goal_flags(page, result, warm, cold)]
        if len(counts) > 1:
            flags.append("query count varies")
        print(f"{page.label:<24} | " + " | ".join(cells) + " | " + ", ".join(flags))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        default="1,10,100",
        help="sizes to measure, as multiples of the seed (default 1,10,100; "
        "1,10 skips the minutes 100x takes)",
    )
    parser.add_argument(
        "--repeat", type=int, default=20, help="requests per page; the median is reported"
    )
    parser.add_argument(
        "--milestones",
        type=int,
        default=0,
        help="after the largest scale, add milestones up to this many and measure again "
        "(100000: issue 15's large scenario)",
    )
    parser.add_argument(
        "--cold-repeat",
        type=int,
        default=5,
        help="requests per page each after a change of the data (the page cache missed)",
    )
    arguments = parser.parse_args()
    scales = sorted({int(scale) for scale in arguments.scales.split(",")})

    from django.test import Client

    from jiyuan_portal.accounts import roles
    from jiyuan_portal.accounts.models import User
    from jiyuan_portal.dashboard.load_data import add_milestones, generate
    from jiyuan_portal.reporting.models import Report
    from jiyuan_portal.tracking.loading import load_all
    from jiyuan_portal.tracking.models import Bureau, Milestone, Target, Task
    from jiyuan_portal.tracking.status import today

    setup_test_environment(debug=False)
    if connection.vendor != "sqlite":
        # A scratch database of its own, not the test suite's test_<name>, which a test run
        # on the same server may be using (an existing one is dropped: interactive=False).
        test = connection.settings_dict.setdefault("TEST", {})
        test["NAME"] = test.get("NAME") or f"test_{connection.settings_dict['NAME']}_bench"
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    results: dict[str, dict] = {}
    try:
        load_all()
        groups = roles.ensure_roles()
        supervisor = User.objects.create(username="bench-supervisor")
        supervisor.groups.add(groups[roles.SUPERVISOR])
        staff = User.objects.create(
            username="bench-staff", bureau=Bureau.objects.get(name=MEASURED_BUREAU)
        )
        staff.groups.add(groups[roles.BUREAU_STAFF])
        users = {"supervisor": supervisor, "staff": staff}
        client = Client()
        print(
            f"{connection.vendor} scratch database; the portal's today: {today()}; "
            f"server time through Django's test Client, median of {arguments.repeat} requests "
            f"warm and {arguments.cold_repeat} cold"
        )
        steps = [(f"{scale}x", lambda scale=scale: generate(scale).seconds) for scale in scales]
        if arguments.milestones:
            steps.append(
                (
                    f"{scales[-1]}x+{arguments.milestones:,}m",
                    lambda: timed(add_milestones, arguments.milestones),
                )
            )
        for index, (label, build) in enumerate(steps):
            seconds = build()
            print(
                f"\n{label:>5} | built in {seconds:.1f} s: {Task.objects.count()} tasks, "
                f"{Milestone.objects.count()} milestones, {Target.objects.count()} targets, "
                f"{Report.objects.count()} reports, {Bureau.objects.count()} bureaus"
            )
            measure_jobs(label)  # before the pages, so that the alert list has alerts
            results[label] = measure_pages(client, users, arguments.repeat, arguments.cold_repeat)
            print_scale(label, results[label], goals_apply=index >= len(scales) - 1)
        goal_label = steps[-1][0]
        print_summary(results, goal_label)
        print(
            f"\nGoals (issue 10, set for 100x on PostgreSQL), checked at {goal_label}: "
            f"the cockpit within {COCKPIT_GOAL:g}x the login page, other pages within "
            f"{PAGE_GOAL:g}x, no page over {PAGE_KILOBYTES_GOAL} KB, and the same query count "
            "at every scale."
        )
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
