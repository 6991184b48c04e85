"""演示数据: the demo data set loads realistic progress as of 2017-09-30 through the portal's
own forms, workflow, scan and supervision actions, once, and is labelled on every page."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jiyuan_portal.alerts.lights import task_lights
from jiyuan_portal.alerts.models import Alert, EscalationStep, Explanation, Notification, Step
from jiyuan_portal.dashboard import demo_data
from jiyuan_portal.reporting.actuals import with_progress
from jiyuan_portal.reporting.kinds import all_kinds
from jiyuan_portal.reporting.models import Report, ReviewStatus
from jiyuan_portal.tracking.models import Milestone, Target, Task
from jiyuan_portal.tracking.status import Light, MilestoneStatus, TargetStatus
from techreform.models import TownTarget

DEMO_DAY = datetime.date(2017, 9, 30)
END_OF_DEMO = timezone.make_aware(datetime.datetime(2017, 10, 1))
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, in a transaction rolled back after it (the demo
    accounts' passwords hashed fast)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST),
    ):
        result = demo_data.load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


@pytest.fixture
def banner_cache():
    """Forget whether the demo is loaded, and remember "no" again afterwards (conftest)."""
    cache.delete(demo_data.LOADED_CACHE_KEY)
    yield
    cache.set(demo_data.LOADED_CACHE_KEY, False, None)


def task(plan, number):
    return Task.objects.get(plan__code=plan, number=number)


def counts():
    return {
        "reports": Report.objects.count(),
        "alerts": Alert.objects.count(),
        "steps": EscalationStep.objects.count(),
        "explanations": Explanation.objects.count(),
        "notifications": Notification.objects.count(),
        "town targets": TownTarget.objects.count(),
    }


def test_the_demo_has_approved_pending_returned_and_draft_reports(loaded):
    states = set(Report.objects.values_list("status", flat=True))

    assert states == set(ReviewStatus.values)
    assert loaded.reports[ReviewStatus.APPROVED] > 100


def test_every_registry_has_approved_demo_records(loaded):
    registries = [kind for kind in all_kinds() if kind.plan_code]

    assert len(registries) == 20
    for kind in registries:
        records = kind.model.objects.approved().filter(notes__startswith=demo_data.DEMO_MARK)
        assert records.exists(), kind.model._meta.label


def test_the_2017_town_table_is_imported_for_the_nineteen_towns(loaded):
    assert TownTarget.objects.filter(year=2017).count() == 19


def test_milestones_were_done_on_time_done_late_and_are_overdue_on_the_demo_day(loaded):
    statuses = set(Milestone.objects.with_status(DEMO_DAY).values_list("status_code", flat=True))

    assert {MilestoneStatus.DONE, MilestoneStatus.DONE_LATE, MilestoneStatus.OVERDUE} <= statuses


def test_targets_are_achieved_on_track_at_risk_and_behind_on_the_demo_day(loaded):
    progress = with_progress(Target.objects.all(), on=DEMO_DAY)
    by_code = dict(progress.values_list("code", "status_code"))

    assert by_code["coal-capacity-2017"] == TargetStatus.ON_TRACK  # 93 of 120万吨
    assert by_code["industrial-fine-products-2017"] == TargetStatus.AT_RISK  # 3 of 5
    assert by_code["demo-projects-2017"] == TargetStatus.BEHIND  # 6 of 50
    assert by_code["little-giants-2017"] == TargetStatus.ACHIEVED


def test_task_lights_on_the_demo_day_are_red_yellow_and_green(loaded):
    lights = task_lights(on=DEMO_DAY)

    def light(plan, number):
        counts = lights.get(task(plan, number).pk)
        return counts.light if counts else Light.GREEN

    assert light("capacity", "二(五)") == Light.RED  # overdue, explanation rejected
    assert light("capacity", "二(三)") == Light.YELLOW  # overdue, explanation accepted
    assert light("innovation", "二(一)") == Light.YELLOW  # targets at risk
    assert light("capacity", "二(二)") == Light.GREEN  # milestones done on time


def test_late_items_were_explained_decided_escalated_and_closed(loaded):
    decisions = set(Explanation.objects.values_list("decision", flat=True))
    steps = set(EscalationStep.objects.values_list("step", flat=True))

    assert decisions == set(Explanation.Decision.values)
    assert steps == set(Step.values)
    assert Alert.objects.filter(closed_by__username="duban").exists()


def test_the_demo_reads_as_2017(loaded):
    assert not Report.objects.filter(created_at__gte=END_OF_DEMO).exists()
    assert not Report.objects.filter(submitted_at__gte=END_OF_DEMO).exists()
    assert not Report.objects.filter(reviewed_at__gte=END_OF_DEMO).exists()
    assert not Explanation.objects.filter(submitted_at__gte=END_OF_DEMO).exists()
    assert not EscalationStep.objects.filter(taken_at__gte=END_OF_DEMO).exists()
    assert not Notification.objects.filter(created_at__gte=END_OF_DEMO).exists()
    assert not Report.history.model.objects.filter(history_date__gte=END_OF_DEMO).exists()


def test_loading_the_demo_again_changes_nothing(loaded):
    before = counts()

    assert demo_data.load() is None
    assert counts() == before


def test_every_page_shows_the_banner_while_the_demo_is_loaded(loaded, client, banner_cache):
    response = client.get(reverse("login"))

    assert 'class="demo-banner"' in response.content.decode()


def test_the_banner_asks_nothing_of_the_database_while_the_portal_runs_as_of_a_day(
    db, settings, banner_cache, django_assert_num_queries
):
    settings.JIYUAN_AS_OF = DEMO_DAY

    with django_assert_num_queries(0):
        text = demo_data.banner_text()

    assert text == "演示数据 · 截至 2017年9月30日"
