"""django-import-export resources of the technical-reform plan."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from jiyuan_portal.tracking.models import Town
from jiyuan_portal.utils.numbers import plain_decimal

from .models import TownTarget
from .town_table.columns import (
    INDUSTRIAL_INVESTMENT,
    REFORM_ENTERPRISES,
    REFORM_INVESTMENT,
    TOWN,
    YEAR,
)


class TownWidget(widgets.ForeignKeyWidget):
    """A town named as a spreadsheet writes it: canonical name or alias, with or without
    spaces and suffixes such as 镇, 街道, 产业集聚区 (``Town.objects.match``)."""

    def __init__(self, **kwargs):
        super().__init__(Town, field="name", **kwargs)
        self.alias_map = None  # filled once per import by the resource

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        if isinstance(value, Town):
            return value
        town = Town.objects.match(str(value), self.alias_map)
        if town is None:
            raise ValueError(_("Unknown town «%(value)s».") % {"value": value})
        return town


class PlainDecimalWidget(widgets.DecimalWidget):
    """Shows ``Decimal("6.5000")`` as ``6.5`` in the preview; exports stay Decimals."""

    def render(self, value, obj=None, **kwargs):
        if value is not None and self.coerce_to_string and not kwargs.get("force_native_type"):
            return f"{plain_decimal(value):f}"
        return super().render(value, obj, **kwargs)


class TownTargetResource(resources.ModelResource):
    """A town's targets for a year, matched on the natural key (town, year).

    Rows whose values equal the stored ones are skipped but still reported, so the
    preview lists every town as new, updated or unchanged.
    """

    town = fields.Field(attribute="town", column_name=TOWN, widget=TownWidget())
    year = fields.Field(attribute="year", column_name=YEAR, widget=widgets.IntegerWidget())
    industrial_investment = fields.Field(
        attribute="industrial_investment",
        column_name=INDUSTRIAL_INVESTMENT,
        widget=PlainDecimalWidget(),
    )
    reform_investment = fields.Field(
        attribute="reform_investment",
        column_name=REFORM_INVESTMENT,
        widget=PlainDecimalWidget(),
    )
    reform_enterprises = fields.Field(
        attribute="reform_enterprises",
        column_name=REFORM_ENTERPRISES,
        widget=widgets.IntegerWidget(),
    )

    class Meta:
        model = TownTarget
        fields = (
            "town",
            "year",
            "industrial_investment",
            "reform_investment",
            "reform_enterprises",
        )
        import_id_fields = ("town", "year")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def get_display_name(cls):
        return _("Town target table")

    def get_queryset(self):
        return super().get_queryset().select_related("town")

    def before_import(self, dataset, **kwargs):
        self.fields["town"].widget.alias_map = Town.objects.alias_map()
        self.import_user = kwargs.get("user")

    def before_save_instance(self, instance, row, **kwargs):
        # The history of TownTarget names who imported, also from the command line.
        user = getattr(self, "import_user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            instance._history_user = user

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("town").order_by("year", "town__order", "town__name")
