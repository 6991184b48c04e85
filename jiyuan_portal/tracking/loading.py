"""Load the notice, bureaus, towns and the five plans from the YAML files in ``fixtures/``.

Loading is idempotent: every row is matched on its natural key (plan code, task number,
milestone order, target code, alias name) and updated in place, and only where a value
differs: loading unchanged files writes no row and no history row, and the report says
"nothing changed". Rows a file does not list
(added by an admin, or dropped from a file after bureaus reported on them) are kept and
counted as "kept", never deleted: reloading on a release must not lose anyone's work. A
task's responsible bureaus, which the document defines, are replaced by the file's.
Everything happens in one transaction, so a file with an error changes nothing. The layout
of a plan file is documented in ``fixtures/README.md``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from . import measures
from .dates import DeadlineError, parse_deadline
from .models import (
    AwardRule,
    Bureau,
    BureauAlias,
    Denominator,
    Milestone,
    Notice,
    Plan,
    Target,
    Task,
    TaskBureau,
    Town,
    TownAlias,
)
from .names import is_open_ended
from .plan_apps import plan_codes, task_model_for

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"

_NOTICE_KEYS = {
    "number",
    "title",
    "issuer",
    "issued_on",
    "text",
    "issuing_office",
    "index_number",
    "published_on",
    "printed_on",
}
_PLAN_KEYS = {
    "code",
    "title",
    "short_name",
    "order",
    "preamble",
    "general_requirements",
    "goals",
    "milestones",
    "targets",
    "tasks",
    "award_rules",
    "denominators",
}
_TASK_KEYS = {
    "number",
    "section",
    "title",
    "text",
    "responsible",
    "specific",
    "milestones",
    "targets",
}
_MILESTONE_KEYS = {"when", "year", "what"}
_TARGET_KEYS = {
    "code",
    "indicator",
    "kind",
    "unit",
    "year",
    "value",
    "bound",
    "baseline_year",
    "baseline_value",
    "clause",
    "measure",
    "due_on",
    "hand_reported",
}


_AWARD_RULE_KEYS = {
    "code",
    "task",
    "name",
    "clause",
    "registry",
    "conditions",
    "method",
    "fixed_amount",
    "rate",
    "base_field",
    "base_label",
    "threshold_field",
    "threshold_label",
    "threshold",
    "cap",
    "annual_cap",
    "duration_years",
    "start_field",
    "subject_field",
    "first_year",
    "year_field",
    "payable_field",
    "amount_note",
}
_AWARD_RULE_DECIMALS = {"fixed_amount", "rate", "threshold", "cap", "annual_cap"}


class PlanDataError(Exception):
    """A fixture file says something the loader cannot take; the message says where."""


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[what] = bucket.get(what, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def count_deleted(self, what: str, number: int) -> None:
        if number:
            self.deleted[what] = self.deleted.get(what, 0) + number

    def count_kept(self, what: str, number: int) -> None:
        if number:
            self.kept[what] = self.kept.get(what, 0) + number

    def __str__(self):
        def fmt(counts):
            return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "-"

        changes = (
            f"created: {fmt(self.created)}; updated: {fmt(self.updated)}; "
            f"deleted: {fmt(self.deleted)}"
            if self.changed_anything
            else "nothing changed"
        )
        return (
            f"{changes}; unchanged: {fmt(self.unchanged)}; not in the files, kept: {fmt(self.kept)}"
        )


def upsert(model, lookup: dict, defaults: dict) -> tuple[object, str]:
    """``update_or_create`` that writes only what differs: the row matching ``lookup`` is
    created, or saved with the fields whose value changed, or left alone (no write, no
    history row). Returns the row and CREATED, UPDATED or UNCHANGED."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **defaults), CREATED
    changed = []
    for name, value in defaults.items():
        field_ = model._meta.get_field(name)
        if field_.is_relation:
            current, wanted = getattr(obj, field_.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(obj, name), field_.to_python(value)
        if current != wanted:
            setattr(obj, name, value)
            changed.append(name)
    if not changed:
        return obj, UNCHANGED
    obj.save(update_fields=changed)
    return obj, UPDATED


def read_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise PlanDataError(f"{path}: {error}") from error


def _check_keys(where: str, data: dict, allowed: set[str], required: set[str]) -> None:
    if not isinstance(data, dict):
        raise PlanDataError(f"{where}: expected a mapping, got {data!r}")
    unknown = set(data) - allowed
    if unknown:
        raise PlanDataError(f"{where}: unknown keys {sorted(unknown)}")
    missing = required - set(data)
    if missing:
        raise PlanDataError(f"{where}: missing keys {sorted(missing)}")


def _decimal(where: str, value) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise PlanDataError(f"{where}: {value!r} is not a number") from error


def split_responsible(text: str) -> list[str]:
    """``市工业和信息化委、国资委…等部门`` -> the names in order (first one leads)."""
    return [name.strip() for name in text.replace(",", "、").split("、") if name.strip()]


@transaction.atomic
def load_master_data(fixtures_dir: Path = FIXTURES_DIR, report: LoadReport | None = None):
    report = report or LoadReport()
    for path, model, alias_model, owner, fields in (
        (fixtures_dir / "bureaus.yaml", Bureau, BureauAlias, "bureau", ("short_name", "kind")),
        (fixtures_dir / "towns.yaml", Town, TownAlias, "town", ("full_name", "kind")),
    ):
        for order, entry in enumerate(read_yaml(path), start=1):
            where = f"{path.name}: {entry.get('name')}"
            _check_keys(where, entry, {"name", "aliases", *fields}, {"name", *fields})
            obj, outcome = upsert(
                model,
                {"name": entry["name"]},
                {"order": order, **{name: entry[name] for name in fields}},
            )
            report.count(model.__name__, outcome)
            for alias in entry.get("aliases") or []:
                taken = alias_model.objects.filter(name=alias).exclude(**{owner: obj}).first()
                if taken is not None or model.objects.filter(name=alias).exclude(pk=obj.pk):
                    raise PlanDataError(f"{where}: alias {alias!r} already names another entry")
                _, outcome = upsert(alias_model, {"name": alias}, {owner: obj})
                report.count(alias_model.__name__, outcome)
            stale = alias_model.objects.filter(**{owner: obj}).exclude(
                name__in=entry.get("aliases") or []
            )
            report.count_deleted(alias_model.__name__, stale.delete()[0])
    return report


@transaction.atomic
def load_notice(fixtures_dir: Path = FIXTURES_DIR, report: LoadReport | None = None) -> Notice:
    return load_notice_data(read_yaml(fixtures_dir / "notice.yaml"), report)


def load_notice_data(data: dict, report: LoadReport | None = None) -> Notice:
    """The notice of a mapping in ``notice.yaml``'s layout, matched on its number."""
    report = report or LoadReport()
    where = f"notice {data.get('number', '')}" if isinstance(data, dict) else "notice"
    _check_keys(where, data, _NOTICE_KEYS, {"number", "title", "issuer", "issued_on"})
    for key in ("issued_on", "published_on", "printed_on"):
        if data.get(key) is not None and not isinstance(data[key], datetime.date):
            raise PlanDataError(f"{where}: {key} {data[key]!r} is not a date")
    notice, outcome = upsert(
        Notice,
        {"number": data["number"]},
        {
            **{key: data[key] for key in ("title", "issuer", "issued_on")},
            "text": data.get("text", ""),
            "issuing_office": data.get("issuing_office", ""),
            "index_number": data.get("index_number", ""),
            "published_on": data.get("published_on"),
            "printed_on": data.get("printed_on"),
        },
    )
    report.count("Notice", outcome)
    return notice


def _load_targets(where, entries, plan, task, report, seen_codes: set[str]) -> list[str]:
    codes = []
    for order, entry in enumerate(entries or [], start=1):
        here = f"{where}, target {entry.get('code', order)}"
        _check_keys(
            here,
            entry,
            _TARGET_KEYS,
            {"code", "indicator", "kind", "unit", "year", "value", "clause"},
        )
        if entry["code"] in seen_codes:
            raise PlanDataError(f"{here}: the code is used twice in this plan")
        seen_codes.add(entry["code"])
        measure = entry.get("measure", "")
        if measure and measure not in measures.codes():
            raise PlanDataError(
                f"{here}: no measure {measure!r}; known: {sorted(measures.codes())}"
            )
        if entry["kind"] not in Target.Kind.values:
            raise PlanDataError(
                f"{here}: kind {entry['kind']!r} is not one of {Target.Kind.values}"
            )
        bound = entry.get("bound", Target.Bound.EXACT)
        if bound not in Target.Bound.values:
            raise PlanDataError(f"{here}: bound {bound!r} is not one of {Target.Bound.values}")
        if measure and entry.get("hand_reported"):
            raise PlanDataError(f"{here}: a measured target is not reported by hand")
        due_on = entry.get("due_on")
        if due_on is not None and (
            not isinstance(due_on, datetime.date) or due_on.year != int(entry["year"])
        ):
            raise PlanDataError(f"{here}: due_on {due_on!r} is not a date in the target's year")
        baseline = entry.get("baseline_value")
        _, outcome = upsert(
            Target,
            {"plan": plan, "code": entry["code"]},
            {
                "task": task,
                "order": order,
                "indicator": entry["indicator"],
                "kind": entry["kind"],
                "unit": entry["unit"],
                "year": int(entry["year"]),
                "value": _decimal(here, entry["value"]),
                "bound": bound,
                "baseline_year": entry.get("baseline_year"),
                "baseline_value": None if baseline is None else _decimal(here, baseline),
                "clause": entry["clause"],
                "measure": measure,
                "due_on": entry.get("due_on"),
                "hand_reported_reason": entry.get("hand_reported", ""),
            },
        )
        codes.append(entry["code"])
        report.count("Target", outcome)
    return codes


def _load_milestones(where, entries, plan, task, report) -> None:
    """The 时间节点 of ``task``, or the plan's own dated goals (``task`` None)."""
    for order, entry in enumerate(entries or [], start=1):
        here = f"{where}, milestone {order}"
        _check_keys(here, entry, _MILESTONE_KEYS, {"when", "what"})
        try:
            deadline = parse_deadline(str(entry["when"]), entry.get("year"))
        except DeadlineError as error:
            raise PlanDataError(f"{here}: {error}") from error
        _, outcome = upsert(
            Milestone,
            {"plan": plan, "task": task, "order": order},
            {
                "description": entry["what"],
                "due_phrase": str(entry["when"]),
                "due_date": deadline.due_date,
                "recurrence": deadline.recurrence,
            },
        )
        report.count("Milestone", outcome)
    extra = Milestone.objects.filter(plan=plan, task=task, order__gt=len(entries or []))
    report.count_kept("Milestone", extra.count())


def _load_denominators(where, entries, plan, report) -> None:
    """What the plan's share targets count against: the definitions only; the figures are
    an admin's to enter (a reload never overwrites them)."""
    for entry in entries or []:
        here = f"{where}, denominator {entry.get('code')}"
        _check_keys(here, entry, {"code", "description", "unit"}, {"code", "description"})
        taken = Denominator.objects.filter(code=entry["code"]).exclude(plan=plan)
        if taken.exists():
            raise PlanDataError(f"{here}: the code is used by another plan")
        _, outcome = upsert(
            Denominator,
            {"code": entry["code"]},
            {"plan": plan, "description": entry["description"], "unit": entry.get("unit", "家")},
        )
        report.count("Denominator", outcome)


def _load_award_rules(where, entries, plan, report) -> None:
    """The plan's money rules; each names the task whose clause states it."""
    codes = []
    for order, entry in enumerate(entries or [], start=1):
        here = f"{where}, award rule {entry.get('code', order)}"
        _check_keys(
            here,
            entry,
            _AWARD_RULE_KEYS,
            {"code", "name", "clause", "method"},
        )
        if entry["code"] in codes:
            raise PlanDataError(f"{here}: the code is used twice in this plan")
        codes.append(entry["code"])
        values = {key: value for key, value in entry.items() if key not in {"code", "task"}}
        for key in _AWARD_RULE_DECIMALS & set(values):
            values[key] = _decimal(here, values[key])
        task = None
        if entry.get("task"):
            task = Task.objects.filter(plan=plan, number=entry["task"]).first()
            if task is None:
                raise PlanDataError(f"{here}: the plan has no task {entry['task']!r}")
        defaults = {
            field.name: field.get_default()
            for field in AwardRule._meta.concrete_fields
            if field.name not in {"id", "plan", "code"}
        }
        defaults.update(values, task=task, order=order)
        try:
            AwardRule(plan=plan, code=entry["code"], **defaults).clean()
        except ValidationError as error:
            raise PlanDataError(f"{here}: {error.message_dict}") from error
        _, outcome = upsert(AwardRule, {"plan": plan, "code": entry["code"]}, defaults)
        report.count("AwardRule", outcome)
    report.count_kept(
        "AwardRule", AwardRule.objects.filter(plan=plan).exclude(code__in=codes).count()
    )


def _load_assignments(where, responsible, task, report) -> None:
    """The task's bureaus as the notice names them, the first leading. Where the notice
    names nobody, the bureaus an admin assigned are kept."""
    names = split_responsible(responsible or "")
    if not names:
        stale = TaskBureau.objects.filter(task=task, source=TaskBureau.Source.NOTICE)
        report.count_deleted("TaskBureau", stale.delete()[0])
        return
    keep = []
    for order, name in enumerate(names, start=1):
        try:
            bureau = Bureau.objects.resolve(name)
        except Bureau.DoesNotExist as error:
            raise PlanDataError(
                f"{where}: unknown bureau {name!r}; add it or an alias to fixtures/bureaus.yaml"
            ) from error
        if bureau.pk in keep:
            raise PlanDataError(f"{where}: {name!r} names {bureau} a second time")
        keep.append(bureau.pk)
        role = TaskBureau.Role.LEAD if order == 1 else TaskBureau.Role.COOPERATING
        # Clear a former lead first so the one-lead constraint holds during the update.
        if role == TaskBureau.Role.LEAD:
            TaskBureau.objects.filter(task=task, role=role).exclude(bureau=bureau).update(
                role=TaskBureau.Role.COOPERATING
            )
        _, outcome = upsert(
            TaskBureau,
            {"task": task, "bureau": bureau},
            {
                "role": role,
                "order": order,
                "name_as_written": name,
                "source": TaskBureau.Source.NOTICE,
            },
        )
        report.count("TaskBureau", outcome)
    stale = TaskBureau.objects.filter(task=task).exclude(bureau__in=keep)
    report.count_deleted("TaskBureau", stale.delete()[0])


@transaction.atomic
def load_plan(path: Path, notice: Notice, report: LoadReport | None = None) -> Plan:
    return load_plan_data(read_yaml(path), notice, path.name, report)


@transaction.atomic
def load_plan_data(
    data: dict, notice: Notice, where: str, report: LoadReport | None = None
) -> Plan:
    """A plan of a mapping in a plan file's layout (a file's, or a reviewed draft's);
    ``where`` names it in error messages."""
    report = report or LoadReport()
    _check_keys(where, data, _PLAN_KEYS, {"code", "title", "short_name", "order", "tasks"})
    plan, outcome = upsert(
        Plan,
        {"code": data["code"]},
        {
            "notice": notice,
            "title": data["title"],
            "short_name": data["short_name"],
            "order": data["order"],
            "preamble": data.get("preamble", ""),
            "general_requirements": data.get("general_requirements", ""),
            "goals": data.get("goals", ""),
        },
    )
    report.count("Plan", outcome)
    task_model = task_model_for(plan.code)
    specific_fields = {
        f.name for f in task_model._meta.concrete_fields if f.model is task_model
    } - {"task_ptr"}

    _load_denominators(where, data.get("denominators"), plan, report)
    seen_codes: set[str] = set()
    target_codes = _load_targets(
        f"{where}, goals", data.get("targets"), plan, None, report, seen_codes
    )
    _load_milestones(f"{where}, goals", data.get("milestones"), plan, None, report)
    numbers = []
    for order, entry in enumerate(data["tasks"], start=1):
        here = f"{where}, task {entry.get('number', order)}"
        # ``responsible: null`` says in so many words that the text names no bureau.
        _check_keys(here, entry, _TASK_KEYS, {"number", "section", "title", "text", "responsible"})
        if entry["section"] not in Task.Section.values:
            raise PlanDataError(
                f"{here}: section {entry['section']!r} is not one of {Task.Section.values}"
            )
        specific = entry.get("specific") or {}
        unknown = set(specific) - specific_fields
        if unknown:
            raise PlanDataError(f"{here}: {task_model.__name__} has no fields {sorted(unknown)}")
        task, outcome = upsert(
            task_model,
            {"plan": plan, "number": entry["number"]},
            {
                "section": entry["section"],
                "title": entry["title"],
                "text": entry["text"],
                "order": order,
                "responsible_open_ended": is_open_ended(entry.get("responsible") or ""),
                **specific,
            },
        )
        if entry["number"] in numbers:
            raise PlanDataError(f"{here}: the task number is used twice")
        report.count("Task", outcome)
        numbers.append(entry["number"])
        _load_assignments(here, entry.get("responsible"), task, report)
        _load_milestones(here, entry.get("milestones"), plan, task, report)
        target_codes += _load_targets(here, entry.get("targets"), plan, task, report, seen_codes)

    _load_award_rules(where, data.get("award_rules"), plan, report)
    report.count_kept(
        "Target", Target.objects.filter(plan=plan).exclude(code__in=target_codes).count()
    )
    report.count_kept("Task", Task.objects.filter(plan=plan).exclude(number__in=numbers).count())
    return plan


@transaction.atomic
def load_all(fixtures_dir: Path = FIXTURES_DIR, codes=None) -> LoadReport:
    """Load master data, the notice and the plan file of every plan app (or of ``codes``)
    that is present; all or nothing."""
    report = LoadReport()
    load_master_data(fixtures_dir, report)
    notice = load_notice(fixtures_dir, report)
    for code in plan_codes() if codes is None else codes:
        path = fixtures_dir / "plans" / f"{code}.yaml"
        if path.exists():
            load_plan(path, notice, report)
    return report


@transaction.atomic
def load_draft(path: Path) -> LoadReport:
    """The notice and plans of a file ``draft_plan`` wrote (edited or not): its first
    document is the notice, in ``notice.yaml``'s layout, each further one a plan. The
    bureaus it names must exist (``fixtures/bureaus.yaml``); all or nothing."""
    try:
        with open(path, encoding="utf-8") as handle:
            documents = [document for document in yaml.safe_load_all(handle) if document]
    except (OSError, yaml.YAMLError) as error:
        raise PlanDataError(f"{path}: {error}") from error
    if len(documents) < 2 or "tasks" in documents[0]:
        raise PlanDataError(f"{path}: expected the notice first, then one document per plan")
    report = LoadReport()
    notice = load_notice_data(documents[0], report)
    for order, data in enumerate(documents[1:], start=1):
        load_plan_data(data, notice, f"{path.name}, plan {order}", report)
    return report
