"""A chart as its data table: the structure ``templates/includes/chart.html`` renders as a
``<figure class="chart">`` holding a table, from which ``static/charts.js`` draws the chart.

The table is the chart's text for screen readers and its fallback without JavaScript, so
a chart carries both the words each cell shows (``1,234.5万吨``) and the number drawn.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.formats import number_format

from jiyuan_portal.utils.numbers import plain_decimal

MISSING = "—"


class ChartKind(StrEnum):
    """The ``data-chart`` attribute ``charts.js`` draws by."""

    BAR = "bar"
    STACKED_BAR = "stacked-bar"
    LINE = "line"


def number_text(value, unit: str = "") -> str:
    """``Decimal('1234.5000')``, ``万吨`` → ``1,234.5万吨``; a dash for no value."""
    if value is None:
        return MISSING
    return f"{number_format(plain_decimal(value), force_grouping=True)}{unit}"


@dataclass(frozen=True)
class ChartCell:
    value: Decimal | int | None
    text: str

    @property
    def raw(self) -> str:
        """The number for ``data-value``: plain digits, never localised or grouped."""
        if self.value is None:
            return ""
        return f"{plain_decimal(self.value):f}"


@dataclass(frozen=True)
class ChartRow:
    label: str
    cells: tuple[ChartCell, ...]


@dataclass
class Chart:
    """A chart of ``rows`` (categories: years, towns, plans), one value per series in each.

    ``series_colours`` are Bootstrap colour names (``success``, ``danger``), one per series,
    for series that mean a status; otherwise ECharts' palette. ``reference`` draws a line at
    that value (100 for shares in per cent). ``horizontal`` lays categories down the side,
    for long lists such as the towns.
    """

    caption: str
    kind: ChartKind
    series_names: list[str]
    rows: list[ChartRow] = field(default_factory=list)
    label_header: str = ""
    unit: str = ""
    series_colours: list[str] = field(default_factory=list)
    reference: Decimal | int | None = None
    horizontal: bool = False

    def add_row(self, label, values, texts=None) -> ChartRow:
        """Append a row of ``values`` (numbers or None); ``texts`` default to each number
        with the chart's unit."""
        values = list(values)
        if len(values) != len(self.series_names):
            raise ValueError(
                f"{len(values)} values for {len(self.series_names)} series in {self.caption!r}"
            )
        if texts is None:
            texts = [number_text(value, self.unit) for value in values]
        row = ChartRow(str(label), tuple(map(ChartCell, values, texts)))
        self.rows.append(row)
        return row

    @property
    def series(self) -> list[tuple[str, str]]:
        """(name, Bootstrap colour or "") of each series, for the table's header."""
        colours = self.series_colours or [""] * len(self.series_names)
        return list(zip(self.series_names, colours, strict=True))

    @property
    def reference_raw(self) -> str:
        return "" if self.reference is None else f"{plain_decimal(self.reference):f}"
