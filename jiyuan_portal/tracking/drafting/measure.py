"""How close a draft comes to the hand transcription of 济政〔2017〕27号
(``fixtures/plans/``): precision and recall per item type and per plan. Used by
``benchmarks/drafting.py`` and the tests; it reads files only, no database."""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..dates import DeadlineError, parse_deadline
from ..loading import FIXTURES_DIR, read_yaml, split_responsible
from ..names import bureau_lookup_keys, clean
from .awards import of_task as award_rules_of
from .header import FIELDS as HEADER_FIELDS
from .header import parse_header
from .milestones import of_paragraphs, plan_milestones
from .structure import DraftPlan
from .targets import of_plan, of_task

# The text of 济政〔2017〕27号 as published (a copy of ../shared/source/ at the time the
# drafter was measured), which the transcription in fixtures/plans/ was made from.
NOTICE_SOURCE = FIXTURES_DIR / "source" / "jizheng-2017-27.txt"


@dataclass
class Score:
    drafted: int = 0
    expected: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.drafted += other.drafted
        self.expected += other.expected
        self.correct += other.correct
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.correct / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def bureau_names(fixtures_dir: Path = FIXTURES_DIR) -> dict[str, str]:
    """Every spelling of a bureau the master data know, to its canonical name."""
    names = {}
    for entry in read_yaml(fixtures_dir / "bureaus.yaml"):
        for spelling in (entry["name"], *entry.get("aliases", [])):
            for key in bureau_lookup_keys(spelling):
                names.setdefault(key, entry["name"])
    return names


def canonical(name: str, names: dict[str, str]) -> str:
    for key in bureau_lookup_keys(name):
        if key in names:
            return names[key]
    return clean(name)


def _normalised(title: str) -> str:
    return re.sub(r"[\s,,。.、;;:：]", "", clean(title))


def transcribed_plans(fixtures_dir: Path = FIXTURES_DIR) -> dict[str, dict]:
    return {
        plan["title"]: plan
        for plan in (read_yaml(path) for path in sorted((fixtures_dir / "plans").glob("*.yaml")))
    }


KINDS = ("task", "lead", "unit", "milestone", "target", "award")


def _target_key(target) -> tuple:
    if isinstance(target, dict):
        value = Decimal(str(target["value"])).normalize()
        return (int(target["year"]), value, target["unit"], target.get("bound", "exact"))
    return (target.year, target.value.normalize(), target.unit, target.bound)


def _score_keys(score: Score, where: str, mine: list, theirs: list) -> None:
    """Count drafted keys against transcribed ones, each matched once."""
    mine = list(mine)
    score.drafted += len(mine)
    score.expected += len(theirs)
    for key in theirs:
        if key in mine:
            mine.remove(key)
            score.correct += 1
        else:
            score.misses.append(f"{where}: missing {key}")
    score.misses += [f"{where}: extra {key}" for key in mine]


def _score_targets(score: Score, where: str, drafted: list, expected: list) -> None:
    """Targets match on their year, value, unit and bound within their task (or plan)."""
    _score_keys(score, where, [_target_key(t) for t in drafted], [_target_key(t) for t in expected])


def _deadline_key(when: str, year) -> tuple:
    try:
        deadline = parse_deadline(when, year)
    except DeadlineError:
        return ("unreadable", when)
    return (deadline.recurrence, deadline.due_date)


def _score_milestones(score: Score, where: str, drafted: list, expected: list) -> None:
    """Milestones match on their deadline (date, or kind of recurrence) within a task."""
    _score_keys(
        score,
        where,
        [_deadline_key(m.when, m.year) for m in drafted],
        [_deadline_key(str(m["when"]), m.get("year")) for m in expected],
    )


def _award_key(rule) -> tuple:
    """An award rule's task, method and amount (its fixed amount or its rate; none for an
    unspecified one): what a rule pays, whatever it is called."""
    if isinstance(rule, dict):
        task, method = str(rule["task"]), rule.get("method", "unspecified")
        amount = rule.get("fixed_amount") if method == "fixed" else rule.get("rate")
    else:
        task, method = rule.task, rule.method
        amount = rule.fixed_amount if method == "fixed" else rule.rate
    if method == "unspecified" or amount is None:
        return (task, method, None)
    value = Decimal(str(amount))
    return (task, method, value.quantize(Decimal(1)) if value == value.to_integral() else value)


def _score_awards(score: Score, where: str, drafted: list, expected: list) -> None:
    """Award rules match on their task, method and amount, one drafted rule to one
    transcribed."""
    _score_keys(score, where, [_award_key(r) for r in drafted], [_award_key(r) for r in expected])


