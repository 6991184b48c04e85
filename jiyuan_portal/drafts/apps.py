from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "jiyuan_portal.drafts"
    label = "drafts"
    verbose_name = _("Plan drafting")
