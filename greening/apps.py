from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GreeningConfig(AppConfig):
    name = "greening"
    verbose_name = _("Green retrofit")
    # The model the plan loader creates for this plan's tasks.
    task_model = "tracking.Task"
