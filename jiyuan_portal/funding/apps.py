from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "jiyuan_portal.funding"
    label = "funding"
    verbose_name = _("Awards and subsidies")

    def ready(self):
        from . import receivers

        receivers.connect()
