"""演示数据: the demo data set of ``fixtures/demo/demo.yaml``, realistic progress on the five
plans as of 2017-09-30, for trying the portal (``load_demo_data``, ``setup_portal --demo``).
Never load it on a server people use.

Everything goes through what the portal itself does, in the order of the story's days:
reports are filled in with their kind's form (``reporting.kinds``) and moved through the
workflow (submit, approve, return), the supervision scan runs on the scan days, and late
items are explained, decided and closed through ``alerts.actions``. Each step runs with the
portal's today set to its own day, so the forms judge its dates as they would have then,
and the times it leaves behind (report times, change history, notifications) are moved to
that day, so the demo reads as 2017.

Demo rows are marked: their narrative or notes begin with ``DEMO_MARK``. The set is loaded
whole, in one transaction, or not at all; once loaded, loading it again does nothing.
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.forms import ModelChoiceField
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jiyuan_portal.accounts.demo import create_demo_accounts
from jiyuan_portal.accounts.models import User
from jiyuan_portal.alerts import actions, scan
from jiyuan_portal.alerts.forms import DecisionForm, ExplanationForm
from jiyuan_portal.alerts.models import Alert, EscalationStep, Explanation, Notification
from jiyuan_portal.complaints import handling
from jiyuan_portal.complaints.forms import CloseForm, StaffComplaintForm
from jiyuan_portal.complaints.models import Complaint
from jiyuan_portal.disclosure import publishing
from jiyuan_portal.disclosure.models import Publication
from jiyuan_portal.reporting import permissions, workflow
from jiyuan_portal.reporting.actuals import refresh_latest_values
from jiyuan_portal.reporting.kinds import ReportKind, all_kinds
from jiyuan_portal.reporting.models import Report, ReviewStatus, TargetReport
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Denominator, Milestone, Target, Task

DEMO_MARK = "【演示数据】"
DEMO_FILE = settings.BASE_DIR / "fixtures" / "demo" / "demo.yaml"

# Whether the demo is loaded, for the banner on every page: asked of the database at most
# once every few minutes per process.
LOADED_CACHE_KEY = "jiyuan:demo-data-loaded"
LOADED_CACHE_SECONDS = 300

# The fields of a kind's form that carry the demo mark.
MARKED_FIELDS = ("narrative", "notes")

# When in its day each step happens (Beijing time); the scan runs first, in the morning.
CREATED_AT = datetime.time(9, 30)
SUBMITTED_AT = datetime.time(10, 0)
EXPLAINED_AT = datetime.time(11, 0)
REVIEWED_AT = datetime.time(15, 0)
DECIDED_AT = datetime.time(16, 0)
CLOSED_AT = datetime.time(17, 0)

REVIEW_STATES = {"draft", "submitted", "approved", "returned"}
# The keys of a report entry that are not fields of its form.
WORKFLOW_KEYS = {"plan", "task", "milestone", "target", "by"}
WORKFLOW_KEYS |= {"created", "submitted", "review", "reviewed", "comment"}


class DemoDataError(Exception):
    """The demo file names something that does not exist, or a form refused an entry."""


def is_loaded() -> bool:
    return TargetReport.objects.filter(narrative__startswith=DEMO_MARK).exists()


def is_loaded_cached() -> bool:
    return cache.get_or_set(LOADED_CACHE_KEY, is_loaded, LOADED_CACHE_SECONDS)


def banner_text() -> str:
    """演示数据 · 截至 2017年9月30日: shown on every page while the portal runs as of a set
    day (``JIYUAN_AS_OF``) or holds the demo data; empty otherwise."""
    if settings.JIYUAN_AS_OF is None and not is_loaded_cached():
        return ""
    return _("Demo data as of %(date)s") % {"date": date_format(status.today())}


@dataclass
class LoadResult:
    reports: dict[str, int] = field(default_factory=dict)  # by review state
    explanations: int = 0
    alerts: int = 0
    steps: int = 0

    def __str__(self):
        states = ", ".join(
            f"{ReviewStatus(state).label} {count}" for state, count in sorted(self.reports.items())
        )
        return _(
            "Demo data loaded: reports %(states)s; late items %(alerts)s, escalation steps "
            "%(steps)s, explanations %(explanations)s."
        ) % {
            "states": states,
            "alerts": self.alerts,
            "steps": self.steps,
            "explanations": self.explanations,
        }


def load(path: Path = DEMO_FILE, stdout=None) -> LoadResult | None:
    """Load the demo data set; None when it is already loaded."""
    with transaction.atomic():
        if is_loaded():
            return None
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        result = DemoLoader(spec, Path(path).parent, stdout).run()
        # The loader moves review times back to 2017 by update(), which sends no signal.
        refresh_latest_values()
        transaction.on_commit(lambda: cache.set(LOADED_CACHE_KEY, True, LOADED_CACHE_SECONDS))
    return result


@contextmanager
def as_of(day: datetime.date):
    """Run a step with the portal's today set to ``day`` (``tracking.status.today``): the
    forms refuse dates after it, as they would have on that day. ``override_settings`` is
    Django's way to change a setting for a while and restore it."""
    with override_settings(JIYUAN_AS_OF=day):
        yield


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


