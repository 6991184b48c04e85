"""The forms bureaus fill in for this plan's registries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import EnergyInspection, GreenDemonstrationProject, GreenRecognition, RecyclingPark


class GreenRecognitionForm(RegistryRecordForm):
    class Meta:
        model = GreenRecognition
        fields = (
            "kind",
            "name",
            "level",
            "recognized_on",
            "notes",
        )


class RecyclingParkForm(RegistryRecordForm):
    class Meta:
        model = RecyclingPark
        fields = ("name", "town", "stage", "started_on", "completed_on", "notes")

    def clean(self):
        cleaned = super().clean()
        stage = cleaned.get("stage")
        started = stage in (RecyclingPark.Stage.UNDER_CONSTRUCTION, RecyclingPark.Stage.COMPLETED)
        if started and not cleaned.get("started_on"):
            self.add_error("started_on", _("Give the day construction started."))
        if stage == RecyclingPark.Stage.COMPLETED and not cleaned.get("completed_on"):
            self.add_error("completed_on", _("Give the day the park was completed."))
        started, completed = cleaned.get("started_on"), cleaned.get("completed_on")
        if started and completed and completed < started:
            self.add_error(
                "completed_on",
                ValidationError(_("The park cannot be completed before it started.")),
            )
        return cleaned


class EnergyInspectionForm(RegistryRecordForm):
    class Meta:
        model = EnergyInspection
        fields = ("enterprise", "industry", "inspected_on", "finding", "notes")


class GreenDemonstrationProjectForm(RegistryRecordForm):
    class Meta:
        model = GreenDemonstrationProject
        fields = (
            "name",
            "enterprise",
            "kind",
            "new_investment",
            "energy_saved",
            "completed_on",
            "notes",
        )
