"""A registry record's page says what the money rules give it, with the arithmetic."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories

from .conftest import ReformProjectFactory

pytestmark = pytest.mark.django_db


def test_supervisor_reads_a_reform_projects_600_wan_entitlement_and_its_arithmetic(
    client, seed, approve
):
    project = approve(ReformProjectFactory, equipment_spend=Decimal(1200), rd_spend=Decimal(800))
    client.force_login(factories.supervisor())

    page = client.get(reverse("reporting:report_detail", args=[project.pk])).content.decode()

    assert "技术改造项目后补助" in page
    assert "600万元" in page
    assert "设备、研发投入 2,000万元 × 30% = 600万元,低于单个项目上限 1,000万元" in page
    assert "应兑现" in page


def test_reviewer_sees_what_approving_a_submitted_project_commits(client, seed):
    project = ReformProjectFactory(submitted=True, equipment_spend=Decimal(2000), rd_spend=0)
    client.force_login(factories.supervisor())

    page = client.get(reverse("reporting:report_detail", args=[project.pk])).content.decode()

    assert "该记录审核通过后按规则可得的奖补" in page
    assert "600万元" in page


def test_a_target_report_page_has_no_award_section(client, seed):
    report = factories.TargetReportFactory(submitted=True)
    client.force_login(factories.supervisor())

    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()

    assert 'id="entitlements"' not in page
