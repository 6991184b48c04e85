"""The shared core of every plan: notice, plans, tasks, milestones, targets, bureaus, towns.

A plan app adds what is particular to its plan (a more specific kind of task, registries
of the real things that prove progress) on top of these tables, so that cross-plan
questions stay one query against the tables here.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .. import status
from ..names import bureau_lookup_keys, town_lookup_keys
from ..plan_apps import task_model_for


class PortalQuerySet(models.QuerySet):
    """Row-level access for the generic views (NetBox's ``RestrictedQuerySet``): what the
    notice says is open to every signed-in user (``reporting.permissions``); the tables
    of reports narrow these methods down."""

    def visible_to(self, user):
        return self.all() if user.is_authenticated else self.none()

    def editable_by(self, user):
        """Plans and tasks are changed in the admin only, never through the portal's pages."""
        return self.none()


class Notice(models.Model):
    """The government notice that issued the plans (济政〔2017〕27号)."""

    number = models.CharField(_("document number"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=100)
    # The publication's own header, as printed (发文机关 is the office that sent it out).
    issuing_office = models.CharField(_("issuing office (发文机关)"), max_length=100, blank=True)
    index_number = models.CharField(_("index number (索引号)"), max_length=50, blank=True)
    issued_on = models.DateField(_("issued on"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # The footer's "2017年8月3日印发": the day the office printed and sent it out.
    printed_on = models.DateField(_("printed on (印发日期)"), null=True, blank=True)
    text = models.TextField(_("notice text"), blank=True)

    objects = PortalQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.number


class NamedMasterDataQuerySet(PortalQuerySet):
    """Look-up by canonical name or any alias, as the source text writes them."""

    lookup_keys = None  # a function name -> candidate spellings, set by subclasses

    def resolve(self, name: str):
        """Return the object that ``name`` (canonical or alias) denotes.

        Raises ``DoesNotExist`` with the name in the message when nothing matches.
        """
        keys = type(self).lookup_keys(name)
        match = (
            self.filter(models.Q(name__in=keys) | models.Q(aliases__name__in=keys))
            .distinct()
            .first()
        )
        if match is None:
            raise self.model.DoesNotExist(f"{self.model._meta.verbose_name}: {name!r}")
        return match

    def alias_map(self) -> dict[str, "models.Model"]:
        """Every canonical name and alias mapped to its object, for bulk matching."""
        mapping = {}
        for obj in self.prefetch_related("aliases"):
            mapping[obj.name] = obj
            if full_name := getattr(obj, "full_name", ""):
                mapping.setdefault(full_name, obj)
            for alias in obj.aliases.all():
                mapping[alias.name] = obj
        return mapping


class BureauQuerySet(NamedMasterDataQuerySet):
    lookup_keys = staticmethod(bureau_lookup_keys)


class TownQuerySet(NamedMasterDataQuerySet):
    lookup_keys = staticmethod(town_lookup_keys)

    def match(self, name: str, alias_map=None):
        """The town a free-form name denotes (spaces, suffixes such as 镇/街道 ignored), or None."""
        alias_map = alias_map if alias_map is not None else self.alias_map()
        for key in town_lookup_keys(name):
            if key in alias_map:
                return alias_map[key]
        return None


class Bureau(models.Model):
    """A responsible unit (责任单位): a city department, a zone committee or another unit."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("city department")
        ZONE = "zone", _("development zone committee")
        # Led from above, not by the city: the tax authorities (2017), the central bank's
        # branch and the banking regulator's office.
        VERTICAL = "vertical", _("vertically managed authority")
        OTHER = "other", _("other unit")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DEPARTMENT)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = BureauQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboard:bureau_detail", args=[self.pk])


class BureauAlias(models.Model):
    """Another way the source text writes a bureau's name (including its typos)."""

    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("bureau")
    )
    name = models.CharField(_("alias"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bureau alias")
        verbose_name_plural = _("bureau aliases")

    def __str__(self):
        return self.name


class Town(models.Model):
    """A development zone, subdistrict or town of Jiyuan, as in the town target table."""

    class Kind(models.TextChoices):
        ZONE = "zone", _("development zone")
        SUBDISTRICT = "subdistrict", _("subdistrict")
        TOWN = "town", pgettext_lazy("kind of area", "town")

    name = models.CharField(_("name"), max_length=50, unique=True)
    full_name = models.CharField(_("full name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("The order of the published town table.")
    )

    objects = TownQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")

    def __str__(self):
        return self.name


class TownAlias(models.Model):
    town = models.ForeignKey(
        Town, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("town")
    )
    name = models.CharField(_("alias"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("town alias")
        verbose_name_plural = _("town aliases")

    def __str__(self):
        return self.name


class Plan(models.Model):
    """One of the five plans (攻坚方案) of the notice; ``code`` is the label of its app."""

    notice = models.ForeignKey(
        Notice, on_delete=models.PROTECT, related_name="plans", verbose_name=_("notice")
    )
    code = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    order = models.PositiveIntegerField(_("order"), default=0)
    preamble = models.TextField(_("preamble"), blank=True)
    general_requirements = models.TextField(_("general requirements"), blank=True)
    goals = models.TextField(_("goals"), blank=True)

    objects = PortalQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("dashboard:plan_detail", args=[self.code])


class Task(models.Model):
    """A numbered item of a plan (e.g. 二(一)) with its clauses and responsible bureaus.

    Plan apps subclass it (multi-table inheritance, like Wagtail's pages) where their
    tasks carry more structure, e.g. a capacity task's exit standard.
    """

    class Section(models.TextChoices):
        KEY_TASK = "key_task", _("key task")
        SAFEGUARD = "safeguard", _("safeguard measure")
        ORGANISATION = "organisation", _("organisation and implementation")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    number = models.CharField(_("number"), max_length=20)
    section = models.CharField(_("section"), max_length=20, choices=Section)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("clauses"))
    order = models.PositiveIntegerField(_("order"), default=0)
    bureaus = models.ManyToManyField(
        Bureau, through="TaskBureau", related_name="tasks", verbose_name=_("bureaus")
    )
    # The notice's list of responsible units ends "…等部门" / "…等单位": others may share it.
    responsible_open_ended = models.BooleanField(
        _("list of responsible units open-ended (等部门)"), default=False
    )

    objects = PortalQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        ordering = ["plan__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_unique_number_per_plan")
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("dashboard:task_detail", args=[self.pk])

    @cached_property
    def specific(self) -> "Task":
        """This task as its plan app's own kind of task (e.g. a CapacityTask), if it has one."""
        model = task_model_for(self.plan.code)
        if isinstance(self, model):
            return self
        # A task added without the plan's own kind (e.g. in the admin) is just a Task.
        return model.objects.filter(pk=self.pk).first() or self

    def specific_details(self) -> list[tuple[str, str]]:
        """(label, text) of the fields the plan app's task model adds, for display.

        Only fields declared on a subclass of Task count: a generic Task (a plan without
        an app, or a task added without its plan's kind) adds none, so the page shows
        its clause once and no raw columns (id, section key, order).
        """
        specific = self.specific
        details = []
        for field in type(specific)._meta.concrete_fields:
            if issubclass(Task, field.model) or field.auto_created:
                continue  # Task's own columns, and the parent link (task_ptr)
            if getattr(field.remote_field, "parent_link", False):
                continue
            if field.choices:
                value = getattr(specific, f"get_{field.name}_display")()
            else:
                value = getattr(specific, field.name)
            details.append((field.verbose_name, value))
        return details

    @property
    def lead_bureau(self):
        """The first bureau named (牵头单位), from prefetched assignments when present."""
        for assignment in self.assignments.all():
            if assignment.role == TaskBureau.Role.LEAD:
                return assignment.bureau
        return None


class TaskBureau(models.Model):
    """A bureau responsible for a task: the first named leads (牵头), the others cooperate."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        COOPERATING = "cooperating", _("co-responsible")

    class Source(models.TextChoices):
        NOTICE = "notice", _("named in the notice")
        ADMIN = "admin", _("assigned by an admin")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("task")
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("bureau")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    order = models.PositiveIntegerField(_("order"), default=0)
    name_as_written = models.CharField(
        _("name as written"),
        max_length=100,
        blank=True,
        help_text=_("How the source text names the bureau in this task."),
    )
    source = models.CharField(
        _("assigned by"),
        max_length=20,
        choices=Source,
        default=Source.ADMIN,
        help_text=_(
            "Bureaus the notice names are loaded from the plan files; where the notice "
            "names nobody, an admin assigns one and reloading the plans keeps it."
        ),
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "bureau"], name="taskbureau_unique"),
            models.UniqueConstraint(
                fields=["task"], condition=models.Q(role="lead"), name="taskbureau_one_lead"
            ),
        ]
        verbose_name = _("responsible bureau")
        verbose_name_plural = _("responsible bureaus")

    def __str__(self):
        return f"{self.task.number} {self.bureau} ({self.get_role_display()})"


class MilestoneQuerySet(PortalQuerySet):
    def with_status(self, today=None):
        """Annotate ``status_code`` computed in the database by the rules of ``status``."""
        return self.annotate(status_code=status.milestone_status_expression(today))

    def overdue(self, today=None):
        return self.with_status(today).filter(status_code=status.MilestoneStatus.OVERDUE)


class Milestone(models.Model):
    """A dated step of a task (时间节点), e.g. 2017年5月底前完成排查; or a dated goal of the
    plan itself that belongs to no task (its 总体目标: 到2020年…豫西北科技创新高地初步形成),
    reported on, like the plan's general numeric goals, by the bureaus leading its key tasks."""

    class Recurrence(models.TextChoices):
        ONCE = "once", _("once")
        YEARLY = "yearly", _("every year")
        ONGOING = "ongoing", _("ongoing")
        # A 时间节点 that gives no date at all ("攻克一批先进基础工艺"): shown, never judged late.
        UNDATED = "undated", _("no date given")

    # Judged year by year by the supervision scan.
    RECURRING = (Recurrence.YEARLY, Recurrence.ONGOING)

    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="milestones",
        blank=True,  # a task's milestone takes its task's plan (``clean``, ``save``)
        verbose_name=_("plan"),
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.CASCADE,
        related_name="milestones",
        null=True,
        blank=True,
        verbose_name=_("task"),
        help_text=_("Empty for the plan's general goals."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    description = models.TextField(_("what must be done"))
    due_phrase = models.CharField(
        _("deadline as written"),
        max_length=100,
        blank=True,
        help_text=_("The date phrase of the source text, e.g. 2017年5月底前."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=20, choices=Recurrence, default=Recurrence.ONCE
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    expected_on = models.DateField(
        _("new expected date"),
        null=True,
        blank=True,
        help_text=_("Set when a reported delay is approved."),
    )

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "order"], name="milestone_unique_order"),
            models.UniqueConstraint(
                fields=["plan", "order"],
                condition=models.Q(task__isnull=True),
                name="milestone_unique_order_per_plan_goal",
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence="once", due_date__isnull=False)
                | ~models.Q(recurrence="once"),
                name="milestone_once_has_due_date",
            ),
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.due_phrase} {self.description}".strip()

    def save(self, *args, **kwargs):
        if self.plan_id is None and self.task_id is not None:
            self.plan_id = self.task.plan_id  # a task's milestone belongs to the task's plan
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.task_id is not None:
            if self.plan_id is not None and self.plan_id != self.task.plan_id:
                raise ValidationError({"plan": _("A task's milestone belongs to the task's plan.")})
            self.plan_id = self.task.plan_id
        elif self.plan_id is None:
            raise ValidationError({"plan": _("Give the plan of a milestone without a task.")})

    @property
    def status(self) -> "status.MilestoneStatus":
        return status.milestone_status(self.due_date, self.completed_on, self.recurrence)


class Target(models.Model):
    """A numeric target of a plan (a general goal) or of one of its tasks."""

    class Kind(models.TextChoices):
        COUNT = "count", _("count")
        AMOUNT = "amount", _("amount")
        SHARE = "share", _("share or rate")
        CHANGE = "change", _("change against a baseline")
        GROWTH = "growth", _("growth rate")

    class Bound(models.TextChoices):
        EXACT = "exact", _("exactly")
        AT_LEAST = "at_least", _("at least (以上 / 不低于)")
        MORE_THAN = "more_than", _("more than (超过 / 突破)")
        AT_MOST = "at_most", _("at most (以内 / 不超过)")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.CASCADE,
        related_name="targets",
        null=True,
        blank=True,
        verbose_name=_("task"),
        help_text=_("Empty for the plan's general goals."),
    )
    code = models.SlugField(_("code"), max_length=80)
    order = models.PositiveIntegerField(_("order"), default=0)
    indicator = models.CharField(_("indicator"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    unit = models.CharField(_("unit"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(
        _("due on"),
        null=True,
        blank=True,
        help_text=_("Where the text sets a date within the year (2017年5月底前); else its end."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    bound = models.CharField(_("bound"), max_length=20, choices=Bound, default=Bound.EXACT)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    clause = models.TextField(_("clause"), help_text=_("The sentence of the source text."))
    measure = models.CharField(
        _("measured from"),
        max_length=50,
        blank=True,
        help_text=_(
            "The registry whose approved records give the actual value; empty when "
            "bureaus report the value."
        ),
    )
    hand_reported_reason = models.TextField(
        _("why reported by hand"),
        blank=True,
        help_text=_("For a target no registry can count: where its figure comes from."),
    )

    objects = PortalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan__order", "year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code_per_plan")
        ]
        # A plan page's targets, by year (docs/benchmarks.md).
        indexes = [models.Index(fields=["plan", "year", "order"], name="target_plan_year")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.year} {self.indicator} {self.display_value}"

    @property
    def display_value(self) -> str:
        """The value with its unit and bound, as the source text would say it."""
        return status.format_target_value(self.value, self.unit, self.bound)

    @property
    def actual_source(self) -> str:
        """Where the actual comes from: the registry, or the bureaus' reports and why."""
        if self.measure:
            return str(_("counted from the registry"))
        if self.hand_reported_reason:
            return str(_("reported by hand: %(reason)s") % {"reason": self.hand_reported_reason})
        return str(_("reported by hand"))

    @property
    def deadline(self):
        return self.due_on or datetime.date(self.year, 12, 31)
