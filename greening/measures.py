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
