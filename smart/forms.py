"""The forms bureaus fill in for this plan's registries."""

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import SmartRecognition


class SmartRecognitionForm(RegistryRecordForm):
    class Meta:
        model = SmartRecognition
        fields = (
            "kind",
            "enterprise",
            "level",
            "recognized_on",
            "notes",
        )
