from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "jiyuan_portal.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from . import receivers  # noqa: F401
