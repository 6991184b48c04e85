from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jiyuan_portal.accounts import roles
from jiyuan_portal.dashboard.load_data import (
    COPY_MARK,
    EXTRA_MILESTONE_PREFIX,
    LOAD_BUREAU_PREFIX,
    NoPlansLoaded,
    add_milestones,
    generate,
)
from jiyuan_portal.reporting.kinds import all_kinds
from jiyuan_portal.reporting.models import MilestoneReport, Report, TargetReport
from jiyuan_portal.reporting.states import ReviewStatus
from jiyuan_portal.tracking.models import Bureau, Milestone, Plan, Target, Task, TaskBureau, Town
from jiyuan_portal.tracking.plan_apps import task_model_for


def counts() -> dict[str, int]:
    return {
        "tasks": Task.objects.count(),
        "milestones": Milestone.objects.count(),
        "targets": Target.objects.count(),
        "task bureaus": TaskBureau.objects.exclude(
            bureau__name__startswith=LOAD_BUREAU_PREFIX
        ).count(),
    }


@pytest.fixture
def scale_2(seed):
    before = counts()
    created = generate(2)
    return before, created


def test_scale_2_doubles_tasks_milestones_targets_and_their_bureaus(scale_2):
    before, created = scale_2
    assert counts() == {name: 2 * count for name, count in before.items()}
    assert created.tasks == before["tasks"]


def test_clones_are_their_plans_kind_of_task(scale_2):
    for plan in Plan.objects.all():
        model = task_model_for(plan.code)
        clones = Task.objects.filter(plan=plan, number__contains="#")
        seeds = Task.objects.filter(plan=plan).exclude(number__contains="#")
        assert clones.count() == seeds.count()
        assert model.objects.filter(pk__in=clones).count() == clones.count()


def test_reports_come_in_every_review_state_and_of_every_kind(scale_2):
    assert set(Report.objects.values_list("status", flat=True)) == set(ReviewStatus.values)
    for kind in all_kinds():
        assert kind.model.objects.exists(), kind.model
    report = TargetReport.objects.filter(task__number__contains="#").first()
    assert report.title and report.specific == report
    assert report.history.count() == 1


def test_approved_milestone_reports_complete_their_milestones(scale_2):
    completed = MilestoneReport.objects.filter(
        status=ReviewStatus.APPROVED, outcome=MilestoneReport.Outcome.COMPLETED
    )
    assert completed.exists()
    for report in completed:
        assert report.milestone.completed_on == report.completed_on


def test_registry_records_spread_over_the_19_towns_and_no_town_is_added(scale_2):
    assert Town.objects.count() == 19
    records_with_towns = [
        kind.model for kind in all_kinds() if any(f.name == "town" for f in kind.model._meta.fields)
    ]
    towns = {
        pk for model in records_with_towns for pk in model.objects.values_list("town", flat=True)
    }
    assert len(towns) > 10


def test_each_copy_brings_a_bureau_with_staff_sharing_some_cloned_tasks(scale_2):
    bureaus = Bureau.objects.filter(name__startswith=LOAD_BUREAU_PREFIX)
    assert bureaus.count() == 2
    for bureau in bureaus:
        (user,) = bureau.staff.all()
        assert user.is_bureau_staff
        assert user.groups.filter(name=roles.BUREAU_STAFF).exists()
    shared = TaskBureau.objects.filter(bureau__in=bureaus)
    assert shared.exists()
    assert not shared.exclude(task__number__contains="#").exists()


def test_running_again_with_the_same_scale_adds_nothing_and_a_larger_one_the_difference(scale_2):
    before, _ = scale_2
    assert not generate(2).reports
    assert Task.objects.count() == 2 * before["tasks"]
    generate(3)
    assert Task.objects.count() == 3 * before["tasks"]


def test_the_command_prints_what_it_created(seed):
    out = StringIO()
    call_command("generate_load_data", "--scale", "1", stdout=out)
    assert "reports" in out.getvalue()
    assert Report.objects.exists()


def test_refuses_a_database_without_plans(db):
    Plan.objects.all().delete()
    with pytest.raises(NoPlansLoaded):
        generate(2)
    with pytest.raises(CommandError, match="setup_portal"):
        call_command("generate_load_data", "--scale", "2", stdout=StringIO())


def test_milestones_are_added_to_the_copies_tasks_up_to_the_total_asked_once(scale_2):
    before = Milestone.objects.count()

    added = add_milestones(before + 30)

    assert added == 30
    assert Milestone.objects.count() == before + 30
    extra = Milestone.objects.filter(description__startswith=EXTRA_MILESTONE_PREFIX)
    assert not extra.exclude(task__number__contains=COPY_MARK).exists()
    assert not extra.filter(due_date=None).exists()
    assert extra.filter(completed_on__isnull=False).count() == 12  # two in five completed
    assert add_milestones(before + 30) == 0


def test_the_command_adds_milestones_to_reach_the_total(seed):
    out = StringIO()
    call_command("generate_load_data", "--scale", "2", "--milestones", "120", stdout=out)
    assert Milestone.objects.count() == 120
    assert "Added" in out.getvalue()
