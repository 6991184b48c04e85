"""The notice's money rules applied to approved registry records (奖补)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from jiyuan_portal.funding.entitlements import refresh
from jiyuan_portal.funding.explain import explain
from jiyuan_portal.funding.models import Entitlement
from jiyuan_portal.tracking.models import AwardRule

from .conftest import GreenRecognitionFactory, ReformProjectFactory, SmartRecognitionFactory

pytestmark = pytest.mark.django_db

Status = Entitlement.Status


def entitlement_of(record, code="reform-project-subsidy"):
    return Entitlement.objects.select_related("rule").get(record=record, rule__code=code)


def said(entitlement) -> str:
    with translation.override("zh-hans"):
        return explain(entitlement)


def test_reform_project_of_2000_wan_spend_is_entitled_to_600_wan_with_the_arithmetic(seed, approve):
    project = approve(ReformProjectFactory, equipment_spend=1500, rd_spend=500)

    entitlement = entitlement_of(project)

    assert entitlement.status == Status.DUE
    assert entitlement.amount == Decimal(600)
    assert said(entitlement) == (
        "设备、研发投入 2,000万元 × 30% = 600万元,低于单个项目上限 1,000万元"
    )


def test_reform_project_subsidy_stops_at_the_cap_of_1000_wan(seed, approve):
    project = approve(ReformProjectFactory, equipment_spend=7200, rd_spend=800)

    entitlement = entitlement_of(project)

    assert entitlement.computed == Decimal(2400)
    assert entitlement.amount == Decimal(1000)
    assert entitlement.limited_by == Entitlement.Limit.CAP
    assert said(entitlement) == (
        "设备、研发投入 8,000万元 × 30% = 2,400万元,超过单个项目上限 1,000万元,按上限 1,000万元"
    )


def test_reform_project_under_500_wan_of_investment_is_not_eligible(seed, approve):
    project = approve(ReformProjectFactory, investment=Decimal("0.04"))  # 亿元: 400万元

    entitlement = entitlement_of(project)

    assert entitlement.status == Status.NOT_ELIGIBLE
    assert entitlement.amount is None
    assert said(entitlement) == "不符合条件:当年完成投资 400万元,低于 500万元。"


def test_reform_project_at_exactly_500_wan_qualifies(seed, approve):
    project = approve(ReformProjectFactory, investment=Decimal("0.05"))

    assert entitlement_of(project).status == Status.DUE


def test_reform_project_not_yet_in_production_is_committed_but_paid_once_it_is(seed, approve):
    project = approve(ReformProjectFactory, completed_on=None)

    entitlement = entitlement_of(project)

    assert entitlement.status == Status.PENDING
    assert entitlement.amount == Decimal(600)
    assert said(entitlement).endswith(";待记录“投产日期”后兑现")


def test_reform_project_without_its_spend_is_eligible_with_the_amount_to_be_set(seed, approve):
    project = approve(ReformProjectFactory, equipment_spend=None, rd_spend=None)

    entitlement = entitlement_of(project)

    assert entitlement.status == Status.TO_BE_SET
    assert entitlement.amount is None
    assert said(entitlement) == "符合条件;填报设备、研发投入后计算金额。"


def test_records_not_approved_get_no_entitlement(seed, approve, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = ReformProjectFactory()
        submitted = ReformProjectFactory(submitted=True)

    assert not Entitlement.objects.filter(record__in=[draft, submitted]).exists()


def test_smart_recognitions_get_the_fixed_award_of_their_kind_and_level(seed, approve):
    national = approve(SmartRecognitionFactory, level="national")
    provincial = approve(SmartRecognitionFactory, level="provincial")
    city = approve(SmartRecognitionFactory, level="city")

    assert entitlement_of(national, "smart-factory-national").amount == Decimal(50)
    assert entitlement_of(provincial, "smart-factory-provincial").amount == Decimal(30)
    assert not Entitlement.objects.filter(record=city).exists()
    assert said(entitlement_of(national, "smart-factory-national")) == "定额奖励 50万元"


def test_awards_from_2017_leave_out_earlier_recognitions(seed, approve):
    earlier = approve(SmartRecognitionFactory, recognized_on=datetime.date(2016, 12, 31))

    entitlement = entitlement_of(earlier, "smart-factory-national")

    assert entitlement.status == Status.NOT_ELIGIBLE
    assert said(entitlement) == "不符合条件:本规则自2017年起适用。"


def test_green_factory_is_eligible_but_the_notice_sets_no_amount(seed, approve):
    record = approve(GreenRecognitionFactory)

    entitlement = entitlement_of(record, "green-factory-award")

    assert entitlement.status == Status.TO_BE_SET
    assert entitlement.amount is None
    assert "未规定金额" in said(entitlement)


def test_annual_cap_is_shared_by_a_subjects_records_of_a_year_in_date_order(seed, approve):
    rule = AwardRule.objects.get(code="reform-project-subsidy")
    rule.subject_field, rule.annual_cap = "enterprise", Decimal(700)
    rule.save()
    first = approve(
        ReformProjectFactory, enterprise="济源同一企业", completed_on=datetime.date(2017, 3, 1)
    )
    second = approve(
        ReformProjectFactory, enterprise="济源同一企业", completed_on=datetime.date(2017, 5, 1)
    )
    third = approve(
        ReformProjectFactory, enterprise="济源同一企业", completed_on=datetime.date(2017, 6, 1)
    )
    other = approve(ReformProjectFactory, enterprise="济源另一企业")

    amounts = {record: entitlement_of(record) for record in (first, second, third, other)}

    assert amounts[first].amount == Decimal(600)
    assert amounts[second].amount == Decimal(100)
    assert amounts[second].limited_by == Entitlement.Limit.ANNUAL_CAP
    assert amounts[third].status == Status.NOT_ELIGIBLE
    assert amounts[third].reason == Entitlement.Reason.ANNUAL_CAP_USED
    assert amounts[other].amount == Decimal(600)


def test_years_of_support_count_from_the_start_field(seed, approve):
    rule = AwardRule.objects.get(code="reform-project-subsidy")
    rule.duration_years, rule.start_field = 1, "completed_on"
    rule.save()
    in_time = approve(ReformProjectFactory, year=2017, completed_on=datetime.date(2017, 1, 5))
    too_late = approve(ReformProjectFactory, year=2018, completed_on=datetime.date(2017, 1, 5))

    assert entitlement_of(in_time).status == Status.DUE
    assert entitlement_of(too_late).reason == Entitlement.Reason.OUTSIDE_SUPPORT_YEARS


def test_changing_a_rule_recomputes_its_entitlements(
    seed, approve, django_capture_on_commit_callbacks
):
    project = approve(ReformProjectFactory)
    rule = AwardRule.objects.get(code="reform-project-subsidy")

    with django_capture_on_commit_callbacks(execute=True):
        rule.rate = Decimal(20)
        rule.save()

    assert entitlement_of(project).amount == Decimal(400)


def test_deleting_an_approved_record_frees_its_share_of_the_annual_cap(
    seed, approve, django_capture_on_commit_callbacks
):
    rule = AwardRule.objects.get(code="reform-project-subsidy")
    rule.subject_field, rule.annual_cap = "enterprise", Decimal(700)
    rule.save()
    first = approve(
        ReformProjectFactory, enterprise="济源同一企业", completed_on=datetime.date(2017, 3, 1)
    )
    second = approve(
        ReformProjectFactory, enterprise="济源同一企业", completed_on=datetime.date(2017, 5, 1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()

    assert entitlement_of(second).amount == Decimal(600)


def test_refresh_writes_one_row_per_record_the_rule_looks_at(seed, approve):
    approve(ReformProjectFactory)
    approve(ReformProjectFactory, investment=Decimal("0.01"))
    rule = AwardRule.objects.get(code="reform-project-subsidy")

    assert refresh(rule) == 2
    assert refresh(rule) == 2
    assert Entitlement.objects.filter(rule=rule).count() == 2


def test_record_without_its_year_date_counts_in_the_year_it_was_approved(seed, approve):
    rule = AwardRule.objects.get(code="reform-project-subsidy")
    rule.year_field = "completed_on"
    rule.save()

    project = approve(ReformProjectFactory, completed_on=None)

    entitlement = entitlement_of(project)
    assert entitlement.year == project.reviewed_at.year
    assert entitlement.status == Status.PENDING
