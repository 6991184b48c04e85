"""R&D platforms by kind and level, counted toward the innovation plan's platform targets."""

import datetime

import pytest

from innovation.models import ResearchPlatform
from jiyuan_portal.tracking import measures
from jiyuan_portal.tracking.models import Target, Task

pytestmark = pytest.mark.django_db


def platform(kind, level, on, introduced=False, host="某企业", status="approved"):
    task = Task.objects.get(plan__code="innovation", number="二(二)")
    return ResearchPlatform.objects.create(
        task=task,
        bureau=task.lead_bureau,
        name=f"{kind}{level}{on}",
        kind=kind,
        level=level,
        host=host,
        recognized_on=on,
        is_introduced=introduced,
        status=status,
    )


def test_platform_targets_count_their_kinds_and_levels(seed):
    before = datetime.date(2015, 5, 1)
    during = datetime.date(2018, 5, 1)
    platform("enterprise_tech_centre", "provincial", before)
    platform("industrial_design_centre", "provincial", during)
    platform("collaborative_innovation_centre", "national", during, introduced=True)
    platform("engineering_centre", "city", before)
    platform("maker_space", "city", during)  # a 双创 carrier, not an R&D platform
    platform("incubator", "provincial", during)
    platform("key_laboratory", "provincial", during, status="submitted")

    def actual(code):
        return measures.get(code).actual(2020)[0]

    assert actual("provincial_platforms_new") == 2  # the design and collaborative centres
    assert actual("national_platforms_introduced") == 1
    assert actual("provincial_rd_platforms_total") == 3  # incubators are no R&D platforms
    assert actual("city_rd_platforms_total") == 1


def test_the_platform_targets_are_measured(seed):
    measured = dict(Target.objects.filter(plan__code="innovation").values_list("code", "measure"))

    assert measured["provincial-platforms-2020"] == "provincial_platforms_new"
    assert measured["national-platforms-introduced-2020"] == "national_platforms_introduced"
    assert measured["provincial-rd-institutions-2020"] == "provincial_rd_platforms_total"
    assert measured["municipal-rd-platforms-2020"] == "city_rd_platforms_total"
