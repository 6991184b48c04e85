from django.utils.translation import gettext_lazy as _

from jiyuan_portal.tracking.plan_apps import PlanAppConfig


class TechreformConfig(PlanAppConfig):
    default = True  # apps.py also imports PlanAppConfig: this is the app's config
    name = "techreform"
    verbose_name = _("Enterprise technical reform")
    task_model = "techreform.ReformTask"
    registries = {
        "techreform.ReformProject": "techreform.forms.ReformProjectForm",
        "techreform.InnovationCentre": "techreform.forms.InnovationCentreForm",
        "techreform.InnovationCentreSpend": "techreform.forms.InnovationCentreSpendForm",
        "techreform.NewProduct": "techreform.forms.NewProductForm",
        "techreform.FineProduct": "techreform.forms.FineProductForm",
        "techreform.StrongBaseProject": "techreform.forms.StrongBaseProjectForm",
        "techreform.ReformRecognition": "techreform.forms.ReformRecognitionForm",
        "techreform.FirstSetEquipment": "techreform.forms.FirstSetEquipmentForm",
        "techreform.FirstSetPurchase": "techreform.forms.FirstSetPurchaseForm",
    }
    measures = "techreform.measures.MEASURES"
    urls = "techreform.urls"
    api_routes = "techreform.api.ROUTES"
    cockpit_template = "techreform/includes/cockpit_towns.html"

    def cockpit_context(self, request):
        """The cockpit's town table: each town's targets of the latest year against its
        approved reform projects, the lagging towns first."""
        from django.urls import reverse

        from jiyuan_portal.tracking import status

        from .town_table.progress import lagging_rule, rows_lagging_first, town_progress

        on = status.today()
        table = town_progress()
        return {
            "table": table,
            "rows": rows_lagging_first(table, on),
            "rule": lagging_rule(table.year, on),
            "list_url": reverse("techreform:town_list"),
        }

    def plan_page_context(self, plan, request):
        """The town table of the plan page: each town's targets beside its actuals.

        The actuals are the approved reform projects recorded for the town in the table's
        year; the city total stands beside the plan's own targets for that year. The chart
        shows each town's share achieved.
        """
        from .town_table.chart import town_share_chart
        from .town_table.progress import town_progress

        user = getattr(request, "user", None)
        town_table = town_progress(plan=plan)
        return {
            "town_table": town_table,
            "town_chart": town_share_chart(town_table),
            "can_import_town_targets": bool(user and user.has_perm("techreform.change_towntarget")),
        }
