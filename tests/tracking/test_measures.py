"""Targets measured from a plan registry take their actual from its approved records:
高新技术企业达到30家 counts the approved high-tech enterprises certified up to 2020;
2017年压减煤炭产能120万吨 sums the approved coal exits of 2017."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovation.models import InnovationTeam
from jiyuan_portal.reporting.actuals import progress_by_target
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Target, Task
from jiyuan_portal.tracking.status import TargetStatus
from tests import factories

D = datetime.date
AFTER_2020 = D(2021, 3, 1)


def target(code) -> Target:
    return Target.objects.get(code=code)


def progress(code, on=AFTER_2020):
    measured = target(code)
    return progress_by_target([measured], on=on)[measured.pk]


def high_tech(certified_on, **kwargs):
    return factories.InnovationEnterpriseFactory(certified_on=certified_on, **kwargs)


def coal_exit(exited_on, capacity, **kwargs):
    return factories.CapacityExitFactory(
        exited_on=exited_on, capacity_removed=Decimal(capacity), **kwargs
    )


def test_every_measure_named_by_a_target_is_registered(seed):
    named = set(Target.objects.exclude(measure="").values_list("measure", flat=True))
    assert named
    assert named <= measures.codes()


# --- Counting records ------------------------------------------------------------------------


def test_a_total_counts_approved_records_certified_up_to_the_end_of_its_year(seed):
    high_tech(D(2015, 6, 1), approved=True)  # certified before the plans: still counts
    high_tech(D(2018, 11, 30), approved=True)
    high_tech(D(2020, 12, 31), approved=True)
    high_tech(D(2021, 1, 1), approved=True)  # after the target's year

    assert progress("high-tech-enterprises-2020").actual == 3
    assert progress("high-tech-enterprises-2020").as_of == D(2020, 12, 31)
    assert progress("high-tech-enterprises-2017").actual == 1


def test_a_total_leaves_out_certificates_expired_before_the_end_of_its_year(seed):
    high_tech(D(2015, 6, 1), valid_until=D(2018, 5, 31), approved=True)  # expired in 2018
    high_tech(D(2016, 6, 1), valid_until=D(2019, 5, 31), approved=True)
    high_tech(D(2017, 6, 1), approved=True)  # no expiry recorded: counts

    assert progress("high-tech-enterprises-2017").actual == 3
    assert progress("high-tech-enterprises-2018").actual == 2
    assert progress("high-tech-enterprises-2020").actual == 1
    assert progress("new-high-tech-enterprises-2017").actual == 1  # new ones: expiry aside


def test_the_2017_city_innovation_leaders_count_only_city_level_ones_named_that_year(seed):
    leader = {"kind": "innovation_leader", "approved": True}
    high_tech(D(2017, 3, 1), level="city", **leader)
    high_tech(D(2017, 5, 1), level="provincial", **leader)
    high_tech(D(2016, 5, 1), level="city", **leader)

    assert progress("innovation-leaders-2017").actual == 1


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_records_not_approved_do_not_count(seed, state):
    high_tech(D(2018, 11, 30), **({state: True} if state != "draft" else {}))

    assert progress("high-tech-enterprises-2020").actual == 0


def test_records_of_another_kind_do_not_count(seed):
    high_tech(D(2018, 11, 30), kind="little_giant", approved=True)
    high_tech(D(2018, 11, 30), kind="tech_sme", approved=True)

    assert progress("high-tech-enterprises-2020").actual == 0
    assert progress("little-giants-2017").actual == 0  # 2018 is not 2017


def test_new_ones_of_a_year_count_only_that_years_certifications(seed):
    high_tech(D(2016, 12, 31), approved=True)
    high_tech(D(2017, 1, 1), approved=True)
    high_tech(D(2017, 12, 31), approved=True)
    high_tech(D(2018, 1, 1), approved=True)

    assert progress("new-high-tech-enterprises-2017").actual == 2
    assert progress("new-high-tech-enterprises-2017").status == TargetStatus.ACHIEVED


def test_the_actual_gives_the_status(seed):
    for _ in range(14):  # 突破13家: more than 13
        high_tech(D(2017, 6, 1), approved=True)

    assert progress("high-tech-enterprises-2017").status == TargetStatus.ACHIEVED
    assert progress("high-tech-enterprises-2020").status == TargetStatus.BEHIND
    assert progress("high-tech-enterprises-2020", on=D(2017, 7, 1)).status == (
        TargetStatus.ON_TRACK
    )


def test_teams_since_the_plans_began_leave_out_earlier_ones(seed):
    task = Task.objects.get(plan__code="innovation", number="二(三)")
    for recognized_on, high_level in [
        (D(2016, 5, 1), True),
        (D(2017, 3, 1), True),
        (D(2018, 3, 1), False),
    ]:
        InnovationTeam.objects.create(
            task=task,
            bureau=task.lead_bureau,
            name="团队",
            recognized_on=recognized_on,
            is_high_level=high_level,
            status="approved",
        )

    assert progress("innovation-teams-2018").actual == 2
    assert progress("high-level-teams-2018").actual == 1


# --- Summing records -------------------------------------------------------------------------


def test_coal_capacity_removed_in_a_year_sums_that_years_approved_coal_exits(seed):
    coal_exit(D(2017, 3, 31), "45", approved=True)
    coal_exit(D(2017, 12, 31), "30.5", approved=True)
    coal_exit(D(2018, 1, 1), "60", approved=True)  # next year
    coal_exit(D(2017, 6, 30), "99", submitted=True)  # not approved
    coal_exit(D(2017, 6, 30), "77", industry="steel", approved=True)  # not coal

    assert progress("coal-capacity-2017").actual == Decimal("75.5")
    assert progress("coal-capacity-2017").as_of == D(2017, 12, 31)
    assert progress("coal-capacity-2018").actual == Decimal(60)


def test_the_coal_capacity_total_sums_every_approved_exit_since_the_plans_began(seed):
    coal_exit(D(2016, 12, 31), "100", approved=True)  # before the plans
    coal_exit(D(2017, 5, 1), "120", approved=True)
    coal_exit(D(2018, 8, 1), "81", approved=True)
    coal_exit(D(2019, 2, 1), "50", approved=True)  # after the target's year

    total = progress("coal-capacity-total")

    assert total.actual == Decimal(201)
    assert total.status == TargetStatus.ACHIEVED


def test_each_coal_company_s_share_sums_only_its_own_approved_coal_exits(seed):
    coal_exit(D(2017, 6, 1), "30", company="jiyuan_coal", approved=True)
    coal_exit(D(2018, 3, 1), "15", company="jiyuan_coal", approved=True)
    coal_exit(D(2018, 3, 1), "100", company="heji", approved=True)
    coal_exit(D(2018, 4, 1), "56", company="heji")  # a draft
    coal_exit(D(2018, 4, 1), "9", approved=True)  # another mine

    assert progress("coal-capacity-jiyuan-coal").actual == 45
    assert progress("coal-capacity-jiyuan-coal").status == TargetStatus.ACHIEVED
    assert progress("coal-capacity-heji").actual == 100
    assert progress("coal-capacity-total").actual == 154


def test_a_coal_target_with_no_approved_exit_is_zero_not_missing(seed):
    coal_exit(D(2017, 5, 1), "45", returned=True)

    assert progress("coal-capacity-2017").actual == 0
    assert progress("coal-capacity-2017").as_of is None


def test_small_polluting_closures_count_enterprises_not_capacity(seed):
    task = target("small-polluting-closures-2017").task
    for _ in range(3):
        coal_exit(
            D(2017, 9, 1),
            "0",
            task=task,
            industry="small_polluting",
            subject="enterprise",
            approved=True,
        )

    assert progress("small-polluting-closures-2017").actual == 3


# --- Measured targets and reported figures -------------------------------------------------------


def test_a_report_on_a_measured_target_does_not_override_the_registry(seed):
    measured = target("high-tech-enterprises-2020")
    factories.TargetReportFactory(target=measured, value=Decimal(29), approved=True)
    high_tech(D(2019, 1, 1), approved=True)

    assert progress("high-tech-enterprises-2020").actual == 1


def test_approving_a_record_through_the_review_changes_the_actual(client, seed):
    record = high_tech(D(2018, 11, 30), submitted=True)
    client.force_login(factories.supervisor())
    assert progress("high-tech-enterprises-2020").actual == 0

    client.post(
        reverse("reporting:report_review", args=[record.pk]),
        {"decision": "approve", "version": record.version},
    )

    assert progress("high-tech-enterprises-2020").actual == 1


def test_the_plan_page_shows_the_registry_count_as_the_actual(client, seed):
    high_tech(D(2018, 11, 30), approved=True)
    high_tech(D(2019, 11, 30), approved=True)
    client.force_login(factories.supervisor())

    response = client.get(reverse("dashboard:plan_detail", args=["innovation"]))

    shown = {t.code: t.progress.actual for t in response.context["targets"]}
    assert shown["high-tech-enterprises-2020"] == 2
    assert shown["high-tech-enterprises-2018"] == 1


def test_measured_actuals_take_a_constant_number_of_queries(seed):
    every_target = list(Target.objects.all())

    def queries():
        with CaptureQueriesContext(connection) as context:
            progress_by_target(every_target)
        return len(context.captured_queries)

    before = queries()
    for year in (2017, 2018, 2019):
        high_tech(D(year, 6, 1), approved=True)
        coal_exit(D(year, 6, 1), "10", approved=True)

    assert queries() == before
    used = {t.measure for t in every_target if t.measure}
    # One query a measure, and one for the shares' denominators.
    assert before == 1 + len(used) + 1
