"""The greening registries: recycling parks, energy inspections and the 500万元 demonstration
projects, and the targets and subsidy they count toward."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from jiyuan_portal.funding.explain import explain
from jiyuan_portal.funding.models import Entitlement
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Bureau, Target, Task
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_park_counts_for_2017_once_its_construction_started(seed):
    factories.RecyclingParkFactory(approved=True, stage="planned", started_on=None)
    measure = measures.get("recycling_parks_started")
    assert measure.actual(2017)[0] == 0

    factories.RecyclingParkFactory(approved=True, started_on=datetime.date(2017, 5, 10))

    assert measure.actual(2017)[0] == 1
    target = Target.objects.get(plan__code="greening", code="urban-mining-park-2017")
    assert target.measure == "recycling_parks_started"


def test_energy_inspections_count_the_enterprises_of_each_industry_in_the_year(seed):
    factories.EnergyInspectionFactory(approved=True, industry="power", enterprise="甲电厂")
    factories.EnergyInspectionFactory(approved=True, industry="power", enterprise="甲电厂")
    factories.EnergyInspectionFactory(approved=True, industry="power", enterprise="乙电厂")
    factories.EnergyInspectionFactory(industry="power", enterprise="丙电厂")  # a draft
    factories.EnergyInspectionFactory(
        approved=True, industry="power", enterprise="丁电厂", inspected_on=datetime.date(2018, 3, 1)
    )

    assert measures.get("energy_inspections_power").actual(2017)[0] == 2
    assert measures.get("energy_inspections_steel").actual(2017)[0] == 0


def test_a_completed_park_needs_its_dates_in_order(client, seed, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市发展和改革委员会")))
    task = Task.objects.get(plan__code="greening", number="二(四)")

    response = client.post(
        reverse("reporting:report_create", args=["recycling-park", task.pk]),
        {
            "name": "静脉产业园",
            "stage": "completed",
            "started_on": "2017-06-01",
            "completed_on": "2017-05-01",
        },
    )

    assert response.status_code == 200
    assert "完工日期不能早于开工日期" in str(response.context["form"].errors["completed_on"])


@pytest.mark.parametrize(
    ("investment", "status"),
    [
        (Decimal(2600), Entitlement.Status.TO_BE_SET),
        (Decimal(380), Entitlement.Status.NOT_ELIGIBLE),
    ],
)
def test_demonstration_projects_from_500_wan_are_eligible_with_the_amount_to_be_set(
    seed, django_capture_on_commit_callbacks, investment, status
):
    with django_capture_on_commit_callbacks(execute=True):
        project = factories.GreenDemonstrationProjectFactory(
            approved=True, new_investment=investment
        )

    entitlement = Entitlement.objects.get(record=project)
    assert entitlement.status == status
    assert entitlement.amount is None
    with translation.override("zh-hans"):
        if status == Entitlement.Status.TO_BE_SET:
            assert "未规定比例和金额" in explain(entitlement)
        else:
            assert explain(entitlement) == "不符合条件:新增投资额 380万元,低于 500万元。"
