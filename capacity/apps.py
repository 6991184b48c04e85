from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "capacity"
    verbose_name = _("Overcapacity reduction")
    # The model the plan loader creates for this plan's tasks.
    task_model = "capacity.CapacityTask"
