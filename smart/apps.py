from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmartConfig(AppConfig):
    name = "smart"
    verbose_name = _("Intelligent retrofit")
    # The model the plan loader creates for this plan's tasks.
    task_model = "tracking.Task"

    def ready(self):
        from jiyuan_portal.tracking.progress import ProgressKind, register

        from . import measures  # noqa: F401  (registers this plan's measures)

        register(
            ProgressKind(
                "smart-recognition",
                "smart.SmartRecognition",
                "task",
                "task",
                plan_code=self.name,
                fields=("kind", "enterprise", "level", "recognized_on", "award", "notes"),
            )
        )
