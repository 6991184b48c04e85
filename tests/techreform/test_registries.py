"""The registries of 技术改造 二(二)–二(六): forms bureaus fill in, and the targets they count."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Bureau, Plan, Task
from techreform.models import (
    FineProduct,
    InnovationCentre,
    InnovationCentreSpend,
    NewProduct,
    ReformRecognition,
)
from tests import factories
from tests.funding.conftest import InnovationCentreFactory, techreform_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def gongxin(client, seed, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    client.force_login(factories.bureau_staff(Bureau.objects.get(name="市工业和信息化委员会")))
    return client


def create(client, kind, number, data):
    return client.post(
        reverse("reporting:report_create", args=[kind, techreform_task(number).pk]), data
    )


def test_bureau_records_a_provincial_new_product_with_its_rd_spend(gongxin):
    response = create(
        gongxin,
        "new-product",
        "二(三)",
        {
            "product": "高纯电解铅",
            "enterprise": "某铅业公司",
            "recognized_on": "2017-06-15",
            "rd_spend": "420",
        },
    )

    assert response.status_code == 302
    product = NewProduct.objects.get()
    assert (product.rd_spend, product.task.number) == (Decimal(420), "二(三)")


def test_a_city_level_quality_recognition_is_refused_with_the_reason(gongxin):
    response = create(
        gongxin,
        "reform-recognition",
        "二(五)",
        {
            "kind": "quality_benchmark",
            "level": "city",
            "enterprise": "某铝业公司",
            "recognized_on": "2017-07-20",
        },
    )

    assert response.status_code == 200
    assert "只奖补国家级、省级认定" in response.content.decode()
    assert not ReformRecognition.objects.exists()


def test_a_centres_spend_is_entered_only_for_an_approved_centre_from_its_listing_year(gongxin):
    approved = InnovationCentreFactory(approved=True, listed_on=datetime.date(2017, 6, 20))
    draft = InnovationCentreFactory()

    refused = create(
        gongxin,
        "innovation-centre-spend",
        "二(二)",
        {"centre": draft.pk, "year": "2017", "equipment_spend": "600"},
    )
    too_early = create(
        gongxin,
        "innovation-centre-spend",
        "二(二)",
        {"centre": approved.pk, "year": "2016", "equipment_spend": "600"},
    )
    accepted = create(
        gongxin,
        "innovation-centre-spend",
        "二(二)",
        {"centre": approved.pk, "year": "2017", "equipment_spend": "600"},
    )

    assert refused.status_code == 200 and "centre" in refused.context["form"].errors
    assert "2017年" in str(too_early.context["form"].errors["year"])
    assert accepted.status_code == 302
    assert InnovationCentreSpend.objects.get().centre == approved


def record(model, number, **fields):
    task = techreform_task(number)
    return model.objects.create(task=task, bureau=task.lead_bureau, **fields)


def test_new_products_and_fine_products_count_approved_records_of_their_year(seed):
    for day, status in (
        (datetime.date(2017, 3, 1), "approved"),
        (datetime.date(2017, 9, 1), "approved"),
        (datetime.date(2017, 9, 2), "submitted"),
        (datetime.date(2018, 1, 5), "approved"),
    ):
        record(
            NewProduct,
            "二(三)",
            product="新产品",
            enterprise="某公司",
            recognized_on=day,
            status=status,
        )
        record(
            FineProduct,
            "二(五)",
            product="精品",
            enterprise="某公司",
            recognized_on=day,
            status=status,
        )

    for code in ("new_products_in_year", "fine_products_in_year"):
        assert measures.get(code).actual(2017)[0] == 2
        assert measures.get(code).actual(2018)[0] == 1


def test_provincial_innovation_centres_count_the_provincial_list_and_above(seed):
    for listing in ("city", "provincial", "provincial_recognised", "national"):
        record(
            InnovationCentre,
            "二(二)",
            name=f"{listing}中心",
            enterprise="某公司",
            listing=listing,
            listed_on=datetime.date(2018, 5, 1),
            status="approved",
        )

    measure = measures.get("provincial_innovation_centres")
    assert measure.actual(2017)[0] == 0
    assert measure.actual(2020)[0] == 3


def test_the_counted_techreform_targets_are_measured_from_their_registries(seed):
    plan = Plan.objects.get(code="techreform")
    measured = dict(plan.targets.exclude(measure="").values_list("code", "measure"))

    assert measured["provincial-innovation-centre-2020"] == "provincial_innovation_centres"
    for year in range(2017, 2021):
        assert measured[f"new-products-{year}"] == "new_products_in_year"
        assert measured[f"industrial-fine-products-{year}"] == "fine_products_in_year"
    assert Task.objects.filter(plan=plan, number="二(五)").exists()
