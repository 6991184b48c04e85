"""The notice's money rules as data: loaded from the plan files, checked, editable."""

import shutil
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jiyuan_portal.tracking.loading import FIXTURES_DIR, PlanDataError, load_all
from jiyuan_portal.tracking.models import AwardRule

pytestmark = pytest.mark.django_db


def test_every_rules_clause_is_a_sentence_of_its_tasks_text(seed):
    """The task texts are the notice's clauses word for word (tests/*/test_plan_data.py)."""
    rules = AwardRule.objects.select_related("task")
    assert rules.count() == 34
    for rule in rules:
        assert rule.clause in rule.task.text, rule.code


def test_reform_project_rule_is_the_text_of_techreform_two_one(seed):
    rule = AwardRule.objects.get(plan__code="techreform", code="reform-project-subsidy")

    assert rule.task.number == "二(一)"
    assert (rule.method, rule.rate, rule.threshold, rule.cap) == (
        AwardRule.Method.RATE,
        Decimal(30),
        Decimal(500),
        Decimal(1000),
    )
    assert rule.payable_field == "completed_on"  # 投产后


def test_smart_awards_are_fifty_and_thirty_and_eighty_and_fifty_from_2017(seed):
    amounts = {
        (rule.conditions["kind"], rule.conditions["level"]): rule.fixed_amount
        for rule in AwardRule.objects.filter(plan__code="smart")
    }

    assert amounts[("integration_certified", "national")] == 30
    assert amounts[("smart_factory", "national")] == 50
    assert amounts[("smart_factory", "provincial")] == 30
    assert amounts[("innovation_base", "national")] == 80
    assert amounts[("innovation_base", "provincial")] == 50
    assert len(amounts) == 13
    assert set(
        AwardRule.objects.filter(plan__code="smart").values_list("first_year", flat=True)
    ) == {2017}


def test_green_awards_say_the_text_gives_no_amount(seed):
    rules = AwardRule.objects.filter(plan__code="greening")

    assert {rule.method for rule in rules} == {AwardRule.Method.UNSPECIFIED}
    assert all(rule.fixed_amount is None and rule.rate is None for rule in rules)
    assert all("未规定" in rule.amount_note for rule in rules)


def test_loading_the_rules_again_changes_nothing(seed):
    report = load_all()

    assert "AwardRule" not in report.updated and "AwardRule" not in report.created


def test_a_rule_naming_a_field_its_registry_lacks_is_refused_with_the_file_and_rule(seed, tmp_path):
    shutil.copytree(FIXTURES_DIR, tmp_path / "fixtures")
    path = tmp_path / "fixtures" / "plans" / "techreform.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("base_field: equipment_and_rd_spend", "base_field: no_such_spend"),
        encoding="utf-8",
    )

    with pytest.raises(PlanDataError, match=r"techreform\.yaml, award rule reform-project-subsidy"):
        load_all(tmp_path / "fixtures")
    assert AwardRule.objects.get(code="reform-project-subsidy").base_field == (
        "equipment_and_rd_spend"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"registry": "tracking.Target"}, "registry"),
        ({"method": AwardRule.Method.FIXED, "fixed_amount": None}, "fixed_amount"),
        ({"threshold": None}, "threshold"),
        ({"duration_years": 3}, "duration_years"),
        ({"conditions": {"colour": "red"}}, "conditions"),
    ],
)
def test_admin_form_explains_what_is_wrong_with_a_rule(seed, change, field):
    rule = AwardRule.objects.get(code="reform-project-subsidy")
    for name, value in change.items():
        setattr(rule, name, value)

    with pytest.raises(ValidationError) as error:
        rule.clean()

    assert field in error.value.message_dict


def test_a_rule_naming_no_registry_records_the_text_and_pays_nothing(seed):
    """A drafted plan's rule: what the text states, with no registry to pay from yet."""
    from jiyuan_portal.funding import entitlements
    from jiyuan_portal.funding.models import Entitlement
    from jiyuan_portal.tracking.models import Plan

    rule = AwardRule(
        plan=Plan.objects.get(code="smart"),
        code="stated-only",
        name="示范企业奖励",
        clause="对新认定的示范企业,给予20万元奖励。",
        method=AwardRule.Method.FIXED,
        fixed_amount=Decimal(20),
    )
    rule.full_clean()
    rule.save()

    assert not rule.pays
    assert entitlements.refresh(rule) == 0
    assert not Entitlement.objects.filter(rule=rule).exists()
    assert rule not in entitlements.rules_reading(AwardRule.objects.first().registry_model())


@pytest.mark.parametrize(
    "change, field",
    [
        ({"year_field": "year"}, "year_field"),
        ({"conditions": {"kind": "x"}}, "conditions"),
        ({"fixed_amount": None}, "fixed_amount"),
    ],
)
def test_a_rule_without_registry_may_not_name_fields_and_needs_its_amount(seed, change, field):
    from jiyuan_portal.tracking.models import Plan

    values = {
        "plan": Plan.objects.get(code="smart"),
        "code": "stated-only",
        "name": "示范企业奖励",
        "clause": "对新认定的示范企业,给予20万元奖励。",
        "method": AwardRule.Method.FIXED,
        "fixed_amount": Decimal(20),
    }
    with pytest.raises(ValidationError) as raised:
        AwardRule(**{**values, **change}).clean()
    assert field in raised.value.message_dict
