"""The kinds of progress a bureau can report, each reachable under ``/progress/<slug>/``.

Reports on targets and milestones are registered here; each plan app registers its own
registries (an exited mine, a certified high-tech enterprise …) in ``AppConfig.ready``.
The generic views in ``progress_views`` serve every kind the same way.
"""

from dataclasses import dataclass

from django.apps import apps
from django.forms import modelform_factory
from django.http import Http404

_KINDS: dict[str, "ProgressKind"] = {}


@dataclass(frozen=True)
class ProgressKind:
    slug: str
    model_label: str  # "app_label.ModelName"
    parent_field: str  # the FK to what is reported on: "target", "milestone" or "task"
    task_path: str  # from the model to its task, for querysets: "target__task", "task"
    form_class: type | None = None  # default: a ProgressForm over ``fields``
    fields: tuple[str, ...] = ()
    plan_code: str = ""  # registries belong to one plan; reports to all

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def get_form_class(self):
        if self.form_class is not None:
            return self.form_class
        from .forms import RegistryRecordForm

        return modelform_factory(self.model, form=RegistryRecordForm, fields=self.fields)

    def form_kwargs(self, parent) -> dict:
        """Extra keyword arguments the form takes (the target or milestone it is about)."""
        if self.form_class is None:
            return {}
        return {self.parent_field: parent}

    def get_task(self, parent):
        return parent if self.parent_field == "task" else parent.task


def register(kind: ProgressKind) -> None:
    _KINDS[kind.slug] = kind


def get_kind(slug: str) -> ProgressKind:
    try:
        return _KINDS[slug]
    except KeyError:
        raise Http404(slug) from None


def all_kinds() -> list[ProgressKind]:
    return list(_KINDS.values())


def registry_kinds(plan_code: str) -> list[ProgressKind]:
    return [kind for kind in _KINDS.values() if kind.plan_code == plan_code]


def kind_of(item) -> ProgressKind:
    label = item._meta.label
    for kind in _KINDS.values():
        if kind.model_label == label:
            return kind
    raise LookupError(label)
