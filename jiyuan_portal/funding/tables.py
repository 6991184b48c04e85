import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.utils.numbers import plain_decimal

from .explain import explain
from .models import Entitlement


class EntitlementTable(tables.Table):
    record = tables.Column(
        verbose_name=_("record"),
        linkify=lambda record: record.record.get_absolute_url(),
        order_by=("record__title",),
        attrs={"td": {"class": "text-col"}},
    )
    rule = tables.Column(order_by=("rule__plan__order", "rule__order"))
    year = tables.Column()
    bureau = tables.Column(order_by=("bureau__order",))
    town = tables.Column(order_by=("town__order",))
    status = tables.Column()
    amount = tables.Column(attrs={"td": {"class": "text-end"}})
    arithmetic = tables.Column(
        verbose_name=_("how it is computed"),
        accessor="pk",
        orderable=False,
        attrs={"td": {"class": "text-col"}},
    )

    class Meta:
        model = Entitlement
        fields = ("record", "rule", "year", "bureau", "town", "status", "amount", "arithmetic")
        order_by = ("-year",)
        empty_text = _("No award or subsidy yet.")

    def render_amount(self, value):
        return plain_decimal(value)

    def render_arithmetic(self, record):
        return explain(record)

    def value_arithmetic(self, record):
        return explain(record)
