"""The forms bureaus fill in for this plan's registries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import RegistryRecordForm
from jiyuan_portal.tracking.choices import Level

from .models import (
    FineProduct,
    FirstSetEquipment,
    FirstSetPurchase,
    InnovationCentre,
    InnovationCentreSpend,
    NewProduct,
    ReformProject,
    ReformRecognition,
    StrongBaseProject,
)


class ReformProjectForm(RegistryRecordForm):
    class Meta:
        model = ReformProject
        fields = (
            "name",
            "enterprise",
            "town",
            "year",
            "investment",
            "equipment_spend",
            "rd_spend",
            "is_demonstration",
            "completed_on",
            "notes",
        )


class InnovationCentreForm(RegistryRecordForm):
    class Meta:
        model = InnovationCentre
        fields = ("name", "enterprise", "listing", "listed_on", "notes")


class InnovationCentreSpendForm(RegistryRecordForm):
    class Meta:
        model = InnovationCentreSpend
        fields = ("centre", "year", "equipment_spend", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a centre a supervisor has approved onto a list receives a subsidy.
        self.fields["centre"].queryset = InnovationCentre.objects.approved()

    def clean(self):
        cleaned = super().clean()
        centre, year = cleaned.get("centre"), cleaned.get("year")
        if centre and year and year < centre.listed_on.year:
            self.add_error(
                "year",
                _("The centre was listed in %(year)s: no spend before that year counts.")
                % {"year": centre.listed_on.year},
            )
        return cleaned


class NewProductForm(RegistryRecordForm):
    class Meta:
        model = NewProduct
        fields = ("product", "enterprise", "recognized_on", "rd_spend", "notes")


class FineProductForm(RegistryRecordForm):
    class Meta:
        model = FineProduct
        fields = ("product", "enterprise", "recognized_on", "notes")


class StrongBaseProjectForm(RegistryRecordForm):
    class Meta:
        model = StrongBaseProject
        fields = ("name", "enterprise", "approved_on", "national_grant", "notes")


class ReformRecognitionForm(RegistryRecordForm):
    class Meta:
        model = ReformRecognition
        fields = ("kind", "level", "enterprise", "recognized_on", "notes")

    def clean_level(self):
        level = self.cleaned_data["level"]
        if level not in (Level.NATIONAL, Level.PROVINCIAL):
            raise ValidationError(
                _("The plan awards national and provincial recognitions only (国家级、省级).")
            )
        return level


class FirstSetEquipmentForm(RegistryRecordForm):
    class Meta:
        model = FirstSetEquipment
        fields = ("name", "maker", "recognized_on", "notes")


class FirstSetPurchaseForm(RegistryRecordForm):
    class Meta:
        model = FirstSetPurchase
        fields = ("equipment", "buyer", "purchased_on", "price", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 经省认定: only equipment a supervisor has approved as recognised by the province.
        self.fields["equipment"].queryset = FirstSetEquipment.objects.approved()
