"""The latest approved value of each target, kept as reports are approved, edited and
deleted, so that lists read progress with a join."""

import datetime
from decimal import Decimal

from jiyuan_portal.reporting import workflow
from jiyuan_portal.reporting.actuals import refresh_latest_values
from jiyuan_portal.reporting.models import LatestTargetValue
from tests.factories import TargetFactory, TargetReportFactory, supervisor


def latest(target):
    row = LatestTargetValue.objects.filter(target=target).first()
    return row and (row.value, row.as_of)


def test_the_latest_value_follows_approvals_and_deletions(seed):
    target = TargetFactory()
    first = TargetReportFactory(
        target=target, value=Decimal(5), as_of=datetime.date(2017, 6, 30), approved=True
    )
    assert latest(target) == (Decimal(5), datetime.date(2017, 6, 30))

    second = TargetReportFactory(
        target=target, value=Decimal(9), as_of=datetime.date(2017, 9, 30), submitted=True
    )
    assert latest(target) == (Decimal(5), datetime.date(2017, 6, 30))  # not approved yet
    workflow.approve(second, supervisor(), second.version)
    assert latest(target) == (Decimal(9), datetime.date(2017, 9, 30))

    second.delete()
    assert latest(target) == (Decimal(5), datetime.date(2017, 6, 30))
    first.delete()
    assert latest(target) is None


def test_a_bulk_refresh_reads_every_target_again(seed):
    target = TargetFactory()
    TargetReportFactory(target=target, value=Decimal(3), approved=True)
    LatestTargetValue.objects.all().delete()
    refresh_latest_values()
    assert latest(target)[0] == Decimal(3)
