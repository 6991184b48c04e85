from jiyuan_portal.tracking.measures import Measure

RECOGNITIONS = "greening.GreenRecognition"

MEASURES = tuple(
    (
        Measure(code, RECOGNITIONS, "recognized_on", filters={"kind": kind}, since_plan_start=True)
        for code, kind in (
            ("leader_list_entries", "leader_list"),
            ("green_factories", "green_factory"),
            ("green_parks", "green_park"),
            ("energy_management_centres", "energy_centre"),
            ("environmental_enterprises", "environmental_enterprise"),
        )
    )
)

MEASURES += (
    # 2017年建设1个城市矿产类静脉产业园: parks whose construction has started.
    Measure(
        "recycling_parks_started",
        "greening.RecyclingPark",
        "started_on",
        filters={"stage__in": ["under_construction", "completed"]},
    ),
    # 能耗监察 钢铁企业1家、水泥企业1家、电力企业2家: the enterprises inspected that year.
    *(
        Measure(
            f"energy_inspections_{industry}",
            "greening.EnergyInspection",
            "inspected_on",
            filters={"industry": industry},
            distinct_field="enterprise",
            per_year=True,
        )
        for industry in ("steel", "cement", "power")
    ),
)
