from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "jiyuan_portal.tracking"
    label = "tracking"
    verbose_name = _("Plans and tasks")

    def ready(self):
        from .forms import MilestoneReportForm, TargetReportForm
        from .progress import ProgressKind, register

        register(
            ProgressKind(
                "target-report",
                "tracking.TargetReport",
                "target",
                "target__task",
                form_class=TargetReportForm,
            )
        )
        register(
            ProgressKind(
                "milestone-report",
                "tracking.MilestoneReport",
                "milestone",
                "milestone__task",
                form_class=MilestoneReportForm,
            )
        )
