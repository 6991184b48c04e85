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

RD_KINDS = [
    "new_rd_institute",
    "engineering_centre",
    "enterprise_tech_centre",
    "key_laboratory",
    "collaborative_innovation_centre",
    "industrial_design_centre",
    "manufacturing_innovation_centre",
    "other",
]
PROVINCIAL_OR_HIGHER = ["provincial", "national"]

MEASURES += (
    # 积极申请建设至少2家重点(工程)实验室、工程(技术)研究中心、协同创新中心、工业设计中心、
    # 制造业创新中心等省级及以上创新平台: those of these kinds recognised since 2017.
    Measure(
        "provincial_platforms_new",
        PLATFORMS,
        "recognized_on",
        filters={
            "level__in": PROVINCIAL_OR_HIGHER,
            "kind__in": [
                "key_laboratory",
                "engineering_centre",
                "collaborative_innovation_centre",
                "industrial_design_centre",
                "manufacturing_innovation_centre",
            ],
        },
        since_plan_start=True,
    ),
    # 争取引进至少1家国家级创新平台载体及其分支机构.
    Measure(
        "national_platforms_introduced",
        PLATFORMS,
        "recognized_on",
        filters={"level": "national", "is_introduced": True},
        since_plan_start=True,
    ),
    # 建成省级及以上工程技术研究中心、企业技术中心、重点实验室等20家以上: every R&D platform of
    # provincial level or higher (incubators and maker spaces are not R&D platforms).
    Measure(
        "provincial_rd_platforms_total",
        PLATFORMS,
        "recognized_on",
        filters={"level__in": PROVINCIAL_OR_HIGHER, "kind__in": RD_KINDS},
    ),
    # 建成市级各类研发平台100家以上.
    Measure(
        "city_rd_platforms_total",
        PLATFORMS,
        "recognized_on",
        filters={"level": "city", "kind__in": RD_KINDS},
    ),
)

MEASURES += (
    # 大中型工业企业建有研发机构比例达到60%以上: the enterprises hosting an R&D platform over
    # the number of large and medium industrial enterprises.
    Measure(
        "rd_institution_coverage",
        PLATFORMS,
        "recognized_on",
        filters={"kind__in": RD_KINDS},
        distinct_field="host",
        denominator="large-medium-industrial-enterprises",
    ),
)
