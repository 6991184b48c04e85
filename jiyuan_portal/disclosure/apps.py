from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "jiyuan_portal.disclosure"
    label = "disclosure"
    verbose_name = _("Public disclosure")

    def ready(self):
        from . import receivers

        receivers.connect_published_models()
