"""Load data for measuring the portal: the seed multiplied, as a bigger city would fill it.

``generate(scale)`` grows the database to ``scale`` times the seed's tasks. Copy 0 is the
seed itself, which gets the reports a copy carries; copies 1 … scale−1 clone every seed
task as its plan's own kind of task (``task_model_for``) with its bureaus (lead and
co-responsible), milestones and targets (their measures too), and clone the plans'
general goals. Every copy carries:

- three reports per target, one per milestone, and two records of each registry of the
  task's plan (``reporting.kinds``), in every review state (mostly approved); an approved
  milestone report completes or reschedules its milestone, as the workflow would;
- registry records spread over the seeded towns (none is created);
- one more bureau (负载测试局<k>) with a staff user, co-responsible for every third task
  of its copy.

The load bureaus count the copies made, so running again with the same scale adds
nothing and a larger scale adds only the difference (1 → 10 → 100 in one database is
how ``benchmarks/run.py`` uses it). The seed task ``GROWING_TASK`` gets a copy's worth
of reports with every copy, so that one task page shows what years of reporting look
like.

Rows are written with ``bulk_create``, with their history rows (django-simple-history's
``bulk_history_create``). Django's ``bulk_create`` refuses multi-table children (a plan's
task kind, every kind of report): ``bulk_insert`` writes the parent rows with it and then
the child table's own columns.
"""

import datetime
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation

from jiyuan_portal.accounts import roles
from jiyuan_portal.accounts.models import User
from jiyuan_portal.disclosure import publishing
from jiyuan_portal.disclosure.models import Publication
from jiyuan_portal.funding import entitlements
from jiyuan_portal.reporting.actuals import refresh_latest_values
from jiyuan_portal.reporting.kinds import registry_kinds
from jiyuan_portal.reporting.models import MilestoneReport, Report, TargetReport
from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking import data_version
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau, Town
from jiyuan_portal.tracking.plan_apps import task_model_for

LOAD_BUREAU_PREFIX = "负载测试局"
LOAD_USER_PREFIX = "load-staff-"
# A copy's clones are numbered "<seed number>#<copy>".
COPY_MARK = "#"
# A copy of a plan's dated goal (no task, so no task number to mark) is ordered after the seed's.
COPY_ORDER_STEP = 1000
# The seed task that gets a copy's worth of reports with every copy.
GROWING_TASK = ("techreform", "二(一)")
REPORTS_PER_TARGET = 3
RECORDS_PER_REGISTRY = 2
# The review states reports cycle through: mostly approved, some waiting, a few returned.
REVIEW_CYCLE = (
    ReviewStatus.APPROVED,
    ReviewStatus.SUBMITTED,
    ReviewStatus.APPROVED,
    ReviewStatus.DRAFT,
    ReviewStatus.APPROVED,
    ReviewStatus.RETURNED,
    ReviewStatus.APPROVED,
)
BATCH_SIZE = 500


class NoPlansLoaded(Exception):
    pass


@dataclass
class Created:
    """What one ``generate`` call wrote."""

    copies_before: int = 0  # 0: not even the seed has its load reports yet
    scale_after: int = 0
    tasks: int = 0
    task_bureaus: int = 0
    milestones: int = 0
    targets: int = 0
    reports: Counter = field(default_factory=Counter)  # review status -> count
    kinds: Counter = field(default_factory=Counter)  # report kind's verbose name -> count
    bureaus: int = 0
    users: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        if not self.reports:
            return [f"Already at {self.scale_after}× the seed: nothing created."]
        lines = [
            f"Grew the load data from {self.copies_before} to {self.scale_after} copies "
            f"of the seed in {self.seconds:.1f} s:",
            f"  {self.tasks} tasks ({self.task_bureaus} bureau assignments), "
            f"{self.milestones} milestones, {self.targets} targets",
            f"  {self.bureaus} bureaus with {self.users} staff users",
            f"  {sum(self.reports.values())} reports: "
            + ", ".join(f"{status} {count}" for status, count in sorted(self.reports.items())),
        ]
        lines += [f"    {kind}: {count}" for kind, count in sorted(self.kinds.items())]
        return lines


