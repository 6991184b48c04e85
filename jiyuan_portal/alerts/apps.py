from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "jiyuan_portal.alerts"
    label = "alerts"
    verbose_name = _("Supervision")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the workflow's signals
