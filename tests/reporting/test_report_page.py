"""A report page says what a figure means: its unit, and the target it reports on; titles
write dates as the rest of the site does."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories


def make_report(seed):
    lead = Bureau.objects.get(name="市工业和信息化委员会")
    task = factories.TaskFactory(plan=Plan.objects.get(code="innovation"), bureaus=[lead])
    target = factories.TargetFactory(
        plan=task.plan, task=task, indicator="高新技术企业数", unit="万吨", value=Decimal(30)
    )
    return factories.TargetReportFactory(
        target=target, value=Decimal("12.5"), as_of=datetime.date(2017, 6, 30)
    )


def test_a_target_report_shows_its_value_with_the_unit_and_the_target(client, seed):
    report = make_report(seed)
    client.force_login(factories.supervisor())

    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()

    assert "12.5万吨" in page
    assert "2020年" in page and "高新技术企业数" in page and "30万吨" in page
    assert report.target.task.get_absolute_url() in page


def test_a_target_report_title_writes_its_date_the_sites_way(seed):
    with translation.override("zh-hans"):
        report = make_report(seed)
    assert report.title == "高新技术企业数 2017年6月30日"
    assert "2017-06-30" not in report.title


def test_the_title_follows_the_active_language(seed):
    with translation.override("en"):
        report = make_report(seed)
    assert "2017" in report.title and "2017-06-30" not in report.title
