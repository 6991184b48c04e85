"""The technical-reform plan's block on the supervisors' cockpit: each town's targets against
its approved projects, the weakest first, lagging towns marked by the town list's rule."""

import datetime

from django.urls import reverse

from tests.factories import supervisor
from tests.techreform.test_town_target_plan_page import project, targets  # noqa: F401

ON = datetime.date(2017, 6, 30)  # a pace of 49.5% of the year


def test_the_cockpit_lists_the_towns_weakest_first_and_marks_the_lagging(
    client,
    targets,  # noqa: F811
    settings,
):
    settings.JIYUAN_AS_OF = ON
    project("虎岭", "6", enterprise="济源钢铁")  # 75% of the investment, 20% of the enterprises
    for enterprise in ("甲", "乙", "丙"):
        project("玉川", "3", enterprise=enterprise)  # well ahead on both
    client.force_login(supervisor())

    response = client.get(reverse("dashboard:home"))

    block = next(
        block for template, block in response.context["plan_app_blocks"] if "towns" in template
    )
    rows = block["rows"]
    assert rows[-1].town.name == "玉川" and not rows[-1].lagging
    huling = next(row for row in rows if row.town.name == "虎岭")
    assert huling.lagging
    shares = [row.lowest_share for row in rows if row.lowest_share is not None]
    assert shares == sorted(shares)
    page = response.content.decode()
    assert 'id="towns-heading"' in page
    assert reverse("techreform:town_list") in page
