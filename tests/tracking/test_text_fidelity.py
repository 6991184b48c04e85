"""Where the data said more or less than the text (issue 11, section 3): due dates within a
year, a pace that starts from a plan year's figure, and every target either counted from a
registry or saying why it is reported by hand. (超过/突破, 等部门, the tax authorities and the
notice's header are checked in test_target_bounds.py and test_notice.py; the 2020 goal of
技术改造 without a number in tests/techreform/test_plan_data.py.)"""

import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.reporting.actuals import progress_by_target, with_progress
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Target
from jiyuan_portal.tracking.status import TargetStatus, expected_value
from tests.factories import TargetFactory, TargetReportFactory

pytestmark = pytest.mark.django_db


def target(plan, code) -> Target:
    return Target.objects.get(plan__code=plan, code=code)


def test_targets_the_text_dates_within_their_year_carry_that_date(seed):
    dated = {
        (t.plan.code, t.code): t.due_on
        for t in Target.objects.filter(due_on__isnull=False).select_related("plan")
    }

    assert dated == {
        ("capacity", "small-polluting-closures-2017"): datetime.date(2017, 5, 31),
        ("capacity", "coal-capacity-2017"): datetime.date(2017, 10, 31),
    }
    assert target("capacity", "small-polluting-closures-2017").deadline == datetime.date(
        2017, 5, 31
    )
    assert target("capacity", "coal-capacity-2018").deadline == datetime.date(2018, 12, 31)


def test_a_target_due_in_may_is_behind_in_september_if_not_reached(seed):
    closures = target("capacity", "small-polluting-closures-2017")
    closures.measure = ""  # judged on a typed figure here
    closures.save()
    TargetReportFactory(target=closures, value=400, as_of=datetime.date(2017, 5, 31), approved=True)
    on = datetime.date(2017, 9, 30)

    assert progress_by_target([closures], on)[closures.pk].status == TargetStatus.BEHIND
    judged = with_progress(Target.objects.filter(pk=closures.pk), on=on).get()
    assert judged.status_code == TargetStatus.BEHIND
    assert judged.expected == Decimal(453)


@pytest.mark.parametrize(
    "on",
    [datetime.date(2017, 3, 1), datetime.date(2017, 5, 31), datetime.date(2017, 6, 1)],
)
def test_database_pace_to_a_due_date_agrees_with_python(db, on):
    due = TargetFactory(year=2017, due_on=datetime.date(2017, 5, 31), value=Decimal(453))

    judged = with_progress(Target.objects.filter(pk=due.pk), on=on).get()

    assert judged.expected == pytest.approx(
        expected_value(453, datetime.date(2017, 5, 31), on=on), abs=Decimal("0.0001")
    )


def test_the_16_to_30_percent_share_is_paced_from_16_at_the_end_of_2017(seed):
    share_2020 = target("techreform", "reform-investment-share-2020")
    share_2018 = target("techreform", "reform-investment-share-2018")

    assert measures.pace_start(share_2020) == datetime.date(2018, 1, 1)
    assert measures.pace_start(share_2018) == datetime.date(2018, 1, 1)
    assert (share_2018.baseline_year, share_2018.baseline_value) == (2017, Decimal(16))
    # Through 2017 the 2020 target expects its starting 16%; half-way it expects 23%.
    for on, expected in (
        (datetime.date(2017, 9, 30), Decimal(16)),
        (datetime.date(2019, 7, 2), Decimal(23)),
        (datetime.date(2021, 1, 1), Decimal(30)),
    ):
        python = expected_value(30, share_2020.deadline, 16, measures.pace_start(share_2020), on)
        database = with_progress(Target.objects.filter(pk=share_2020.pk), on=on).get().expected
        assert python == pytest.approx(expected, abs=Decimal("0.01")), on
        assert database == pytest.approx(python, abs=Decimal("0.0001")), on


def test_a_share_at_its_2017_figure_is_on_track_for_2018_in_2017(seed):
    share_2018 = target("techreform", "reform-investment-share-2018")
    TargetReportFactory(
        target=share_2018, value=16, as_of=datetime.date(2017, 9, 30), approved=True
    )
    on = datetime.date(2017, 9, 30)

    assert progress_by_target([share_2018], on)[share_2018.pk].status == TargetStatus.ON_TRACK
    judged = with_progress(Target.objects.filter(pk=share_2018.pk), on=on).get()
    assert judged.status_code == TargetStatus.ON_TRACK


def test_every_target_is_counted_from_a_registry_or_says_why_it_is_reported_by_hand(seed):
    unexplained = {
        (t.plan.code, t.code)
        for t in Target.objects.select_related("plan")
        if not t.measure and not t.hand_reported_reason
    }

    assert unexplained == set()


def test_hand_reported_targets_name_where_their_figure_comes_from(seed):
    for reported in Target.objects.exclude(hand_reported_reason=""):
        assert not reported.measure
        assert "填报" in reported.hand_reported_reason, reported.code
    intensity = target("greening", "energy-intensity-2020")
    assert "统计部门" in intensity.hand_reported_reason


def test_a_target_row_says_where_its_actual_comes_from(client, seed):
    from django.urls import reverse

    from tests.factories import supervisor

    client.force_login(supervisor())
    page = client.get(
        reverse("dashboard:plan_detail", args=["greening"]), {"targets-page": 1}
    ).content.decode()

    assert "按统计部门数据填报" in page
    assert "按登记记录统计" in page
