"""What may be published, what is, and the supervisors' acts of publishing and withdrawing.

The public sees, of a record, only the fields its model names in ``public_fields``
(never evidence, review comments, notes or who reported it), and of a target its
indicator, value, actual and status. ``public_rows`` writes both the way every public
page, CSV file and feed shows them.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.actuals import attach_progress
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking.models import Target
from jiyuan_portal.tracking.plan_apps import plan_apps
from jiyuan_portal.utils.numbers import plain_decimal

from .models import Publication


def public_registries() -> list[type]:
    """The registries whose records may be published, in the plans' order."""
    return [model for config in plan_apps() for model in config.get_public_registries()]


def public_registry(kind_slug: str) -> type | None:
    return next((m for m in public_registries() if m.kind_slug() == kind_slug), None)


def publishable_records(model):
    """The records of ``model`` a supervisor may publish: the approved ones."""
    related = [
        name
        for name in model.public_fields
        if isinstance(model._meta.get_field(name), models.ForeignKey)
    ]
    return model.objects.approved().select_related(*related)


def published_records(model):
    """What the public sees of ``model``, grouped (``public_group_by``) then newest first."""
    records = publishable_records(model).filter(publication__isnull=False)
    date_field = model.public_date_field
    order = [f"-{date_field}", "name"] if date_field else ["name"]
    if group := model.public_group_by:
        # The groups in the order of the field's choices (煤炭, 钢铁 …), not of their codes.
        choices = [value for value, _label in model._meta.get_field(group).choices]
        records = records.annotate(
            group_order=models.Case(
                *(models.When(**{group: value}, then=index) for index, value in enumerate(choices)),
                default=len(choices),
                output_field=models.IntegerField(),
            )
        )
        order.insert(0, "group_order")
    return records.order_by(*order, "pk")


def published_targets():
    targets = Target.objects.filter(publication__isnull=False).select_related("plan")
    return targets.order_by("plan__order", "year", "indicator", "pk")


@dataclass(frozen=True)
class Column:
    name: str
    label: str


def public_columns(model) -> list[Column]:
    return [
        Column(name, str(model._meta.get_field(name).verbose_name)) for name in model.public_fields
    ]


def display_value(record, name: str) -> str:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(field, models.DecimalField):
        return f"{plain_decimal(value)}"
    if isinstance(field, models.DateField):
        return value.isoformat()
    return str(value)


def public_rows(model, records) -> list[list[str]]:
    return [[display_value(record, name) for name in model.public_fields] for record in records]


def group_label(record) -> str:
    group = record.public_group_by
    return display_value(record, group) if group else ""


TARGET_COLUMNS = ("plan", "year", "indicator", "target", "actual", "as_of", "status")


def target_columns() -> list[Column]:
    labels = {
        "plan": _("Plan"),
        "year": _("Year"),
        "indicator": _("Indicator"),
        "target": _("Target"),
        "actual": _("Actual"),
        "as_of": _("As of"),
        "status": _("Status"),
    }
    return [Column(name, labels[name]) for name in TARGET_COLUMNS]


def target_rows(targets) -> list[tuple[Target, list[str]]]:
    """(target, its cells): the targets with their latest approved (or registry-counted)
    actual and their status, from the one place status is decided."""
    rows = []
    for target in attach_progress(targets):
        progress = target.progress
        actual = progress.actual
        rows.append(
            (
                target,
                [
                    target.plan.short_name or target.plan.title,
                    str(target.year),
                    target.indicator,
                    str(target.display_value),
                    "" if actual is None else f"{plain_decimal(actual)}{target.unit}",
                    progress.as_of.isoformat() if progress.as_of else "",
                    str(progress.status.label),
                ],
            )
        )
    return rows


# Publishing.


def _check_publishable(report) -> None:
    model = report.specific_class
    if model not in public_registries():
        raise ValidationError(
            _("“%(record)s” is a %(kind)s: that kind of record is never published.")
            % {"record": report, "kind": model._meta.verbose_name}
        )
    if not publishable_records(model).filter(pk=report.pk).exists():
        raise ValidationError(
            _("“%(record)s” is not approved: only approved records are published.")
            % {"record": report}
        )


def publish(user, reports=(), targets=()) -> int:
    """Mark approved records of public registries and targets as published; return how
    many were newly published. All or nothing: one refused item publishes none."""
    if not permissions.can_review(user):
        raise PermissionDenied
    published = 0
    with transaction.atomic():
        for report in reports:
            _check_publishable(report)
            _publication, created = Publication.objects.get_or_create(
                report=report, defaults={"published_by": user}
            )
            published += created
        for target in targets:
            _publication, created = Publication.objects.get_or_create(
                target=target, defaults={"published_by": user}
            )
            published += created
    return published


def withdraw(user, reports=(), targets=()) -> int:
    """Take records and targets off the public pages; return how many were withdrawn."""
    if not permissions.can_review(user):
        raise PermissionDenied
    with transaction.atomic():
        removed = 0
        for publication in Publication.objects.filter(
            models.Q(report__in=list(reports)) | models.Q(target__in=list(targets))
        ):
            publication.delete()  # one by one: the history records each withdrawal
            removed += 1
    return removed


# The supervisors' lists of what may be published.


def _published(**link):
    return models.Exists(Publication.objects.filter(**link))


def publishable_reports():
    """Approved records of every public registry, each with ``is_published``."""
    kinds = ContentType.objects.get_for_models(*public_registries()).values()
    return (
        Report.objects.approved()
        .filter(content_type__in=[kind.pk for kind in kinds])
        .select_related("content_type", "bureau", "plan")
        .annotate(is_published=_published(report=models.OuterRef("pk")))
    )


def publishable_targets():
    return Target.objects.select_related("plan", "task").annotate(
        is_published=_published(target=models.OuterRef("pk"))
    )
