from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "capacity"
    verbose_name = _("Overcapacity reduction")
    # The model the plan loader creates for this plan's tasks.
    task_model = "capacity.CapacityTask"

    def ready(self):
        from jiyuan_portal.tracking.progress import ProgressKind, register

        from . import measures  # noqa: F401  (registers this plan's measures)

        register(
            ProgressKind(
                "capacity-exit",
                "capacity.CapacityExit",
                "task",
                "task",
                plan_code=self.name,
                fields=(
                    "name",
                    "subject",
                    "industry",
                    "capacity_removed",
                    "capacity_unit",
                    "exited_on",
                    "equipment_removed",
                    "town",
                    "notes",
                ),
            )
        )
