from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "jiyuan_portal.reporting"
    label = "reporting"
    verbose_name = _("Reports and review")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the workflow's receivers)