def generate(scale: int) -> Created:
    """Grow the database to ``scale`` times the seed (see the module's docstring)."""
    if not Plan.objects.exists():
        raise NoPlansLoaded("No plans are loaded: run `python manage.py setup_portal` first.")
    if scale < 1:
        raise ValueError("The scale is at least 1.")
    start = time.perf_counter()
    made = Bureau.objects.filter(name__startswith=LOAD_BUREAU_PREFIX).count()
    created = Created(copies_before=made, scale_after=max(scale, made))
    if made >= scale:
        return created
    builder = Builder(created)
    # Messages and titles (a target report's date) in the interface's language.
    with translation.override(settings.LANGUAGE_CODE):
        for copy in range(made, scale):
            with transaction.atomic():
                builder.build_copy(copy)
    # Bulk inserts send no signals: the targets' latest approved values and the registry
    # records' entitlements are computed once.
    refresh_latest_values()
    entitlements.refresh_all()
    publish_public_records()
    created.seconds = time.perf_counter() - start
    return created


def publish_public_records() -> None:
    """The public pages show what supervisors published: here every approved record of the
    public registries, as if a supervisor had published it."""
    publisher = User.objects.order_by("pk").first()
    if publisher is None:
        return
    unpublished = publishing.publishable_reports().filter(is_published=False)
    rows = [
        Publication(report_id=pk, published_by=publisher)
        for pk in unpublished.values_list("pk", flat=True)
    ]
    Publication.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)


# Milestones added to reach ``--milestones``: one in five done on time, one in five done
# late, the rest open; due on a month's end from 2017 to 2020, so most are overdue today.
EXTRA_MILESTONE_PREFIX = "负载节点"


