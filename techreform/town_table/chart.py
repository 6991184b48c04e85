"""The town chart of the technical-reform plan page: the share of each town's targets its
approved reform projects reach, drawn from the town table's figures."""

from django.utils.translation import gettext as _

from jiyuan_portal.utils.charts import Chart, ChartKind

from .progress import TownProgressTable


def town_share_chart(table: TownProgressTable) -> Chart | None:
    """Per town with a target, the per cent of its technical-reform investment target and
    of its enterprise target achieved, against a line at 100%; None without town targets."""
    rows = [
        row
        for row in table.rows
        if row.investment_share is not None or row.enterprises_share is not None
    ]
    if not rows:
        return None
    chart = Chart(
        caption=_("Share of each town's %(year)s targets achieved (%%)") % {"year": table.year},
        kind=ChartKind.BAR,
        series_names=[_("Technical-reform investment"), _("Enterprises carrying out reforms")],
        label_header=_("Town"),
        unit="%",
        reference=100,
        horizontal=True,
    )
    for row in rows:
        chart.add_row(row.town.name, [row.investment_share, row.enterprises_share])
    return chart
