from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechreformConfig(AppConfig):
    name = "techreform"
    verbose_name = _("Enterprise technical reform")
    # The model the plan loader creates for this plan's tasks.
    task_model = "techreform.ReformTask"
