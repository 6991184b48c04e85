"""The forms bureaus fill in for this plan's registries."""

from jiyuan_portal.reporting.forms import RegistryRecordForm

from .models import InnovationEnterprise, InnovationTeam, ResearchPlatform


class InnovationEnterpriseForm(RegistryRecordForm):
    class Meta:
        model = InnovationEnterprise
        fields = (
            "name",
            "kind",
            "certified_on",
            "notes",
        )


class ResearchPlatformForm(RegistryRecordForm):
    class Meta:
        model = ResearchPlatform
        fields = (
            "name",
            "kind",
            "level",
            "host",
            "recognized_on",
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
