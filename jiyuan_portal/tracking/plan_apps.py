"""The contract between the shared core and the plan apps (``capacity`` … ``innovation``).

A plan app is a Django app whose AppConfig subclasses ``PlanAppConfig`` and declares there
everything it adds to the core: the plan it serves, its own kind of task, its registries
(``Report`` subclasses, each with the form bureaus fill in), the measures that count its
registries toward targets, and any extra context of its plan page. Django's app registry
is the list of plan apps: ``plan_apps()`` reads it, and nothing else names them.

A plan with no app behind it (a later notice's plan added in the admin) gets the shared
core's generic task kind and pages: ``plan_app()`` returns None for it.

Models and forms are declared as dotted strings so that declaring them imports nothing
while the app registry is being populated (as ``AUTH_USER_MODEL`` does).
"""

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string

GENERIC_TASK_MODEL = "tracking.Task"


class PlanAppConfig(AppConfig):
    """Base of every plan app's AppConfig (django-oscar's ``OscarConfig`` is the model)."""

    #: The ``Plan.code`` this app serves; defaults to the app's label.
    plan_code: str = ""
    #: The model the plan loader creates for this plan's tasks ("app_label.ModelName").
    task_model: str = GENERIC_TASK_MODEL
    #: This plan's registries: ``{"app_label.ModelName": "app.forms.FormClass"}``.
    registries: dict[str, str] = {}
    #: Dotted path of a sequence of ``tracking.measures.Measure``, or "" for none.
    measures: str = ""
    #: Dotted path of this app's URL module (with its ``app_name``), served under
    #: ``/plans/<plan_code>/``; "" for none.
    urls: str = ""

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        self.plan_code = self.plan_code or self.label

    def get_task_model(self):
        return apps.get_model(self.task_model)

    def get_registries(self) -> list[tuple[type, type]]:
        """(model, form class) of each registry, in the declared order."""
        return [
            (apps.get_model(model), import_string(form)) for model, form in self.registries.items()
        ]

    #: Registries whose approved records a supervisor may publish on the public pages
    #: (``jiyuan_portal.disclosure``): ``("app_label.ModelName", …)``. Each such model names
    #: what the public sees: ``public_fields``, and optionally ``public_group_by`` (a field
    #: with choices) and ``public_date_field`` (the date of the feed's entries).
    public_registries: tuple[str, ...] = ()

    def get_public_registries(self) -> list[type]:
        return [apps.get_model(model) for model in self.public_registries]

    def get_measures(self) -> tuple:
        return tuple(import_string(self.measures)) if self.measures else ()

    #: Dotted path of this app's API endpoints: a list of (prefix, viewset, basename)
    #: served under ``/api/v1/``; "" for none.
    api_routes: str = ""

    #: A template the supervisors' cockpit includes (e.g. the town table), or "" for none.
    cockpit_template: str = ""

    def cockpit_context(self, request) -> dict:
        """The context of ``cockpit_template``."""
        return {}

    def plan_page_context(self, plan, request) -> dict:
        """Extra context for this plan's page (e.g. the technical-reform town table)."""
        return {}


def plan_apps() -> list[PlanAppConfig]:
    """Every installed plan app, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if isinstance(config, PlanAppConfig)]


def plan_app(plan_code: str) -> PlanAppConfig | None:
    """The plan app serving ``plan_code``, or None for a plan the generic core serves."""
    return next((config for config in plan_apps() if config.plan_code == plan_code), None)


def task_model_for(plan_code: str):
    config = plan_app(plan_code)
    return config.get_task_model() if config else apps.get_model(GENERIC_TASK_MODEL)


def plan_codes() -> list[str]:
    return [config.plan_code for config in plan_apps()]
