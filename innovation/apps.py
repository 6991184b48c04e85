from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "innovation"
    verbose_name = _("Technical innovation")
    # The model the plan loader creates for this plan's tasks.
    task_model = "tracking.Task"
