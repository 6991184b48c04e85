"""The forms bureaus fill in for this plan's registries."""

from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import CapacityExit, MissedExit


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


class MissedExitForm(RegistryRecordForm):
    class Meta:
        model = MissedExit
        fields = (
            "name",
            "industry",
            "town",
            "capacity_due",
            "capacity_unit",
            "due_on",
            "sanctions",
            "exited_on",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        due_on, exited_on = cleaned.get("due_on"), cleaned.get("exited_on")
        if due_on and exited_on and exited_on <= due_on:
            self.add_error("exited_on", _("An exit on or before its deadline was not missed."))
        return cleaned
