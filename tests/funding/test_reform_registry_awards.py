"""The money rules of 技术改造 二(二)–二(六) applied to their registries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from jiyuan_portal.funding.explain import explain
from jiyuan_portal.funding.models import Entitlement

from .conftest import (
    FirstSetPurchaseFactory,
    InnovationCentreFactory,
    InnovationCentreSpendFactory,
)

pytestmark = pytest.mark.django_db
Status, Reason, Limit = Entitlement.Status, Entitlement.Reason, Entitlement.Limit


def entitlement(record, code):
    return Entitlement.objects.select_related("rule").get(record=record, rule__code=code)


def test_innovation_centre_spend_gets_half_up_to_500_wan_a_year_for_three_years(seed, approve):
    centre = InnovationCentreFactory(approved=True, listed_on=datetime.date(2017, 6, 20))
    spends = {
        (year, spend): approve(
            InnovationCentreSpendFactory, centre=centre, year=year, equipment_spend=spend
        )
        for year, spend in ((2017, Decimal(600)), (2018, Decimal(1400)), (2019, 400), (2020, 800))
    }
    got = {
        key: entitlement(record, "innovation-centre-equipment-subsidy")
        for key, record in spends.items()
    }

    assert got[(2017, Decimal(600))].amount == Decimal(300)
    assert got[(2018, Decimal(1400))].amount == Decimal(500)
    assert got[(2018, Decimal(1400))].limited_by == Limit.ANNUAL_CAP
    assert got[(2019, 400)].amount == Decimal(200)
    assert got[(2020, 800)].status == Status.NOT_ELIGIBLE
    assert got[(2020, 800)].reason == Reason.OUTSIDE_SUPPORT_YEARS
    with translation.override("zh-hans"):
        assert explain(got[(2020, 800)]) == "不符合条件:2020年不在3年支持期内。"


def test_two_spends_of_a_centre_in_one_year_share_its_500_wan_cap(seed, approve):
    centre = InnovationCentreFactory(approved=True)
    first = approve(InnovationCentreSpendFactory, centre=centre, equipment_spend=Decimal(800))
    second = approve(InnovationCentreSpendFactory, centre=centre, equipment_spend=Decimal(600))

    code = "innovation-centre-equipment-subsidy"
    assert entitlement(first, code).amount + entitlement(second, code).amount == Decimal(500)


def test_a_centre_on_the_provincial_list_gets_500_wan_once(seed, approve):
    provincial = approve(InnovationCentreFactory, listing="provincial")
    city = approve(InnovationCentreFactory, listing="city")

    assert entitlement(provincial, "provincial-innovation-centre-list-subsidy").amount == 500
    assert not Entitlement.objects.filter(record=city).exists()


def test_buyer_of_first_set_equipment_gets_five_percent_of_the_price(seed, approve):
    purchase = approve(FirstSetPurchaseFactory, price=Decimal(1200))

    assert entitlement(purchase, "first-set-purchase-award").amount == Decimal(60)
