from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import PlanAppConfig


class InnovationConfig(PlanAppConfig):
    default = True  # apps.py also imports PlanAppConfig: this is the app's config
    name = "innovation"
    verbose_name = _("Technical innovation")
    registries = {
        "innovation.InnovationEnterprise": "innovation.forms.InnovationEnterpriseForm",
        "innovation.ResearchPlatform": "innovation.forms.ResearchPlatformForm",
        "innovation.InnovationTeam": "innovation.forms.InnovationTeamForm",
        "innovation.MajorScienceProject": "innovation.forms.MajorScienceProjectForm",
    }
    measures = "innovation.measures.MEASURES"
