"""Pages that list things make the same number of queries however much there is to list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiyuan_portal.tracking.models import Bureau, Plan
from tests import factories


def more_data(bureau):
    plan = Plan.objects.get(code="capacity")
    other = Bureau.objects.exclude(pk=bureau.pk).first()
    for _ in range(5):
        task = factories.TaskFactory(plan=plan, bureaus=[bureau, other])
        factories.MilestoneFactory.create_batch(3, task=task)
        factories.TargetFactory(plan=plan, task=task)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda bureau: reverse("dashboard:home"),
        lambda bureau: reverse("dashboard:plan_detail", args=["capacity"]),
        lambda bureau: reverse("dashboard:task_list"),
        lambda bureau: reverse("dashboard:bureau_list"),
        lambda bureau: reverse("dashboard:bureau_detail", args=[bureau.pk]),
    ],
    ids=["home", "plan", "task-list", "bureau-list", "bureau-detail"],
)
def test_list_pages_make_a_constant_number_of_queries(client, seed, url):
    bureau = Bureau.objects.get(name="市环境保护局")
    # Every seeded capacity target is counted from a registry: one typed in by a bureau, as
    # more_data adds, reads the latest reported values too (a query whatever their number).
    factories.TargetFactory(plan=Plan.objects.get(code="capacity"))
    client.force_login(factories.supervisor())
    url = url(bureau)
    count_queries(client, url)  # warm up the session and caches
    before = count_queries(client, url)

    more_data(bureau)

    assert count_queries(client, url) == before
