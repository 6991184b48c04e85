from jiyuan_portal.tracking.measures import Measure

EXITS = "capacity.CapacityExit"

MEASURES = (
    # 2017年压减煤炭产能120万吨 / 2018年81万吨以上: the coal capacity removed in that year.
    Measure(
        "coal_capacity_removed_in_year",
        EXITS,
        "exited_on",
        filters={"industry": "coal"},
        sum_field="capacity_removed",
        per_year=True,
    ),
    # 压减煤炭产能201万吨: everything removed since the plans began.
    Measure(
        "coal_capacity_removed_total",
        EXITS,
        "exited_on",
        filters={"industry": "coal"},
        sum_field="capacity_removed",
        since_plan_start=True,
    ),
    # 其中济源煤业公司压减产能45万吨;鹤济公司压减产能156万吨: each company's share.
    *(
        Measure(
            f"coal_capacity_removed_{company}",
            EXITS,
            "exited_on",
            filters={"industry": "coal", "company": company},
            sum_field="capacity_removed",
            since_plan_start=True,
        )
        for company in ("jiyuan_coal", "heji")
    ),
    # 依法整治取缔453家"小散乱污"企业.
    Measure(
        "small_polluting_closed",
        EXITS,
        "exited_on",
        filters={"industry": "small_polluting"},
        since_plan_start=True,
    ),
)

MEASURES += (
    # 2018年,完成全市僵尸企业总户数70%以上的处置工作: the zombie enterprises disposed of since
    # the plans began over the number the 排查 found.
    Measure(
        "zombie_disposal_share",
        EXITS,
        "exited_on",
        filters={"industry": "zombie"},
        distinct_field="name",
        since_plan_start=True,
        denominator="zombie-enterprises",
    ),
)
