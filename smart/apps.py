from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import PlanAppConfig


class SmartConfig(PlanAppConfig):
    default = True  # apps.py also imports PlanAppConfig: this is the app's config
    name = "smart"
    verbose_name = _("Intelligent retrofit")
    registries = {
        "smart.SmartRecognition": "smart.forms.SmartRecognitionForm",
    }
    measures = "smart.measures.MEASURES"
