"""The kinds of report a bureau can make, each with the form it fills in.

Reports on targets and milestones belong to the core; each plan app declares its
registries (an exited mine, a certified high-tech enterprise …) on its ``PlanAppConfig``.
The generic views serve every kind the same way; a kind is named in URLs by its slug
(``Report.kind_slug()``).
"""

from dataclasses import dataclass
from functools import cache

from django.http import Http404

from jiyuan_portal.tracking.plan_apps import plan_apps


@dataclass(frozen=True)
class ReportKind:
    model: type  # a Report subclass
    form_class: type  # a ReportForm subclass
    plan_code: str = ""  # a registry belongs to one plan; target and milestone reports to all

    @property
    def slug(self) -> str:
        return self.model.kind_slug()

    @property
    def parent_field(self) -> str:
        return self.model.parent_field

    @property
    def parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def form_kwargs(self, parent) -> dict:
        """Target and milestone report forms are told what they report on."""
        return {} if self.parent_field == "task" else {self.parent_field: parent}


@cache
def _kinds() -> dict[str, ReportKind]:
    from .forms import MilestoneReportForm, TargetReportForm
    from .models import MilestoneReport, TargetReport

    kinds = [
        ReportKind(TargetReport, TargetReportForm),
        ReportKind(MilestoneReport, MilestoneReportForm),
        *(
            ReportKind(model, form_class, config.plan_code)
            for config in plan_apps()
            for model, form_class in config.get_registries()
        ),
    ]
    by_slug = {kind.slug: kind for kind in kinds}
    if len(by_slug) != len(kinds):
        raise LookupError("Two report kinds have the same slug.")
    return by_slug


def get_kind(slug: str) -> ReportKind:
    try:
        return _kinds()[slug]
    except KeyError:
        raise Http404(slug) from None


def all_kinds() -> list[ReportKind]:
    return list(_kinds().values())


def registry_kinds(plan_code: str) -> list[ReportKind]:
    return [kind for kind in _kinds().values() if kind.plan_code == plan_code]


def kinds_of_plan(plan_code: str) -> list[ReportKind]:
    """The kinds a task of this plan can be reported with: the core's and its registries."""
    return [kind for kind in _kinds().values() if kind.plan_code in ("", plan_code)]
