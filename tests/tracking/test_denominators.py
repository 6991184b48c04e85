"""Share targets: a numerator counted from a registry over a denominator an admin enters."""

import datetime
from decimal import Decimal

import pytest

from jiyuan_portal.reporting.actuals import progress_by_target, with_progress
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.loading import load_all
from jiyuan_portal.tracking.models import Denominator, Target
from jiyuan_portal.tracking.status import TargetStatus
from tests import factories

pytestmark = pytest.mark.django_db
ON = datetime.date(2018, 6, 30)


def zombie_share():
    return Target.objects.get(plan__code="capacity", code="zombie-disposal-share-2018")


def dispose(name, on=datetime.date(2017, 7, 31), **traits):
    return factories.CapacityExitFactory(
        name=name,
        industry="zombie",
        subject="enterprise",
        capacity_removed=None,
        exited_on=on,
        **traits,
    )


def test_every_share_target_of_a_named_list_has_its_denominator(seed):
    shares = {
        target.code: measures.get(target.measure).denominator
        for target in Target.objects.exclude(measure="")
        if measures.get(target.measure).denominator
    }

    assert shares == {
        "zombie-disposal-share-2018": "zombie-enterprises",
        "innovation-platform-share-2020": "backbone-enterprises",
        "rd-institution-coverage-2018": "large-medium-industrial-enterprises",
        "enterprises-reformed-share-2017": "industrial-enterprises-above-scale",
    }
    assert set(Denominator.objects.values_list("code", flat=True)) == set(shares.values())
    assert not Denominator.objects.exclude(value=None).exists()  # the notice gives no figure


def test_without_its_denominators_figure_a_share_has_no_actual(seed):
    dispose("某僵尸企业", approved=True)

    progress = progress_by_target([zombie_share()], ON)[zombie_share().pk]
    judged = with_progress(Target.objects.filter(pk=zombie_share().pk), on=ON).get()

    assert progress.actual is None and progress.status == TargetStatus.NO_DATA
    assert judged.actual is None and judged.status_code == TargetStatus.NO_DATA


def test_a_share_is_the_approved_distinct_records_over_the_denominator(seed):
    Denominator.objects.filter(code="zombie-enterprises").update(
        value=7, as_of=datetime.date(2017, 6, 30), source="排查结果"
    )
    dispose("甲僵尸企业", approved=True)
    dispose("甲僵尸企业", approved=True, on=datetime.date(2017, 9, 1))  # the same one again
    dispose("乙僵尸企业", approved=True, on=datetime.date(2018, 3, 1))
    dispose("丙僵尸企业", submitted=True)

    progress = progress_by_target([zombie_share()], ON)[zombie_share().pk]
    judged = with_progress(Target.objects.filter(pk=zombie_share().pk), on=ON).get()

    assert progress.actual == Decimal("28.57")  # 2 of 7
    assert judged.actual == Decimal("28.57")


def test_reloading_the_plans_keeps_the_figure_an_admin_entered(seed):
    Denominator.objects.filter(code="backbone-enterprises").update(value=12, source="名单")

    load_all()

    assert Denominator.objects.get(code="backbone-enterprises").value == 12
