from jiyuan_portal.tracking.measures import Measure

ENTERPRISES = "innovation.InnovationEnterprise"
PLATFORMS = "innovation.ResearchPlatform"
TEAMS = "innovation.InnovationTeam"

MEASURES = (
    # 高新技术企业总数突破13家 / 达到30家: every enterprise certified up to that year whose
    # certificate has not expired by its end (an expired certificate no longer counts).
    Measure(
        "high_tech_enterprises_total",
        ENTERPRISES,
        "certified_on",
        filters={"kind": "high_tech"},
        valid_until_field="valid_until",
    ),
    # 2017年高新技术企业新增2家: the certifications of that year.
    Measure(
        "high_tech_enterprises_new",
        ENTERPRISES,
        "certified_on",
        filters={"kind": "high_tech"},
        per_year=True,
    ),
    Measure(
        "little_giants_new",
        ENTERPRISES,
        "certified_on",
        filters={"kind": "little_giant"},
        per_year=True,
    ),
    Measure(
        "tech_smes_new", ENTERPRISES, "certified_on", filters={"kind": "tech_sme"}, per_year=True
    ),
    # 2017年力争培育2家市级创新型龙头企业: the city-level ones named that year.
    Measure(
        "city_innovation_leaders_new",
        ENTERPRISES,
        "certified_on",
        filters={"kind": "innovation_leader", "level": "city"},
        per_year=True,
    ),
    Measure(
        "innovation_leaders_total",
        ENTERPRISES,
        "certified_on",
        filters={"kind": "innovation_leader"},
    ),
    Measure(
        "new_rd_institutes_total", PLATFORMS, "recognized_on", filters={"kind": "new_rd_institute"}
    ),
    Measure("national_platforms_total", PLATFORMS, "recognized_on", filters={"level": "national"}),
    Measure("innovation_teams_total", TEAMS, "recognized_on", since_plan_start=True),
    Measure(
        "high_level_teams_total",
        TEAMS,
        "recognized_on",
        filters={"is_high_level": True},
        since_plan_start=True,
    ),
)
