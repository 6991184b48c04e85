"""A drafted plan in the fixtures' own YAML format (``fixtures/README.md``), so that a
draft can be checked in, edited and loaded with ``load_plans --draft``. What the drafter
does not read (a target's indicator: its clause stands for it; an award rule's registry and
fields: the portal's, not the text's) is left for the person editing the draft."""

import re
from decimal import Decimal

import yaml

from .milestones import of_paragraphs, plan_milestones
from .structure import DraftPlan
from .targets import of_plan, of_task


def _slug(number: str) -> str:
    numerals = "一二三四五六七八九十"
    digits = [str(numerals.index(c) + 1) if c in numerals else c for c in number]
    return re.sub(r"[^0-9a-z]+", "-", "".join(digits).lower()).strip("-") or "plan"


def _milestone(found) -> dict:
    entry = {"when": found.when, "what": found.what}
    if found.year:
        entry["year"] = found.year
    return entry


def _number(value):
    """A Decimal as YAML writes numbers: 30, not 30.0 nor '30'."""
    return int(value) if value == int(value) else float(value)


AWARD_RULE_FIELDS = (
    "name",
    "clause",
    "method",
    "fixed_amount",
    "rate",
    "base_label",
    "threshold_label",
    "threshold",
    "cap",
    "annual_cap",
    "duration_years",
    "first_year",
    "amount_note",
)


def award_rule_entry(found, code: str) -> dict:
    """A drafted award rule in the plan file's layout: what the text states (no registry)."""
    entry = {"code": code, "task": found.task}
    for name in AWARD_RULE_FIELDS:
        value = getattr(found, name)
        if value not in (None, ""):
            entry[name] = _number(value) if isinstance(value, Decimal) else value
    return entry


def _target(found, code: str) -> dict:
    entry = {
        "code": code,
        "indicator": found.clause[:200],
        "kind": found.kind,
        "unit": found.unit,
        "year": found.year,
        "value": _number(found.value),
        "bound": found.bound,
        "clause": found.clause,
    }
    if found.baseline_value is not None:
        entry["baseline_value"] = _number(found.baseline_value)
    if (found.kind == "change" or found.baseline_value is not None) and found.baseline_year:
        entry["baseline_year"] = found.baseline_year
    # For the review (``draft.REVIEW_KEYS``; not written to the YAML): what to check.
    entry["unsure"] = [
        *(["yearly"] if "每年" in found.clause else []),
        *([] if found.year_stated else ["year_inferred"]),
    ]
    return entry


def as_fixture(plan: DraftPlan, code: str, order: int) -> dict:
    tasks, task_milestones, task_targets = [], [], []
    for item in plan.items:
        milestones = of_paragraphs(item.lines, plan.issue_year)
        targets = of_task(item.lines, plan.issue_year)
        for milestone in milestones:
            milestone.what = milestone.what or item.title  # the task itself is due then
        task_milestones += milestones
        task_targets += targets
        prefix = _slug(item.number)
        tasks.append(
            {
                "number": item.number,
                "section": item.section,
                "title": item.title,
                "text": item.text,
                "responsible": "、".join(item.units) or None,
                "milestones": [_milestone(m) for m in milestones],
                "targets": [_target(t, f"{prefix}-{n}") for n, t in enumerate(targets, 1)],
            }
        )
    goals = plan.goals
    return {
        "code": code,
        "title": plan.title,
        "short_name": re.sub(r"^济源市|攻坚方案$|方案$", "", plan.title)[:50] or plan.title,
        "order": order,
        "preamble": "\n\n".join(plan.preamble),
        "goals": "\n\n".join(goals),
        "milestones": [
            _milestone(m) for m in plan_milestones(goals, plan.issue_year, task_milestones)
        ],
        "targets": [
            _target(t, f"goal-{n}")
            for n, t in enumerate(of_plan(goals, plan.issue_year, task_targets), 1)
        ],
        "tasks": tasks,
    }


class FixtureDumper(yaml.SafeDumper):
    """Text of several paragraphs as a block (``|-``), as the fixture files write it."""


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


FixtureDumper.add_representer(str, _text)


def dump(documents, stream) -> None:
    yaml.dump_all(
        documents, stream, Dumper=FixtureDumper, allow_unicode=True, sort_keys=False, width=100
    )
