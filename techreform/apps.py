from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechreformConfig(AppConfig):
    name = "techreform"
    verbose_name = _("Enterprise technical reform")
    # The model the plan loader creates for this plan's tasks.
    task_model = "techreform.ReformTask"

    def plan_page_context(self, plan, request):
        """The town table of the plan page: each town's targets beside its actuals.

        The actuals are the approved reform projects recorded for the town in the table's
        year; the city total stands beside the plan's own targets for that year.
        """
        from .town_table.progress import town_progress

        return {"town_table": town_progress(plan=plan)}

    def ready(self):
        from jiyuan_portal.tracking.progress import ProgressKind, register

        from . import measures  # noqa: F401  (registers this plan's measures)

        register(
            ProgressKind(
                "reform-project",
                "techreform.ReformProject",
                "task",
                "task",
                plan_code=self.name,
                fields=(
                    "name",
                    "enterprise",
                    "town",
                    "year",
                    "investment",
                    "is_demonstration",
                    "completed_on",
                    "notes",
                ),
            )
        )
