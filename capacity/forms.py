"""The forms bureaus fill in for this plan's registries."""

from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import CapacityExit


class CapacityExitForm(RegistryRecordForm):
    class Meta:
        model = CapacityExit
        fields = (
            "name",
            "subject",
            "industry",
            "capacity_removed",
            "capacity_unit",
            "company",
            "exited_on",
            "equipment_removed",
            "town",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("company") and cleaned.get("industry") != CapacityExit.Industry.COAL:
            self.add_error("company", _("Only a coal exit belongs to a coal company."))
        return cleaned
