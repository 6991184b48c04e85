"""How well the drafter reads a notice: precision and recall per item type and per plan,
against the hand transcription of 济政〔2017〕27号 in fixtures/plans/.

    .venv/bin/python benchmarks/drafting.py [NOTICE.txt]

The notice's text defaults to fixtures/source/jizheng-2017-27.txt (the published text).
It prints figures and asserts nothing; the tests hold the goal (recall ≥ 95 %, precision
≥ 90 %) for what the drafter reads so far. Item types measured: tasks (number and title),
the lead unit, responsible units (the set), milestones, targets and award rules (task,
method and amount); and how many of the notice's header fields equal fixtures/notice.yaml.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")

import django

django.setup()

from jiyuan_portal.tracking.drafting.header import FIELDS as HEADER_FIELDS  # noqa: E402
from jiyuan_portal.tracking.drafting.measure import (  # noqa: E402
    NOTICE_SOURCE,
    score,
    score_header,
)
from jiyuan_portal.tracking.drafting.structure import parse  # noqa: E402

KINDS = {
    "task": "tasks (number, title)",
    "lead": "lead unit",
    "unit": "responsible units",
    "milestone": "milestones (deadline)",
    "target": "targets (year, value, unit, bound)",
    "award": "award rules (task, method, amount)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notice", nargs="?", default=str(NOTICE_SOURCE))
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    args = parser.parse_args()
    text = Path(args.notice).read_text(encoding="utf-8")
    start = time.perf_counter()
    drafts = parse(text)
    seconds = time.perf_counter() - start
    results = score(drafts)
    print(f"drafted {len(drafts)} plans from {len(text):,} characters in {seconds * 1000:.0f} ms\n")
    headers = ("drafted", "expected", "correct", "precision", "recall")
    print(f"{'plan':<20} | {'item type':<22} | " + " | ".join(f"{h:>9}" for h in headers))
    for plan, kinds in results.items():
        for kind, label in KINDS.items():
            one = kinds[kind]
            print(
                f"{plan[:20]:<20} | {label:<22} | {one.drafted:>9} | {one.expected:>9} | "
                f"{one.correct:>9} | {one.precision:>9.1%} | {one.recall:>9.1%}"
            )
    header = score_header(text)
    print(
        f"\nnotice header: {header.correct} of {len(HEADER_FIELDS)} fields equal "
        "fixtures/notice.yaml"
    )
    if args.misses:
        for kind in KINDS:
            for miss in results["all"][kind].misses:
                print(f"{kind}: {miss}")
        for miss in header.misses:
            print(f"header: {miss}")


if __name__ == "__main__":
    main()