@dataclass(order=True)
class Step:
    when: datetime.datetime
    order: int
    run: Callable[[], None] = field(compare=False)


class DemoLoader:
    def __init__(self, spec: dict, directory: Path, stdout=None):
        self.spec = spec
        self.directory = directory
        self.stdout = stdout
        self.steps: list[Step] = []
        self.kinds = {kind.model._meta.label: kind for kind in all_kinds()}
        # The change-history table of each model a step may change.
        self.histories = {
            model: model.history.model._default_manager
            for model in (
                Milestone,
                Explanation,
                Alert,
                Complaint,
                *(k.model for k in self.kinds.values()),
            )
        }

    def run(self) -> LoadResult:
        self.users = self.demo_users()
        self.reviewer = self.user(self.spec["reviewer"])
        self.import_town_targets(self.spec["town_targets"])
        self.set_denominators(self.spec.get("denominators", {}))
        for day in self.spec["scans"]:
            self.add(at(day, datetime.time(7, 0)), lambda day=day: self.run_scan(day))
        for entry in self.spec.get("milestone_reports", []):
            self.add_report(self.kinds["reporting.MilestoneReport"], entry)
        for entry in self.spec.get("target_reports", []):
            self.add_report(self.kinds["reporting.TargetReport"], entry)
        for label, entries in self.spec.get("registry_records", {}).items():
            if label not in self.kinds:
                raise DemoDataError(f"registry_records: no report kind {label!r}")
            for entry in entries:
                self.add_report(self.kinds[label], entry)
        for entry in self.spec.get("supervision", []):
            self.add_supervision(entry)
        for entry in self.spec.get("complaints", []):
            self.add_complaint(entry)
        for entry in self.spec.get("publications", []):
            self.add(at(entry["day"], CLOSED_AT), lambda entry=entry: self.publish(entry))
        for step in sorted(self.steps):
            step.run()
        return self.result()

    # Who and what.

    def demo_users(self) -> dict[str, User]:
        users = {user.username: user for user in User.objects.all()}
        return users if "duban" in users else {u.username: u for u in create_demo_accounts()}

    def user(self, username: str) -> User:
        try:
            return self.users[username]
        except KeyError:
            raise DemoDataError(f"no demo user {username!r}") from None

    def task(self, entry) -> Task:
        try:
            return Task.objects.get(plan__code=entry["plan"], number=entry["task"]).specific
        except Task.DoesNotExist:
            raise DemoDataError(f"no task {entry['plan']} {entry['task']}") from None

    def milestone(self, entry) -> Milestone:
        try:
            return Milestone.objects.get(
                task__plan__code=entry["plan"], task__number=entry["task"], order=entry["milestone"]
            )
        except Milestone.DoesNotExist:
            raise DemoDataError(
                f"no milestone {entry['plan']} {entry['task']} #{entry['milestone']}"
            ) from None

    def target(self, entry) -> Target:
        try:
            return Target.objects.get(plan__code=entry["plan"], code=entry["target"])
        except Target.DoesNotExist:
            raise DemoDataError(f"no target {entry['plan']} {entry['target']}") from None

    def parent(self, kind: ReportKind, entry):
        return {"milestone": self.milestone, "target": self.target, "task": self.task}[
            kind.parent_field
        ](entry)

    def alert(self, ref: dict, day: datetime.date) -> Alert:
        """The late item of a milestone, or of a target in ``day``'s year."""
        if "milestone" in ref:
            alerts = Alert.objects.filter(milestone=self.milestone(ref))
        else:
            alerts = Alert.objects.filter(target=self.target(ref), period=day.year)
        alert = alerts.order_by("-period").first()
        if alert is None:
            raise DemoDataError(f"{ref}: no late item on {day} (is a scan missing?)")
        return alert

    # The steps of the story.

    def add(self, when: datetime.datetime, run: Callable[[], None]) -> None:
        self.steps.append(Step(when, len(self.steps), run))

    def import_town_targets(self, spec: dict) -> None:
        # Through the command by name: the dashboard does not import the plan apps.
        call_command(
            "import_town_targets",
            str(self.directory / spec["file"]),
            year=spec["year"],
            user=spec["by"],
            stdout=self.stdout,
        )

    @staticmethod
    def set_denominators(figures: dict) -> None:
        """The demo's figures for what share targets count against, as an admin enters them."""
        for code, figure in figures.items():
            denominator = Denominator.objects.filter(code=code).first()
            if denominator is None:
                raise DemoDataError(f"denominators: no denominator {code!r} in the plan files")
            for name, value in figure.items():
                setattr(denominator, name, value)
            denominator.save()

    def run_scan(self, day: datetime.date) -> None:
        with as_of(day):
            scan.run_scan(on=day)

    def add_report(self, kind: ReportKind, entry: dict) -> None:
        review = entry.get("review", "approved")
        if review not in REVIEW_STATES:
            raise DemoDataError(f"{entry}: review must be one of {sorted(REVIEW_STATES)}")
        created = entry.get("created") or entry["submitted"]
        created_pk = []

        def stored():
            """The report as a request would load it (with the times already moved)."""
            return Report.objects.get(pk=created_pk[0]).specific

        def create():
            created_pk.append(self.create_report(kind, entry, created).pk)
            if review != "draft":
                report = stored()
                self.timed(
                    at(created, SUBMITTED_AT),
                    lambda: workflow.submit(report, report.created_by, report.version),
                    kind.model,
                    submitted_at=True,
                )

        def decide():
            report, reviewer = stored(), self.reviewer
            if review == "approved":
                action = lambda: workflow.approve(report, reviewer, report.version)  # noqa: E731
            else:
                action = lambda: workflow.return_for_correction(  # noqa: E731
                    report, reviewer, entry["comment"], report.version
                )
            with as_of(entry["reviewed"]):
                # An approved milestone report completes or moves its milestone.
                changes = (kind.model, Milestone)
                self.timed(at(entry["reviewed"], REVIEWED_AT), action, *changes, reviewed_at=True)

        self.add(at(created, CREATED_AT), create)
        if review in ("approved", "returned"):
            self.add(at(entry["reviewed"], REVIEWED_AT), decide)

    def create_report(self, kind: ReportKind, entry: dict, day: datetime.date):
        user = self.user(entry["by"])
        parent = self.parent(kind, entry)
        if not permissions.can_report_on(user, parent):
            raise DemoDataError(f"{entry}: {user} may not report on {parent}")
        data = {key: value for key, value in entry.items() if key not in WORKFLOW_KEYS}
        with as_of(day):
            form = kind.form_class(data={}, **kind.form_kwargs(parent))
            for name in MARKED_FIELDS:
                if name in form.fields:
                    data[name] = DEMO_MARK + data.get(name, "")
            unknown = set(data) - set(form.fields)
            if unknown:
                raise DemoDataError(f"{entry}: not fields of its form: {sorted(unknown)}")
            for name, value in data.items():
                if isinstance(form.fields[name], ModelChoiceField) and isinstance(value, str):
                    data[name] = self.resolve(form.fields[name], value, entry)
            form = kind.form_class(data=data, **kind.form_kwargs(parent))
            if not form.is_valid():
                raise DemoDataError(f"{entry}: {form.errors.as_text()}")
        item = form.save(commit=False)
        setattr(item, kind.parent_field, parent)
        item.bureau = user.bureau
        item.created_by = user
        self.timed(at(day, CREATED_AT), item.save, kind.model, created_at=True)
        return item

    @staticmethod
    def resolve(form_field, name: str, entry: dict) -> int:
        """A town (or other master data) named as the source text names it, or a record
        the form offers (an approved innovation centre) by its name."""
        model = form_field.queryset.model
        try:
            if hasattr(model.objects, "resolve"):
                return model.objects.resolve(name).pk
            return form_field.queryset.get(name=name).pk
        except (model.DoesNotExist, model.MultipleObjectsReturned):
            raise DemoDataError(f"{entry}: unknown {name!r}") from None

    def timed(
        self, when, action, *changes, created_at=False, submitted_at=False, reviewed_at=False
    ):
        """Run ``action`` on a report now, then move the times it left to ``when``: the
        report's, and those of the change history of ``changes`` (models)."""
        started = timezone.now()
        action()
        self.backdate(started, when, *changes)
        reports = Report.objects.filter(updated_at__gte=started)
        fields = {"updated_at": when}
        if created_at:
            fields["created_at"] = when
        if submitted_at:
            fields["submitted_at"] = when
        if reviewed_at:
            fields["reviewed_at"] = when
        reports.update(**fields)

    def backdate(self, started: datetime.datetime, when: datetime.datetime, *changes) -> None:
        """Move to ``when`` the notifications written since ``started``, and the change
        history of ``changes`` (models)."""
        for model in changes:
            self.histories[model].filter(history_date__gte=started).update(history_date=when)
        Notification.objects.filter(created_at__gte=started).update(created_at=when)

    def add_supervision(self, entry: dict) -> None:
        day = entry["day"]
        if "explain" in entry:
            self.add(at(day, EXPLAINED_AT), lambda: self.explain(entry))
        elif "decide" in entry:
            self.add(at(day, DECIDED_AT), lambda: self.decide(entry))
        elif "close" in entry:
            self.add(at(day, CLOSED_AT), lambda: self.close(entry))
        else:
            raise DemoDataError(f"{entry}: explain, decide or close what?")

    def explain(self, entry: dict) -> None:
        day, author = entry["day"], self.user(entry["by"])
        alert = self.alert(entry["explain"], day)
        if not permissions.can_explain(author, alert):
            raise DemoDataError(f"{entry}: {author} may not explain {alert}")
        with as_of(day):
            form = ExplanationForm(
                data={key: entry[key] for key in ("reason", "measures", "expected_on")}
            )
            if not form.is_valid():
                raise DemoDataError(f"{entry}: {form.errors.as_text()}")
            started = timezone.now()
            explanation = actions.submit_explanation(alert, author, **form.cleaned_data)
        when = at(day, EXPLAINED_AT)
        Explanation.objects.filter(pk=explanation.pk).update(submitted_at=when)
        self.backdate(started, when, Explanation)

    def decide(self, entry: dict) -> None:
        day = entry["day"]
        alert = self.alert(entry["decide"], day)
        explanation = alert.explanations.filter(decision=Explanation.Decision.PENDING).first()
        if explanation is None:
            raise DemoDataError(f"{entry}: no explanation awaits a decision")
        form = DecisionForm(data={"decision": entry["decision"], "note": entry.get("note", "")})
        if not form.is_valid():
            raise DemoDataError(f"{entry}: {form.errors.as_text()}")
        started = timezone.now()
        with as_of(day):
            actions.decide_explanation(
                explanation, self.reviewer, form.cleaned_data["decision"], form.cleaned_data["note"]
            )
        when = at(day, DECIDED_AT)
        Explanation.objects.filter(pk=explanation.pk).update(decided_at=when)
        self.backdate(started, when, Explanation)

    def close(self, entry: dict) -> None:
        day = entry["day"]
        alert = self.alert(entry["close"], day)
        started = timezone.now()
        with as_of(day):
            actions.close(alert, self.reviewer, entry["note"])
        when = at(day, CLOSED_AT)
        Alert.objects.filter(pk=alert.pk).update(closed_at=when)
        self.backdate(started, when, Alert)

    # Complaints and publication.

    def add_complaint(self, entry: dict) -> None:
        """A case entered by staff (``by``) through the staff form on ``day``; then, if
        given, taken up (``started``: day) and closed (``closed``: day, by, and the close
        form's fields) by the bureau's user."""
        number = []

        def file():
            user = self.user(entry["by"])
            fields = {
                key: value
                for key, value in entry.items()
                if key not in ("by", "day", "started", "closed")
            }
            with as_of(entry["day"]):
                if "town" in fields:
                    fields["town"] = self.resolve(
                        StaffComplaintForm().fields["town"], fields["town"], entry
                    )
                form = StaffComplaintForm(data={"received_on": entry["day"], **fields})
                if not form.is_valid():
                    raise DemoDataError(f"{entry}: {form.errors.as_text()}")
                data = {
                    name: form.cleaned_data[name]
                    for name in form.Meta.fields
                    if name != "received_on"
                }
                started = timezone.now()
                complaint, _secret = handling.file_complaint(
                    entered_by=user, received_at=at(entry["day"], CREATED_AT), **data
                )
            self.backdate(started, at(entry["day"], CREATED_AT), Complaint)
            number.append(complaint.number)

        def stored():
            return Complaint.objects.get(number=number[0])

        def start():
            step, started = entry["started"], timezone.now()
            with as_of(step["day"]):
                handling.start_verification(stored(), self.user(step["by"]))
            self.backdate(started, at(step["day"], SUBMITTED_AT), Complaint)

        def close():
            closed = dict(entry["closed"])
            day, user = closed.pop("day"), self.user(closed.pop("by"))
            complaint = stored()
            form = CloseForm(data=closed, instance=complaint)
            if not form.is_valid():
                raise DemoDataError(f"{entry}: {form.errors.as_text()}")
            started = timezone.now()
            with as_of(day):
                handling.close(Complaint.objects.get(pk=complaint.pk), user, **form.cleaned_data)
            Complaint.objects.filter(pk=complaint.pk).update(closed_at=at(day, CLOSED_AT))
            self.backdate(started, at(day, CLOSED_AT), Complaint)

        self.add(at(entry["day"], CREATED_AT), file)
        if "started" in entry:
            self.add(at(entry["started"]["day"], SUBMITTED_AT), start)
        if "closed" in entry:
            self.add(at(entry["closed"]["day"], CLOSED_AT), close)

    def publish(self, entry: dict) -> None:
        """What a supervisor published on the public pages: records of public registries
        by name, targets by plan and code."""
        reports = []
        for label, names in entry.get("records", {}).items():
            kind = self.kinds[label]
            for name in names:
                record = kind.model.objects.approved().filter(name=name).first()
                if record is None:
                    raise DemoDataError(f"publications: no approved {label} {name!r}")
                reports.append(record)
        targets = [self.target(ref) for ref in entry.get("targets", [])]
        started = timezone.now()
        publishing.publish(self.reviewer, reports=reports, targets=targets)
        Publication.objects.filter(published_at__gte=started).update(
            published_at=at(entry["day"], CLOSED_AT)
        )

    def result(self) -> LoadResult:
        marked = [
            kind.model.objects.filter(**{f"{name}__startswith": DEMO_MARK})
            for kind in self.kinds.values()
            for name in MARKED_FIELDS
            if any(f.name == name for f in kind.model._meta.get_fields())
        ]
        reports: dict[str, int] = {}
        for queryset in marked:
            for state in queryset.values_list("status", flat=True):
                reports[state] = reports.get(state, 0) + 1
        return LoadResult(
            reports=reports,
            explanations=Explanation.objects.count(),
            alerts=Alert.objects.count(),
            steps=EscalationStep.objects.count(),
        )
