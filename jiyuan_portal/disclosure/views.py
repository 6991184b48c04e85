"""The public pages (``/public/``, no sign-in): what supervisors published, as pages, CSV
files and Atom feeds; and the supervisors' page that publishes and withdraws.

The public pages have their own layout (``public/base.html``: no navigation of the portal,
no user names, no forms but the complaint form) and are served from the cache
(``caching.public_cache``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from tablib import Dataset

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Target
from jiyuan_portal.views.exports import UTF8_BOM, neutralise_formula
from jiyuan_portal.views.generic import ObjectListView, PermissionGate
from jiyuan_portal.views.paging import paginate

from . import publishing
from .caching import public_cache
from .filtersets import PublishableRecordFilterSet, PublishableTargetFilterSet
from .tables import PublishableRecordTable, PublishableTargetTable

LATEST_ON_HOME = 10
PER_PAGE = 50


def public(view_class):
    """A public page: open without sign-in, served from the cache."""
    return login_not_required(public_cache(view_class.as_view()))


class PublicView(PermissionGate, TemplateView):
    required = staticmethod(permissions.anyone)


class RegistryMixin:
    def get_registry(self):
        model = publishing.public_registry(self.kwargs["kind"])
        if model is None:
            raise Http404
        return model


def registry_section(model, records) -> dict:
    records = list(records)
    return {
        "model": model,
        "kind": model.kind_slug(),
        "title": model._meta.verbose_name_plural,
        "columns": publishing.public_columns(model),
        "rows": [
            (publishing.group_label(record), record.pk, row)
            for record, row in zip(records, publishing.public_rows(model, records), strict=True)
        ],
    }


class PublicHomeView(PublicView):
    """What the city publishes: the latest records of each public registry, with their
    count and a link to the full list, and each plan's published targets with status."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = []
        for model in publishing.public_registries():
            published = publishing.published_records(model)
            section = registry_section(model, published[:LATEST_ON_HOME])
            section["count"] = published.count()
            sections.append(section)
        context.update(
            sections=sections,
            target_columns=publishing.target_columns(),
            target_rows=[
                (target.pk, row)
                for target, row in publishing.target_rows(publishing.published_targets())
            ],
            as_of=status.today(),
        )
        return context


class PublicRecordListView(RegistryMixin, PublicView):
    template_name = "public/record_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.get_registry()
        paged = paginate(
            self.request, publishing.published_records(model), param="page", per_page=PER_PAGE
        )
        context.update(section=registry_section(model, paged.rows), paged=paged)
        return context


def csv_response(title: str, columns, rows) -> HttpResponse:
    dataset = Dataset(title=title)
    dataset.headers = [neutralise_formula(column.label) for column in columns]
    for row in rows:
        dataset.append([neutralise_formula(cell) for cell in row])
    response = HttpResponse(UTF8_BOM + dataset.export("csv"), content_type="text/csv")
    filename = f"{title}_{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class PublicRecordCsvView(RegistryMixin, PermissionGate, View):
    required = staticmethod(permissions.anyone)

    def get(self, request, *args, **kwargs):
        model = self.get_registry()
        records = publishing.published_records(model)
        return csv_response(
            str(model._meta.verbose_name_plural),
            publishing.public_columns(model),
            publishing.public_rows(model, records),
        )


class PublicTargetCsvView(PermissionGate, View):
    required = staticmethod(permissions.anyone)

    def get(self, request, *args, **kwargs):
        return csv_response(
            _("Published targets"),
            publishing.target_columns(),
            [row for _target, row in publishing.target_rows(publishing.published_targets())],
        )


# The supervisors' side.


class PublishableListView(ObjectListView):
    """What supervisors may publish, with whether each is published, ticked for
    ``PublishView``. ``item_kind``: "report" or "target"; ``publishable``: the rows."""

    required = staticmethod(permissions.can_review)
    template_name = "disclosure/publishable_list.html"
    item_kind = ""
    publishable = None

    def get_queryset(self):
        return self.restrict(type(self).publishable())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item_kind"] = self.item_kind
        return context


class PublishableRecordListView(PublishableListView):
    """Approved records of the public registries."""

    queryset = Report.objects.none()
    table = PublishableRecordTable
    filterset = PublishableRecordFilterSet
    title = _("Publication: records")
    item_kind = "report"
    publishable = staticmethod(publishing.publishable_reports)


class PublishableTargetListView(PublishableListView):
    queryset = Target.objects.none()
    table = PublishableTargetTable
    filterset = PublishableTargetFilterSet
    title = _("Publication: targets")
    item_kind = "target"
    publishable = staticmethod(publishing.publishable_targets)


class PublishView(PermissionGate, View):
    """Publish or withdraw the records or targets ticked on a publication list."""

    required = staticmethod(permissions.can_review)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("item_kind")
        ids = [int(pk) for pk in request.POST.getlist("items") if pk.isdigit()]
        if kind == "report":
            items = {"reports": list(Report.objects.visible_to(request.user).filter(pk__in=ids))}
            back = "disclosure:record_list"
        elif kind == "target":
            items = {"targets": list(Target.objects.filter(pk__in=ids))}
            back = "disclosure:target_list"
        else:
            raise Http404
        if not ids:
            messages.error(request, _("Tick at least one item."))
            return redirect(back)
        try:
            if request.POST.get("action") == "withdraw":
                count = publishing.withdraw(request.user, **items)
                messages.success(request, _("Withdrawn from the public pages: %s.") % count)
            else:
                count = publishing.publish(request.user, **items)
                messages.success(request, _("Published on the public pages: %s.") % count)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.next_url() or back)

    def next_url(self) -> str:
        """Back to the record's page it was posted from, never to another site."""
        url = self.request.POST.get("next", "")
        allowed = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if allowed else ""
