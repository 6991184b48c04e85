from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import PlanAppConfig


class CapacityConfig(PlanAppConfig):
    default = True  # apps.py also imports PlanAppConfig: this is the app's config
    name = "capacity"
    verbose_name = _("Overcapacity reduction")
    task_model = "capacity.CapacityTask"
    registries = {
        "capacity.CapacityExit": "capacity.forms.CapacityExitForm",
        "capacity.MissedExit": "capacity.forms.MissedExitForm",
    }
    # Published, once approved and marked by a supervisor, on the public pages (四(三), 三(五)).
    public_registries = ("capacity.CapacityExit", "capacity.MissedExit")
    measures = "capacity.measures.MEASURES"
