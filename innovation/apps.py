from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "innovation"
    verbose_name = _("Technical innovation")
    # The model the plan loader creates for this plan's tasks.
    task_model = "tracking.Task"

    def ready(self):
        from jiyuan_portal.tracking.progress import ProgressKind, register

        from . import measures  # noqa: F401  (registers this plan's measures)

        for slug, label, fields in (
            (
                "innovation-enterprise",
                "innovation.InnovationEnterprise",
                ("name", "kind", "certified_on", "notes"),
            ),
            (
                "research-platform",
                "innovation.ResearchPlatform",
                ("name", "kind", "level", "host", "recognized_on", "notes"),
            ),
            (
                "innovation-team",
                "innovation.InnovationTeam",
                ("name", "leader", "host", "is_high_level", "recognized_on", "notes"),
            ),
        ):
            register(ProgressKind(slug, label, "task", "task", plan_code=self.name, fields=fields))
