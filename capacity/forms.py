"""The forms bureaus fill in for this plan's registries."""

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
            "exited_on",
            "equipment_removed",
            "town",
            "notes",
        )
