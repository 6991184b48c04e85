from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import PlanAppConfig


class GreeningConfig(PlanAppConfig):
    default = True  # apps.py also imports PlanAppConfig: this is the app's config
    name = "greening"
    verbose_name = _("Green retrofit")
    registries = {
        "greening.GreenRecognition": "greening.forms.GreenRecognitionForm",
        "greening.RecyclingPark": "greening.forms.RecyclingParkForm",
        "greening.EnergyInspection": "greening.forms.EnergyInspectionForm",
        "greening.GreenDemonstrationProject": "greening.forms.GreenDemonstrationProjectForm",
    }
    measures = "greening.measures.MEASURES"