def score_header(text: str, fixtures_dir: Path = FIXTURES_DIR) -> Score:
    """The notice's header fields (``header.FIELDS``) drafted from ``text`` that equal
    ``notice.yaml``'s; a field the text does not give counts as not drafted."""
    truth = read_yaml(fixtures_dir / "notice.yaml")
    notice = parse_header(text)
    result = Score()
    for name in HEADER_FIELDS:
        mine, theirs = getattr(notice, name), truth.get(name)
        result.expected += theirs not in (None, "")
        result.drafted += mine not in (None, "")
        if mine not in (None, "") and mine == theirs:
            result.correct += 1
        else:
            result.misses.append(f"header {name}: {mine!r} ≠ {theirs!r}")
    return result


def score_plan(draft: DraftPlan | None, truth: dict, names: dict[str, str]) -> dict[str, Score]:
    scores = {kind: Score() for kind in KINDS}
    task_milestones = [
        m
        for item in (draft.items if draft else [])
        for m in of_paragraphs(item.lines, draft.issue_year)
    ]
    _score_milestones(
        scores["milestone"],
        f"{truth['title']} (plan)",
        plan_milestones(draft.goals, draft.issue_year, task_milestones) if draft else [],
        truth.get("milestones") or [],
    )
    issue_year = draft.issue_year if draft else None
    task_targets = [
        t for item in (draft.items if draft else []) for t in of_task(item.lines, issue_year)
    ]
    _score_targets(
        scores["target"],
        f"{truth['title']} (plan)",
        of_plan(draft.goals, issue_year, task_targets) if draft else [],
        truth.get("targets") or [],
    )
    _score_awards(
        scores["award"],
        truth["title"],
        [
            r
            for item in (draft.items if draft else [])
            for r in award_rules_of(item.lines, item.number)
        ],
        truth.get("award_rules") or [],
    )
    expected_tasks = {task["number"]: task for task in truth.get("tasks", [])}
    drafted = {item.number: item for item in (draft.items if draft else [])}
    scores["task"].drafted, scores["task"].expected = len(drafted), len(expected_tasks)
    for number, task in expected_tasks.items():
        item = drafted.get(number)
        if item is None:
            scores["task"].misses.append(f"{truth['title']} {number}: not drafted")
        elif _normalised(item.title) == _normalised(task["title"]):
            scores["task"].correct += 1
        else:
            scores["task"].misses.append(
                f"{truth['title']} {number}: {item.title!r} ≠ {task['title']!r}"
            )
        _score_milestones(
            scores["milestone"],
            f"{truth['title']} {number}",
            of_paragraphs(item.lines, draft.issue_year) if item else [],
            task.get("milestones") or [],
        )
        _score_targets(
            scores["target"],
            f"{truth['title']} {number}",
            of_task(item.lines, issue_year) if item else [],
            task.get("targets") or [],
        )
        units = [canonical(n, names) for n in split_responsible(task.get("responsible") or "")]
        mine = [canonical(n, names) for n in (item.units if item else [])]
        scores["unit"].expected += len(set(units))
        scores["unit"].drafted += len(set(mine))
        scores["unit"].correct += len(set(units) & set(mine))
        for missing in set(units) - set(mine):
            scores["unit"].misses.append(f"{truth['title']} {number}: missing {missing}")
        for extra in set(mine) - set(units):
            scores["unit"].misses.append(f"{truth['title']} {number}: extra {extra}")
        if units:
            scores["lead"].expected += 1
        if item and item.lead:
            scores["lead"].drafted += 1
            if units and canonical(item.lead[0], names) == units[0]:
                scores["lead"].correct += 1
            else:
                scores["lead"].misses.append(f"{truth['title']} {number}: lead {item.lead[0]}")
    for number in set(drafted) - set(expected_tasks):
        scores["task"].misses.append(f"{truth['title']} {number}: drafted, not transcribed")
        scores["unit"].drafted += len(set(drafted[number].units))
        scores["lead"].drafted += bool(drafted[number].lead)
        scores["milestone"].drafted += len(of_paragraphs(drafted[number].lines, draft.issue_year))
    return scores


def score(
    drafts: list[DraftPlan], fixtures_dir: Path = FIXTURES_DIR
) -> dict[str, dict[str, Score]]:
    """{plan title or "all": {item type: Score}}."""
    names = bureau_names(fixtures_dir)
    by_title = {draft.title: draft for draft in drafts}
    results, total = {}, {kind: Score() for kind in KINDS}
    for title, truth in transcribed_plans(fixtures_dir).items():
        results[title] = score_plan(by_title.get(title), truth, names)
        for kind, one in results[title].items():
            total[kind].add(one)
    results["all"] = total
    return results
