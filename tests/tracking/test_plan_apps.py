"""The plan-app contract: what each plan app declares on its PlanAppConfig, and the generic
core that serves a plan no app declares."""

import pytest
from django.conf import settings

from jiyuan_portal.reporting.forms import RegistryRecordForm
from jiyuan_portal.reporting.kinds import all_kinds, kinds_of_plan, registry_kinds
from jiyuan_portal.reporting.models import MilestoneReport, RegistryRecord, TargetReport
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Task
from jiyuan_portal.tracking.plan_apps import (
    PlanAppConfig,
    plan_app,
    plan_apps,
    plan_codes,
    task_model_for,
)


def test_the_plan_apps_are_the_apps_settings_list_in_that_order():
    assert [config.name for config in plan_apps()] == settings.PLAN_APPS
    assert all(isinstance(config, PlanAppConfig) for config in plan_apps())


def test_each_plan_app_serves_the_plan_of_its_own_name():
    assert plan_codes() == settings.PLAN_APPS
    assert plan_app("capacity").label == "capacity"


@pytest.mark.parametrize("config", plan_apps(), ids=lambda config: config.label)
def test_each_registry_is_a_report_of_its_own_app_with_a_form_for_it(config):
    for model, form_class in config.get_registries():
        assert issubclass(model, RegistryRecord)
        assert model._meta.app_label == config.label
        assert issubclass(form_class, RegistryRecordForm)
        assert form_class._meta.model is model
        assert form_class.__module__ == f"{config.label}.forms"


@pytest.mark.parametrize("config", plan_apps(), ids=lambda config: config.label)
def test_each_measure_counts_a_registry_of_its_own_app(config):
    declared = {model._meta.label for model, _ in config.get_registries()}
    assert config.get_measures(), f"{config.label} declares no measures"
    for measure in config.get_measures():
        assert measure.model in declared, f"{measure.code} counts {measure.model}"


def test_measure_codes_are_unique_across_the_plan_apps():
    declared = [measure.code for config in plan_apps() for measure in config.get_measures()]
    assert len(declared) == len(set(declared)) == len(measures.codes())


def test_every_kind_of_report_has_its_own_slug_and_plan():
    kinds = all_kinds()
    assert [kind.model for kind in kinds[:2]] == [TargetReport, MilestoneReport]
    assert len({kind.slug for kind in kinds}) == len(kinds)
    assert {kind.plan_code for kind in kinds[2:]} == set(plan_codes())
    assert [kind.slug for kind in registry_kinds("innovation")] == [
        "innovation-enterprise",
        "research-platform",
        "innovation-team",
        "major-science-project",
    ]


def test_a_plan_without_an_app_gets_the_generic_task_kind_and_the_core_reports():
    assert plan_app("a-later-notices-plan") is None
    assert task_model_for("a-later-notices-plan") is Task
    assert [kind.model for kind in kinds_of_plan("a-later-notices-plan")] == [
        TargetReport,
        MilestoneReport,
    ]
    assert registry_kinds("a-later-notices-plan") == []


def test_the_plan_apps_task_models_are_tasks():
    for config in plan_apps():
        assert issubclass(config.get_task_model(), Task)
