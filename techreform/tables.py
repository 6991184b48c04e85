import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.utils.numbers import plain_decimal

from .models import TownTarget


class DecimalColumn(tables.Column):
    """``55.0000`` stored, ``55`` shown."""

    def render(self, value):
        return f"{plain_decimal(value):f}"

    def value(self, value):
        return plain_decimal(value)


def target_label(field):
    return TownTarget._meta.get_field(field).verbose_name


class TownTable(tables.Table):
    """The town table, one ``TownProgress`` per row; ``on`` is the day lagging is judged."""

    town = tables.Column(verbose_name=_("town"), accessor="town__name", order_by=("town__order",))
    industrial_investment = DecimalColumn(verbose_name=target_label("industrial_investment"))
    reform_investment = DecimalColumn(verbose_name=target_label("reform_investment"))
    actual_investment = DecimalColumn(verbose_name=_("approved reform investment (亿元)"))
    investment_share = DecimalColumn(verbose_name=_("investment share achieved (%)"))
    reform_enterprises = tables.Column(verbose_name=target_label("reform_enterprises"))
    actual_enterprises = tables.Column(verbose_name=_("enterprises with approved projects"))
    enterprises_share = DecimalColumn(verbose_name=_("enterprises share achieved (%)"))
    lagging = tables.Column(
        verbose_name=_("against the pace"),
        accessor="lowest_share",
        orderable=False,
        empty_values=(),
    )

    class Meta:
        row_attrs = {"class": lambda record, table: "table-warning" if table.lags(record) else ""}
        empty_text = _("No town targets.")

    def __init__(self, *args, on=None, **kwargs):
        self.on = on
        super().__init__(*args, **kwargs)

    def lags(self, record) -> bool:
        return record.is_lagging(self.on)

    def value_lagging(self, record):
        return _("lagging") if self.lags(record) else ""

    def render_lagging(self, record):
        if self.lags(record):
            return format_html('<span class="badge text-bg-warning">{}</span>', _("lagging"))
        return ""
