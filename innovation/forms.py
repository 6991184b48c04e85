"""The forms bureaus fill in for this plan's registries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import InnovationEnterprise, InnovationTeam, MajorScienceProject, ResearchPlatform


class InnovationEnterpriseForm(RegistryRecordForm):
    future_dates = ("valid_until",)

    class Meta:
        model = InnovationEnterprise
        fields = (
            "name",
            "kind",
            "level",
            "certified_on",
            "valid_until",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        kind, level = cleaned.get("kind"), cleaned.get("level")
        if kind == InnovationEnterprise.Kind.INNOVATION_LEADER and not level:
            self.add_error("level", _("Say at which level (city, province, nation) it was named."))
        certified_on, valid_until = cleaned.get("certified_on"), cleaned.get("valid_until")
        if certified_on and valid_until and valid_until <= certified_on:
            self.add_error(
                "valid_until", ValidationError(_("The certificate must end after it was issued."))
            )
        return cleaned


class ResearchPlatformForm(RegistryRecordForm):
    class Meta:
        model = ResearchPlatform
        fields = (
            "name",
            "kind",
            "level",
            "host",
            "recognized_on",
            "is_introduced",
            "notes",
        )


class InnovationTeamForm(RegistryRecordForm):
    class Meta:
        model = InnovationTeam
        fields = (
            "name",
            "leader",
            "host",
            "is_high_level",
            "recognized_on",
            "notes",
        )


class MajorScienceProjectForm(RegistryRecordForm):
    class Meta:
        model = MajorScienceProject
        fields = ("name", "enterprise", "level", "approved_on", "funding", "notes")
