from jiyuan_portal.tracking.measures import Measure

PROJECTS = "techreform.ReformProject"

# A project counts toward the year it is recorded for.
MEASURES = (
    # 完成技术改造投资40亿元 (2017): the approved projects' investment in that year.
    Measure("reform_investment_in_year", PROJECTS, "year", sum_field="investment", per_year=True),
    # 推动60家规模以上工业企业实施技术改造: distinct enterprises with a project that year.
    Measure(
        "reform_enterprises_in_year", PROJECTS, "year", distinct_field="enterprise", per_year=True
    ),
    # 实施50个技术改造示范项目: the approved demonstration projects of that year.
    Measure(
        "demonstration_projects_in_year",
        PROJECTS,
        "year",
        filters={"is_demonstration": True},
        per_year=True,
    ),
)

CENTRES = "techreform.InnovationCentre"
MEASURES += (
    # 力争培育1家省级制造业创新中心: centres on the provincial list or recognised higher.
    Measure(
        "provincial_innovation_centres",
        CENTRES,
        "listed_on",
        filters={"listing__in": ["provincial", "provincial_recognised", "national"]},
        distinct_field="name",
    ),
    # 每年滚动支持企业开发10项新产品: the year's products recognised as 省工业新产品.
    Measure("new_products_in_year", "techreform.NewProduct", "recognized_on", per_year=True),
    # 每年培育工业精品5个: the year's industrial fine products.
    Measure("fine_products_in_year", "techreform.FineProduct", "recognized_on", per_year=True),
)

MEASURES += (
    # 2017年全市20%的规模以上工业企业完成新一轮技术改造: the enterprises whose project of that
    # year is in production, over the industrial enterprises above designated size.
    Measure(
        "enterprises_reformed_share",
        PROJECTS,
        "year",
        filters={"completed_on__isnull": False},
        distinct_field="enterprise",
        per_year=True,
        denominator="industrial-enterprises-above-scale",
    ),
)
