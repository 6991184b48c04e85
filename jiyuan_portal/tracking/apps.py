from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "jiyuan_portal.tracking"
    label = "tracking"
    verbose_name = _("Plans and tasks")

    def ready(self):
        from . import data_version

        data_version.connect()
