"""The pages that list reports (the review queue, 我的任务, a task page) make a fixed number of
SQL queries: as many with ten times the reports, and as many with reports of every kind as
with reports of one kind. Every kind lives in the one ``Report`` table, so a page reads them
in one query for the page and one for the count, never one query per kind or per row.

The content-type cache is warmed once for every kind up front (in a running site it stays
warm), so a difference in counts is the page's own doing.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

import factory
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacity.models import CapacityExit
from greening.models import GreenRecognition
from innovation.models import InnovationEnterprise, InnovationTeam, ResearchPlatform
from jiyuan_portal.reporting.kinds import all_kinds, kinds_of_plan
from jiyuan_portal.reporting.models import MilestoneReport, Report, ReviewStatus, TargetReport
from jiyuan_portal.tracking.choices import Level
from jiyuan_portal.tracking.models import Plan
from jiyuan_portal.tracking.plan_apps import plan_app, plan_codes
from smart.models import SmartRecognition
from tests import factories

PLANS = tuple(plan_codes())
TRAITS = {
    ReviewStatus.DRAFT: {},
    ReviewStatus.SUBMITTED: {"submitted": True},
    ReviewStatus.RETURNED: {"returned": True},
    ReviewStatus.APPROVED: {"approved": True},
}
# Every state: the start page lists drafts and returned items, a task page lists them all,
# and approved ones give targets their actual values.
STATES = tuple(TRAITS)


# Registries that tests/factories.py has no factory for yet.


class ResearchPlatformFactory(factories.ReviewableFactory):
    class Meta:
        model = ResearchPlatform

    name = factory.Sequence(lambda n: f"济源测试工程技术研究中心{n}")
    kind = ResearchPlatform.Kind.ENGINEERING_CENTRE
    level = Level.PROVINCIAL
    recognized_on = datetime.date(2018, 6, 30)


class InnovationTeamFactory(factories.ReviewableFactory):
    class Meta:
        model = InnovationTeam

    name = factory.Sequence(lambda n: f"测试创新团队{n}")
    recognized_on = datetime.date(2018, 6, 30)


class GreenRecognitionFactory(factories.ReviewableFactory):
    class Meta:
        model = GreenRecognition

    kind = GreenRecognition.Kind.GREEN_FACTORY
    name = factory.Sequence(lambda n: f"测试绿色工厂{n}")
    recognized_on = datetime.date(2018, 6, 30)


class SmartRecognitionFactory(factories.ReviewableFactory):
    class Meta:
        model = SmartRecognition

    kind = SmartRecognition.Kind.INTEGRATION_PILOT
    enterprise = factory.Sequence(lambda n: f"测试智能制造企业{n}")
    level = Level.PROVINCIAL
    recognized_on = datetime.date(2018, 6, 30)


REGISTRY_FACTORIES = {
    CapacityExit: factories.CapacityExitFactory,
    InnovationEnterprise: factories.InnovationEnterpriseFactory,
    ResearchPlatform: ResearchPlatformFactory,
    InnovationTeam: InnovationTeamFactory,
    **{
        factory_class._meta.model: factory_class
        for factory_class in (
            *factories.TECHREFORM_REGISTRY_FACTORIES,
            *factories.OTHER_REGISTRY_FACTORIES,
        )
    },
    GreenRecognition: GreenRecognitionFactory,
    SmartRecognition: SmartRecognitionFactory,
}
# Few enough that the 10× data fits on one page of the queue and of each start-page list.
SOME_KINDS = [TargetReport, MilestoneReport, CapacityExit, InnovationEnterprise]


def every_kind() -> list[type]:
    """Every kind of report the portal has: a new kind fails here until it has a factory."""
    models = [kind.model for kind in all_kinds()]
    assert set(models) == {TargetReport, MilestoneReport, *REGISTRY_FACTORIES}
    return models


def innovation_kinds() -> list[type]:
    models = [kind.model for kind in kinds_of_plan("innovation")]
    assert len(models) == 6, "target and milestone reports and four registries"
    return models


@dataclass
class Reporting:
    """A bureau leading one task in each plan with a partner bureau; each task has a target
    and a milestone to report on, and a target counted from one of its plan's registries."""

    bureau: object
    tasks: dict
    targets: dict
    milestones: dict

    @classmethod
    def build(cls, name: str) -> "Reporting":
        bureau = factories.BureauFactory(name=name)
        partner = factories.BureauFactory(name=f"{name}的协作局")
        tasks = {
            code: factories.TaskFactory(plan=Plan.objects.get(code=code), bureaus=[bureau, partner])
            for code in PLANS
        }
        for code, task in tasks.items():
            measure = plan_app(code).get_measures()[0]
            factories.TargetFactory(plan=task.plan, task=task, measure=measure.code)
        return cls(
            bureau=bureau,
            tasks=tasks,
            targets={
                code: factories.TargetFactory(plan=task.plan, task=task)
                for code, task in tasks.items()
            },
            milestones={
                code: factories.MilestoneFactory(task=task) for code, task in tasks.items()
            },
        )

    def report(self, model, status, plan_code) -> Report:
        """A report of kind ``model`` by the bureau on its task of ``plan_code`` (a registry
        record always goes on its own plan's task)."""
        traits = TRAITS[status]
        if model is TargetReport:
            return factories.TargetReportFactory(
                target=self.targets[plan_code], bureau=self.bureau, **traits
            )
        if model is MilestoneReport:
            return factories.MilestoneReportFactory(
                milestone=self.milestones[plan_code], bureau=self.bureau, **traits
            )
        own_plan = next(kind.plan_code for kind in all_kinds() if kind.model is model)
        return REGISTRY_FACTORIES[model](task=self.tasks[own_plan], bureau=self.bureau, **traits)

    def add(self, kinds, count, states=(ReviewStatus.SUBMITTED,), plan_code=None):
        """``count`` reports, taking ``kinds`` in turn and shifting the state each round, so
        that each kind comes in every state; target and milestone reports go round the
        plans unless ``plan_code`` is given."""
        for n in range(count):
            state = states[(n % len(kinds) + n // len(kinds)) % len(states)]
            self.report(kinds[n % len(kinds)], state, plan_code or PLANS[n % len(PLANS)])


def warm_up(client, url):
    """Load the session and the content types of every kind, as a running site has them."""
    ContentType.objects.get_for_models(*every_kind())
    queries(client, url)


def queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def same_count(before: list[str], after: list[str]) -> str:
    """An assertion message showing the queries whose number changed (literals elided)."""

    def shapes(sqls):
        return Counter(re.sub(r"'[^']*'|\b\d+\b", "?", sql) for sql in sqls)

    was, now = shapes(before), shapes(after)
    changed = [
        f"  {was[shape]} → {now[shape]} × {shape}"
        for shape in sorted(was.keys() | now.keys())
        if was[shape] != now[shape]
    ]
    return f"{len(before)} queries became {len(after)}:\n" + "\n".join(changed)


# --- The review queue (supervisors) -----------------------------------------------------

QUEUE = reverse("reporting:review_queue")


@pytest.fixture
def supervisor_client(client, seed):
    client.force_login(factories.supervisor())
    return client


def test_the_review_queue_makes_as_many_queries_for_ten_times_the_submissions(
    supervisor_client,
):
    reporting = Reporting.build("查询计数审核局")
    reporting.add(SOME_KINDS, 4)
    warm_up(supervisor_client, QUEUE)
    once = queries(supervisor_client, QUEUE)

    reporting.add(SOME_KINDS, 36)

    assert Report.objects.awaiting_review().count() == 40
    tenfold = queries(supervisor_client, QUEUE)
    assert len(tenfold) == len(once), same_count(once, tenfold)


def test_the_review_queue_makes_as_many_queries_for_every_kind_as_for_one(supervisor_client):
    kinds = every_kind()
    reporting = Reporting.build("查询计数审核局")
    reporting.add([TargetReport], len(kinds))
    warm_up(supervisor_client, QUEUE)
    one_kind = queries(supervisor_client, QUEUE)
    Report.objects.update(status=ReviewStatus.APPROVED)  # out of the queue

    reporting.add(kinds, len(kinds))

    assert {report.specific_class for report in Report.objects.awaiting_review()} == set(kinds)
    all_kinds_ = queries(supervisor_client, QUEUE)
    assert len(all_kinds_) == len(one_kind), same_count(one_kind, all_kinds_)


# --- 我的任务 (bureau staff) ---------------------------------------------------------------

MY_WORK = reverse("dashboard:my_work")


def test_my_work_makes_as_many_queries_for_ten_times_the_reports(client, seed):
    reporting = Reporting.build("查询计数任务局")
    client.force_login(factories.bureau_staff(reporting.bureau))
    reporting.add(SOME_KINDS, 4, STATES)
    warm_up(client, MY_WORK)
    once = queries(client, MY_WORK)

    reporting.add(SOME_KINDS, 36, STATES)

    assert Report.objects.filter(bureau=reporting.bureau).count() == 40
    tenfold = queries(client, MY_WORK)
    assert len(tenfold) == len(once), same_count(once, tenfold)


def test_my_work_makes_as_many_queries_for_every_kind_as_for_one(client, seed):
    kinds = every_kind()
    one = Reporting.build("只报一类的局")
    one.add([TargetReport], len(STATES) * len(kinds), STATES)
    every = Reporting.build("各类都报的局")
    every.add(kinds, len(STATES) * len(kinds), STATES)
    client.force_login(factories.bureau_staff(one.bureau))
    warm_up(client, MY_WORK)
    one_kind = queries(client, MY_WORK)

    client.force_login(factories.bureau_staff(every.bureau))
    all_kinds_ = queries(client, MY_WORK)

    shown = Report.objects.filter(bureau=every.bureau)
    assert {report.specific_class for report in shown} == set(kinds)
    assert len(all_kinds_) == len(one_kind), same_count(one_kind, all_kinds_)


# --- A task page (its reports and their history) ------------------------------------------


@pytest.fixture(params=["supervisor", "lead bureau"])
def viewer(request, seed):
    """Who looks: a supervisor sees every report; the lead bureau may also add reports."""

    def log_in(client, reporting):
        if request.param == "supervisor":
            client.force_login(factories.supervisor())
        else:
            client.force_login(factories.bureau_staff(reporting.bureau))

    return log_in


def task_page(reporting) -> str:
    return reverse("dashboard:task_detail", args=[reporting.tasks["innovation"].pk])


def test_a_task_page_makes_as_many_queries_for_ten_times_the_reports(client, viewer):
    kinds = innovation_kinds()
    reporting = Reporting.build("查询计数创新局")
    viewer(client, reporting)
    url = task_page(reporting)
    reporting.add(kinds, len(kinds), STATES, plan_code="innovation")
    warm_up(client, url)
    once = queries(client, url)

    reporting.add(kinds, 9 * len(kinds), STATES, plan_code="innovation")

    assert Report.objects.filter(task=reporting.tasks["innovation"]).count() == 10 * len(kinds)
    tenfold = queries(client, url)
    assert len(tenfold) == len(once), same_count(once, tenfold)


def test_a_task_page_makes_as_many_queries_for_every_kind_of_its_plan_as_for_one(client, viewer):
    """Its history reads one table per kind of the plan, whichever kinds have reports."""
    kinds = innovation_kinds()
    one = Reporting.build("只报指标的创新局")
    one.add([TargetReport], len(STATES) * len(kinds), STATES, plan_code="innovation")
    every = Reporting.build("各类都报的创新局")
    every.add(kinds, len(STATES) * len(kinds), STATES, plan_code="innovation")
    viewer(client, one)
    warm_up(client, task_page(one))
    one_kind = queries(client, task_page(one))

    viewer(client, every)
    all_kinds_ = queries(client, task_page(every))

    reported = Report.objects.filter(task=every.tasks["innovation"])
    assert {report.specific_class for report in reported} == set(kinds)
    assert len(all_kinds_) == len(one_kind), same_count(one_kind, all_kinds_)
