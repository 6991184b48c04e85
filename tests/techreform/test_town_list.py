"""The town list: every town's 2017 targets against its approved reform projects, sorted
by share, searched by name, lagging towns highlighted by one rule, exported like every
list, in as many queries for many projects as for a few."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from techreform.town_table.progress import pace_points, town_progress
from tests.exports import csv_rows, xlsx_sheet
from tests.factories import bureau_staff, supervisor
from tests.techreform.test_town_target_plan_page import project, targets  # noqa: F401

ON = datetime.date(2017, 6, 30)  # 180 of 364 days: a pace of 49.5%


@pytest.fixture
def town_client(client, targets, settings):  # noqa: F811
    settings.JIYUAN_AS_OF = ON
    project("虎岭", "6", enterprise="济源钢铁")  # 6 of 8 亿元 (75%), 1 of 5 enterprises (20%)
    project("玉川", "1.3", enterprise="万洋冶炼")
    client.force_login(supervisor())
    return client


def rows(client, **params):
    response = client.get(reverse("techreform:town_list"), params)
    assert response.status_code == 200
    return response, [row.record for row in response.context["table"].page.object_list]


def test_a_town_lags_when_either_share_is_below_the_share_of_the_year_passed(town_client):
    table = town_progress(2017)
    huling = next(row for row in table.rows if row.town.name == "虎岭")

    assert pace_points(2017, ON) == pytest.approx(Decimal("49.45"), abs=Decimal("0.01"))
    assert huling.lowest_share == Decimal("20.0")
    assert huling.is_lagging(ON)
    assert not huling.is_lagging(datetime.date(2017, 2, 1))  # pace 8.5%


def test_all_nineteen_towns_are_listed_in_the_published_order(town_client):
    _response, towns = rows(town_client)
    assert len(towns) == 19
    assert [row.town.name for row in towns][:3] == ["虎岭", "玉川", "高新"]


def test_towns_sort_by_share_achieved(town_client):
    _response, towns = rows(town_client, sort="-investment_share")
    assert [row.town.name for row in towns][:2] == ["虎岭", "玉川"]


def test_the_search_keeps_the_towns_named(town_client):
    _response, towns = rows(town_client, q="玉川")
    assert [row.town.name for row in towns] == ["玉川"]


def test_lagging_towns_are_highlighted_and_say_so_in_words(town_client):
    response, _towns = rows(town_client, q="虎岭")
    content = response.content.decode()
    assert 'class="table-warning' in content
    assert "badge text-bg-warning" in content


def test_a_year_without_targets_lists_nothing(town_client):
    _response, towns = rows(town_client, year=2019)
    assert towns == []


def test_the_export_holds_the_searched_towns_with_numbers(town_client):
    url = reverse("techreform:town_list")

    headers, xlsx = xlsx_sheet(town_client.get(url, {"q": "虎岭", "_export": "xlsx"}))
    csv_headers, csv = csv_rows(town_client.get(url, {"q": "虎岭", "_export": "csv"}))

    assert headers == csv_headers
    assert len(xlsx) == len(csv) == 1
    row = xlsx[0]
    assert row[0] == "虎岭"
    assert row[1:5] == [row[1], 8, 6, 75]  # investment target, actual, share
    assert all(isinstance(cell, int | float) for cell in row[1:8])


def test_bureau_staff_read_the_town_list_too(client, targets):  # noqa: F811
    from jiyuan_portal.tracking.models import Bureau

    client.force_login(bureau_staff(Bureau.objects.get(name="市工业和信息化委员会")))
    assert client.get(reverse("techreform:town_list")).status_code == 200


def test_the_town_list_makes_as_many_queries_for_many_projects_as_for_a_few(
    town_client, django_assert_max_num_queries
):
    url = reverse("techreform:town_list")
    with django_assert_max_num_queries(40) as few:
        town_client.get(url)
    for index in range(30):
        project("克井", "0.1", enterprise=f"企业{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        town_client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        town_client.get(url + "?_export=xlsx")
