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