def add_milestones(total: int) -> int:
    """Add milestones to the load copies' tasks, one task after another, until the database
    holds ``total`` (the large scenario of issue 15: 100,000 milestones); returns how many
    were added. Running it again with the same total adds nothing."""
    missing = total - Milestone.objects.count()
    tasks = list(
        Task.objects.filter(number__contains=COPY_MARK).order_by("pk").values_list("pk", flat=True)
    ) or list(Task.objects.order_by("pk").values_list("pk", flat=True))
    if missing <= 0 or not tasks:
        return 0
    plan_of = dict(Task.objects.filter(pk__in=tasks).values_list("pk", "plan_id"))
    last_order = dict(
        Milestone.objects.filter(task__in=tasks)
        .values("task")
        .annotate(last=models.Max("order"))
        .values_list("task", "last")
    )
    rows = []
    for index in range(missing):
        task_id = tasks[index % len(tasks)]
        order = last_order[task_id] = last_order.get(task_id, 0) + 1
        year, month = 2017 + (index // 12) % 4, 1 + index % 12
        due = _month_end(year, month)
        completed = {0: due - datetime.timedelta(days=5), 1: due + datetime.timedelta(days=20)}
        rows.append(
            Milestone(
                plan_id=plan_of[task_id],
                task_id=task_id,
                order=order,
                description=f"{EXTRA_MILESTONE_PREFIX}{order}:完成阶段性工作并报送进展",
                due_phrase=f"{year}年{month}月底前",
                due_date=due,
                completed_on=completed.get(index % 5),
            )
        )
        if len(rows) == BATCH_SIZE * 10:
            bulk_insert(Milestone, rows)
            rows = []
    bulk_insert(Milestone, rows)
    data_version.mark_changed()  # bulk inserts send no signals
    return missing


def _month_end(year: int, month: int) -> datetime.date:
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


class Builder:
    """Writes copies of the seed; reads the seed once."""

    def __init__(self, created: Created):
        self.created = created
        self.groups = roles.ensure_roles()
        self.towns = list(Town.objects.order_by("order", "pk"))
        self.seed_tasks = [
            task
            for plan in Plan.objects.order_by("order", "pk")
            for task in task_model_for(plan.code)
            .objects.filter(plan=plan)
            .exclude(number__contains=COPY_MARK)
            .select_related("plan")
            .prefetch_related("assignments", "milestones", "targets")
            .order_by("order", "pk")
        ]
        self.plan_goals = list(
            Target.objects.filter(task=None).exclude(code__contains=COPY_MARK).order_by("pk")
        )
        # The plans' dated goals without a task; a copy's come after them (order + 1000 × copy).
        self.plan_goal_milestones = list(
            Milestone.objects.filter(task=None, order__lt=COPY_ORDER_STEP).order_by("pk")
        )
        self.growing_task = next(
            (t for t in self.seed_tasks if (t.plan.code, t.number) == GROWING_TASK), None
        )
        self.reporters = {}  # bureau id -> a staff user of it, who files its reports
        for user in User.objects.filter(bureau__isnull=False).order_by("pk"):
            self.reporters.setdefault(user.bureau_id, user)
        # Who reports on a task without bureaus, or on a plan's general goals: the lead
        # of the plan's first task that has one.
        self.plan_leads = {}
        for task in self.seed_tasks:
            if lead_bureau_id(task):
                self.plan_leads.setdefault(task.plan_id, lead_bureau_id(task))
        self.any_bureau = Bureau.objects.order_by("order", "pk").values_list("pk", flat=True)[0]
        self.counter = itertools.count()
        self.content_types = {}
        self.first_pks = {}

    def build_copy(self, copy: int) -> None:
        bureau = self.add_load_bureau(copy + 1)
        reports = Reports(self)
        if copy == 0:
            for task in self.seed_tasks:
                reports.on_task(task, task.milestones.all(), task.targets.all())
            reports.on_targets(self.plan_goals)
        else:
            tasks = self.clone_tasks(copy, bureau)
            milestones, targets = self.clone_milestones_and_targets(copy, tasks)
            for clone in tasks:
                reports.on_task(clone, milestones[clone.pk], targets[clone.pk])
            reports.on_targets(self.clone_plan_goals(copy))
            if self.growing_task is not None:
                task = self.growing_task
                reports.on_task(task, task.milestones.all(), task.targets.all())
        reports.write()

    def add_load_bureau(self, number: int) -> Bureau:
        bureau = Bureau.objects.create(
            name=f"{LOAD_BUREAU_PREFIX}{number}",
            short_name=f"负载{number}",
            order=10_000 + number,
        )
        user = User.objects.create(
            username=f"{LOAD_USER_PREFIX}{number}", first_name=bureau.short_name, bureau=bureau
        )
        user.groups.add(self.groups[roles.BUREAU_STAFF])
        self.reporters[bureau.pk] = user
        self.created.bureaus += 1
        self.created.users += 1
        return bureau

    def clone_tasks(self, copy: int, bureau: Bureau) -> list[Task]:
        """The seed tasks as their plan's kind, with their bureaus and the copy's load
        bureau co-responsible for every third task."""
        clones = []
        for task in self.seed_tasks:
            clone = copy_of(task, exclude={"id"})
            clone.number = f"{task.number}{COPY_MARK}{copy}"
            clone.order = task.order + 1000 * copy
            clones.append(clone)
        by_model = {}
        for clone in clones:
            by_model.setdefault(type(clone), []).append(clone)
        for model, rows in by_model.items():
            bulk_insert(model, rows)
        assignments = []
        for index, (task, clone) in enumerate(zip(self.seed_tasks, clones, strict=True)):
            existing = list(task.assignments.all())
            assignments += [
                TaskBureau(
                    task_id=clone.pk,
                    bureau_id=a.bureau_id,
                    role=a.role,
                    order=a.order,
                    name_as_written=a.name_as_written,
                    source=a.source,
                )
                for a in existing
            ]
            if index % 3 == 0:
                assignments.append(
                    TaskBureau(
                        task_id=clone.pk,
                        bureau=bureau,
                        role=TaskBureau.Role.COOPERATING,
                        order=1 + max((a.order for a in existing), default=0),
                    )
                )
        TaskBureau.objects.bulk_create(assignments, batch_size=BATCH_SIZE)
        # What the reports read: the lead bureau and the plan, without a query per task.
        for task, clone in zip(self.seed_tasks, clones, strict=True):
            clone.plan = task.plan
            clone.lead_bureau_id = lead_bureau_id(task)
        self.created.tasks += len(clones)
        self.created.task_bureaus += len(assignments)
        return clones

    def clone_milestones_and_targets(self, copy: int, clones: list[Task]):
        milestones, targets = {}, {}
        for task, clone in zip(self.seed_tasks, clones, strict=True):
            milestones[clone.pk] = [
                copy_of(m, exclude={"id", "completed_on", "expected_on"}, task_id=clone.pk)
                for m in task.milestones.all()
            ]
            targets[clone.pk] = [
                copy_of(t, exclude={"id"}, task_id=clone.pk, code=f"{t.code}{COPY_MARK}{copy}")
                for t in task.targets.all()
            ]
        all_milestones = [m for rows in milestones.values() for m in rows]
        all_targets = [t for rows in targets.values() for t in rows]
        bulk_insert(Milestone, all_milestones)
        bulk_insert(Target, all_targets)
        for clone in clones:
            for row in milestones[clone.pk]:
                row.task = clone
            for row in targets[clone.pk]:
                row.task = clone
        self.created.milestones += len(all_milestones)
        self.created.targets += len(all_targets)
        return milestones, targets

    def clone_plan_goals(self, copy: int) -> list[Target]:
        goals = [
            copy_of(t, exclude={"id"}, code=f"{t.code}{COPY_MARK}{copy}") for t in self.plan_goals
        ]
        bulk_insert(Target, goals)
        self.created.targets += len(goals)
        dated = [
            copy_of(
                m,
                exclude={"id", "completed_on", "expected_on"},
                order=m.order + COPY_ORDER_STEP * copy,
            )
            for m in self.plan_goal_milestones
        ]
        bulk_insert(Milestone, dated)
        self.created.milestones += len(dated)
        return goals

    def next_state(self) -> dict:
        """The next review state, with the timestamps the workflow would have set."""
        n = next(self.counter)
        status = REVIEW_CYCLE[n % len(REVIEW_CYCLE)]
        now = timezone.now()
        state = {"status": status}
        if status != ReviewStatus.DRAFT:
            state["submitted_at"] = now - datetime.timedelta(minutes=1 + n % (60 * 24 * 90))
        if status in (ReviewStatus.APPROVED, ReviewStatus.RETURNED):
            state["reviewed_at"] = now
        if status == ReviewStatus.RETURNED:
            state["review_comment"] = "请补充佐证材料。"
        return state

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def sample_values(self, model, n: int) -> dict:
        """Values for the fields a registry adds to ``Report`` (a name, a kind, a date, a
        town …), whatever the registry, so that a new plan app's registries are loaded too.
        A town field is filled round the towns, optional or not."""
        values = {}
        for f in model._meta.concrete_fields:
            if f.model is not model or f.primary_key:
                continue
            town = isinstance(f, models.ForeignKey) and f.related_model is Town
            if town and self.towns:
                values[f.attname] = self.towns[n % len(self.towns)].pk
                continue
            if f.has_default() or f.null or (f.blank and not isinstance(f, models.ForeignKey)):
                continue
            if f.choices:
                values[f.attname] = f.choices[n % len(f.choices)][0]
            elif isinstance(f, models.ForeignKey):
                values[f.attname] = self.first_pk(f.related_model)
            elif isinstance(f, models.DateField):
                values[f.attname] = datetime.date(2017 + n % 3, 1 + n % 12, 1 + n % 28)
            elif isinstance(f, models.DecimalField):
                values[f.attname] = Decimal(1 + n % 9)
            elif isinstance(f, models.IntegerField):
                values[f.attname] = 2017 + n % 3
            elif isinstance(f, models.BooleanField):
                values[f.attname] = n % 5 == 0
            else:
                values[f.attname] = f"负载{model._meta.verbose_name}{n}"[: f.max_length or None]
        return values

    def first_pk(self, model):
        if model not in self.first_pks:
            self.first_pks[model] = model._default_manager.values_list("pk", flat=True).first()
        return self.first_pks[model]


class Reports:
    """The reports of one copy, collected by kind and written at the end."""

    def __init__(self, builder: Builder):
        self.builder = builder
        self.rows: dict[type, list] = {}
        self.milestones_changed: list[Milestone] = []

    def common(self, model, task, plan_id, bureau_id) -> dict:
        reporter = self.builder.reporters.get(bureau_id)
        return {
            "content_type": self.builder.content_type(model),
            "plan_id": plan_id,
            "task": task,
            "bureau_id": bureau_id,
            "created_by": reporter,
            **self.builder.next_state(),
        }

    def add(self, report) -> None:
        report.title = report.describe()[:255]
        self.rows.setdefault(type(report), []).append(report)

    def on_task(self, task, milestones, targets) -> None:
        lead = getattr(task, "lead_bureau_id", None) or lead_bureau_id(task)
        lead = lead or self.builder.plan_leads.get(task.plan_id, self.builder.any_bureau)
        self.on_targets(targets, lead, task)
        for milestone in milestones:
            report = MilestoneReport(
                milestone=milestone,
                **self.common(MilestoneReport, task, task.plan_id, lead),
                **milestone_outcome(milestone),
            )
            self.add(report)
            if report.status == ReviewStatus.APPROVED and report.outcome != "progress":
                milestone.completed_on = report.completed_on
                milestone.expected_on = report.expected_on
                self.milestones_changed.append(milestone)
        for kind in registry_kinds(task.plan.code):
            self.ensure_referenced_records(kind.model, task, lead)
            for _ in range(RECORDS_PER_REGISTRY):
                n = next(self.builder.counter)
                self.add(
                    kind.model(
                        **self.builder.sample_values(kind.model, n),
                        **self.common(kind.model, task, task.plan_id, lead),
                    )
                )

    def ensure_referenced_records(self, model, task, lead) -> None:
        """A registry whose records point to another's (a centre's yearly spend, its
        centre) needs one of those saved before its own are built for the bulk insert."""
        for f in model._meta.concrete_fields:
            related = f.related_model if isinstance(f, models.ForeignKey) else None
            if (
                f.model is not model
                or f.primary_key
                or not related
                or not issubclass(related, Report)
            ):
                continue
            if self.builder.first_pk(related) is None:
                record = related(
                    **self.builder.sample_values(related, next(self.builder.counter)),
                    **self.common(related, task, task.plan_id, lead),
                )
                record.save()
                self.builder.first_pks[related] = record.pk

    def on_targets(self, targets, lead=None, task=None) -> None:
        """Quarterly reports; a plan's general goals by the lead of its first task."""
        for target in targets:
            bureau = lead or self.builder.plan_leads.get(target.plan_id, self.builder.any_bureau)
            for quarter in range(REPORTS_PER_TARGET):
                self.add(
                    TargetReport(
                        target=target,
                        value=(target.value * Decimal(quarter + 1) / 4).quantize(Decimal("0.01")),
                        as_of=datetime.date(2017, 3 * (quarter + 1), 28),
                        narrative="负载测试数据：按季度报送的进展。",
                        **self.common(TargetReport, task, target.plan_id, bureau),
                    )
                )

    def write(self) -> None:
        created = self.builder.created
        for model, rows in self.rows.items():
            bulk_insert(model, rows)
            created.kinds[str(model._meta.verbose_name)] += len(rows)
            created.reports.update(str(row.status) for row in rows)
        Milestone.objects.bulk_update(
            self.milestones_changed, ["completed_on", "expected_on"], batch_size=BATCH_SIZE
        )


def lead_bureau_id(task) -> int | None:
    """The lead bureau of a seed task (else the first named), from its prefetched
    assignments."""
    assignments = sorted(
        task.assignments.all(), key=lambda a: (a.role != TaskBureau.Role.LEAD, a.order)
    )
    return assignments[0].bureau_id if assignments else None


def milestone_outcome(milestone) -> dict:
    """Completed, delayed with a reason, or a period's progress for a recurring one."""
    if milestone.recurrence != Milestone.Recurrence.ONCE:
        return {"outcome": MilestoneReport.Outcome.PROGRESS, "narrative": "本期工作按计划推进。"}
    due = milestone.due_date
    if milestone.order % 4 == 3:
        return {
            "outcome": MilestoneReport.Outcome.DELAYED,
            "delay_reason": "受审批进度影响，需延期完成。",
            "expected_on": due + datetime.timedelta(days=90),
        }
    late = milestone.order % 3 == 2
    return {
        "outcome": MilestoneReport.Outcome.COMPLETED,
        "completed_on": due + datetime.timedelta(days=20 if late else -10),
    }


def copy_of(instance, exclude=(), **values):
    """An unsaved copy of ``instance`` (of its own class, every concrete column but the
    excluded ones and the parent links), with ``values`` set."""
    model = type(instance)
    kwargs = {
        f.attname: getattr(instance, f.attname)
        for f in model._meta.concrete_fields
        if f.name not in exclude and not f.primary_key and not f.auto_created
    }
    return model(**(kwargs | values))


def bulk_insert(model, rows: list) -> list:
    """``bulk_create`` that also takes multi-table children (one level: ``Task`` or
    ``Report`` below), with a history row each. The parent rows are bulk-created, then
    the child table's own columns are inserted with the parents' keys; the rows' ``save``
    is not called, so callers set what it would (a report's title, plan, content type)."""
    parents = model._meta.get_parent_list()
    if not parents:
        model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
    else:
        (parent,) = parents
        link = model._meta.get_ancestor_link(parent)
        parent_fields = [f.attname for f in parent._meta.concrete_fields]
        saved = parent._base_manager.bulk_create(
            [parent(**{name: getattr(row, name) for name in parent_fields}) for row in rows],
            batch_size=BATCH_SIZE,
        )
        for row, parent_row in zip(rows, saved, strict=True):
            for name in parent_fields:  # the key and what the database filled in
                setattr(row, name, getattr(parent_row, name))
            setattr(row, link.attname, parent_row.pk)
        own_fields = model._meta.local_concrete_fields
        for start in range(0, len(rows), BATCH_SIZE):
            model._base_manager._insert(rows[start : start + BATCH_SIZE], fields=own_fields)
        for row in rows:
            row._state.adding = False
    if hasattr(model, "history"):
        model.history.bulk_history_create(rows, batch_size=BATCH_SIZE)
    return rows
