"""The town table on the technical-reform plan page: targets beside recorded actuals."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiyuan_portal.tracking.models import Bureau, Town
from techreform.importing import import_file
from techreform.models import ReformProject, ReformTask
from techreform.town_table.progress import town_progress
from tests.factories import portal_admin, supervisor
from tests.techreform.test_town_table import sample_bytes


@pytest.fixture
def targets(seed):
    import_file(sample_bytes(), file_name="town-targets-2017.xlsx")


def project(town, investment, enterprise="济源钢铁", year=2017, status="approved"):
    return ReformProject.objects.create(
        name=f"{enterprise}技改项目{ReformProject.objects.count()}",
        enterprise=enterprise,
        town=Town.objects.get(name=town),
        year=year,
        investment=Decimal(investment),
        task=ReformTask.objects.first(),
        bureau=Bureau.objects.first(),
        status=status,
    )


def test_each_town_shows_its_targets_beside_its_recorded_projects(targets):
    project("虎岭", "3")
    project("虎岭", "1", enterprise="济源钢铁")
    project("虎岭", "2", enterprise="豫光金铅")
    project("玉川", "1.3", enterprise="万洋冶炼")
    project("玉川", "9", year=2018)
    project("玉川", "5", status="submitted")  # not approved: not an actual yet
    project("高新", "5", status="draft")

    table = town_progress(2017)

    assert [row.town.name for row in table.rows][:3] == ["虎岭", "玉川", "高新"]
    huling, yuchuan = table.rows[0], table.rows[1]
    assert (huling.reform_investment, huling.actual_investment) == (8, Decimal(6))
    assert huling.investment_share == Decimal("75.0")
    assert (huling.reform_enterprises, huling.actual_enterprises) == (5, 2)
    assert huling.enterprises_share == Decimal("40.0")
    assert yuchuan.investment_share == Decimal("20.0")
    assert table.rows[2].actual_investment == 0 and table.rows[2].investment_share == 0
    assert table.total.reform_investment == 40 and table.total.reform_enterprises == 60
    assert table.total.actual_investment == Decimal("7.3")
    assert table.total.actual_enterprises == 3


def test_city_total_stands_beside_the_plans_own_2017_targets(targets, plan):
    project("虎岭", "10")

    context = apps.get_app_config("techreform").plan_page_context(plan("techreform"), None)

    table = context["town_table"]
    assert table.year == 2017
    assert table.plan_investment.value == 40 and table.plan_investment.unit == "亿元"
    assert table.plan_enterprises.value == 60 and table.plan_enterprises.unit == "家"
    assert table.plan_investment_share == Decimal("25.0")


def test_town_table_takes_the_same_number_of_queries_for_any_number_of_projects(targets, plan):
    techreform = plan("techreform")
    project("虎岭", "1")
    with CaptureQueriesContext(connection) as few:
        town_progress(2017, plan=techreform)
    for town in Town.objects.all():
        project(town.name, "1", enterprise=f"{town.name}企业")
    with CaptureQueriesContext(connection) as many:
        town_progress(2017, plan=techreform)

    assert len(many) == len(few) <= 6


def test_plan_page_shows_the_nineteen_towns(targets, client):
    client.force_login(supervisor())
    project("高新", "2.5")

    response = client.get("/plans/techreform/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="town-target-table"' in html
    rows = response.context["town_table"].rows
    assert len(rows) == 19
    for town in ("虎岭", "玉川", "下冶", "五龙口"):
        assert f">{town}</th>" in html
    assert "50.0%" in html  # 高新: 2.5 of 5 亿元
    assert 'id="plan-target-row"' in html
    assert "admin/techreform/towntarget/import/" not in html  # no import link for supervisors


def test_plan_page_offers_import_and_export_to_admins(targets, client):
    client.force_login(portal_admin())

    html = client.get("/plans/techreform/").content.decode()

    assert "/admin/techreform/towntarget/import/" in html
    assert "/admin/techreform/towntarget/export/" in html


def test_plan_page_without_town_targets_says_so(seed, client):
    client.force_login(supervisor())

    response = client.get("/plans/techreform/")

    assert response.status_code == 200
    assert response.context["town_table"].rows == []
