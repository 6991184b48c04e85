"""The columns of the town target table, shared by reading and writing."""

# Headers of the flat dataset; also the column names of ``TownTargetResource``.
TOWN = "地区"
YEAR = "年份"
INDUSTRIAL_INVESTMENT = "工业投资(亿元)"
REFORM_INVESTMENT = "工业技改投资(亿元)"
REFORM_ENTERPRISES = "实施技改规模以上工业企业(家)"
DATASET_HEADERS = [TOWN, YEAR, INDUSTRIAL_INVESTMENT, REFORM_INVESTMENT, REFORM_ENTERPRISES]

# The model field behind each value column, in the published order.
VALUE_COLUMNS = {
    INDUSTRIAL_INVESTMENT: "industrial_investment",
    REFORM_INVESTMENT: "reform_investment",
    REFORM_ENTERPRISES: "reform_enterprises",
}
# Headers as the published table writes them (the last one with the source's own typo).
PUBLISHED_HEADERS = {
    TOWN: "指标\n\n地区",
    INDUSTRIAL_INVESTMENT: "工业投资\n(亿元)",
    REFORM_INVESTMENT: "工业技改投资\n(亿元)",
    REFORM_ENTERPRISES: "实施技改规模以上\n工业企(家)",
}
TOTAL_LABEL = "合计"
