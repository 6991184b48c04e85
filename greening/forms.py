"""The forms bureaus fill in for this plan's registries."""

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import GreenRecognition


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
