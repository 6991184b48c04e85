from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmartConfig(AppConfig):
    name = "smart"
    verbose_name = _("Intelligent retrofit")
    # The model the plan loader creates for this plan's tasks.
    task_model = "tracking.Task"
