"""The forms bureaus fill in for this plan's registries."""

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import ReformProject


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
