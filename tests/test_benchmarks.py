"""The benchmark scripts run (they assert nothing themselves, so nothing else would notice
one breaking): each at its smallest size, in a scratch database of its own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_script(*args: str) -> str:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "jiyuan_portal.settings"}
    completed = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_the_scan_benchmark_times_both_runs_and_the_next_day():
    output = run_script(
        "benchmarks/overdue_scan.py", "--milestones", "60", "--no-memory", "--next-day"
    )

    assert "first run" in output and "next day, first run" in output
    assert "!! the second run wrote something" not in output
    assert "second run |" in output and "| 0 rows written |" in output


def test_the_page_benchmark_measures_every_page_at_the_seeds_size():
    output = run_script("benchmarks/run.py", "--scales", "1", "--repeat", "1", "--cold-repeat", "1")

    assert "(not built yet)" not in output
    for page in ("cockpit", "login", "bureau 工信委"):
        assert page in output
