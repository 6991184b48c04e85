"""Admin of the technical-reform plan: reform tasks, reform projects, and the town target
table, which admins import from and export to Excel in its published layout."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ExportForm, ImportForm

from jiyuan_portal.reporting.admin import ReportAdmin
from jiyuan_portal.tracking.admin import TaskAdminBase
from jiyuan_portal.utils.files import check_zip_archive, upload_limit_exceeded

from . import forms as registry_forms
from .formats import TownTableXLSX
from .forms import ReformProjectForm
from .importing import import_dataset, remove_stale_import_files
from .models import (
    FineProduct,
    FirstSetEquipment,
    FirstSetPurchase,
    InnovationCentre,
    InnovationCentreSpend,
    NewProduct,
    ReformProject,
    ReformRecognition,
    ReformTask,
    StrongBaseProject,
    TownTarget,
    TownTargetImport,
)
from .resources import TownTargetResource
from .town_table.reading import TownTableError, is_xlsx


class TownTableImportForm(ImportForm):
    """Only .xlsx workbooks, judged by their content, up to JIYUAN_MAX_UPLOAD_BYTES."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].help_text = _(
            "The town target table as published (title, two-row header, 合计 row, then the "
            "towns) or a plain table with one header row; an .xlsx workbook of at most "
            "%(limit)s MB."
        ) % {"limit": settings.JIYUAN_MAX_UPLOAD_BYTES // (1024 * 1024)}
        self.fields["import_file"].widget.attrs["accept"] = (
            ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if (limit := upload_limit_exceeded(upload.size)) is not None:
            raise forms.ValidationError(
                _("%(file)s: the file is %(size)s bytes; at most %(limit)s bytes are accepted.")
                % {"file": upload.name, "size": upload.size, "limit": limit}
            )
        check_zip_archive(upload, upload.name)  # a zip bomb is refused before it is opened
        if not upload.name.lower().endswith(".xlsx") or not is_xlsx(upload):
            raise forms.ValidationError(
                _("%(file)s: the file is not an Excel workbook (.xlsx).") % {"file": upload.name}
            )
        return upload


@admin.register(TownTarget)
class TownTargetAdmin(ImportExportModelAdmin):
    """Import shows a preview of every town (new, updated, unchanged) before confirming."""

    resource_classes = [TownTargetResource]
    import_formats = [TownTableXLSX]
    export_formats = [TownTableXLSX]
    import_form_class = TownTableImportForm
    export_form_class = ExportForm  # every column, or the table would not re-import
    list_display = [
        "town",
        "year",
        "industrial_investment",
        "reform_investment",
        "reform_enterprises",
    ]
    list_filter = ["year", "town__kind"]
    search_fields = ["town__name", "town__full_name", "town__aliases__name"]
    list_select_related = ["town"]
    ordering = ["year", "town__order"]

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            # Previews that were never confirmed are left behind: clear the old ones.
            remove_stale_import_files()
        response = super().import_action(request, **kwargs)
        # After a refused file django-import-export lists no columns; list them again.
        context = getattr(response, "context_data", None)
        if context is None:
            return response
        self._remove_refused_upload(request, context)
        if not context.get("fields_list"):
            resource = TownTargetResource()
            context["fields_list"] = [
                (
                    resource.get_display_name(),
                    [field.column_name for field in resource.get_user_visible_fields()],
                )
            ]
        return response

    def _remove_refused_upload(self, request, context):
        """A refused file is never confirmed: do not leave it in the temporary storage."""
        # The form drops a field with errors from cleaned_data; the upload is the same object.
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if name and context.get("confirm_form") is None:
            storage = self.get_tmp_storage_class()(
                name=name, read_mode="rb", **self.get_tmp_storage_class_kwargs()
            )
            storage.remove()

    def process_import(self, request, **kwargs):
        """A confirmation sent twice, or after its preview file was cleared, is not an error
        of the server: say so and offer the import again."""
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(
                request,
                _(
                    "This import was already confirmed, or its preview has expired (previews "
                    "are kept for %(hours)s hours); nothing was imported now. Upload the file "
                    "again to see a new preview."
                )
                % {"hours": settings.JIYUAN_IMPORT_PREVIEW_HOURS},
            )
            return redirect("admin:techreform_towntarget_import")

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, TownTableError):
            e.file_name = form.cleaned_data["import_file"].name
            for message in e.messages:
                form.add_error("import_file", message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import goes through the same service as the command line."""
        file_name = kwargs.pop("file_name", None) or form.cleaned_data.get("original_file_name", "")
        result, _log = import_dataset(
            dataset,
            file_name=file_name,
            user=request.user,
            source=TownTargetImport.Source.ADMIN,
        )
        return result

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # Numbers stay numbers: the format writes the published layout itself.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        return file_format.export_data(data)


@admin.register(TownTargetImport)
class TownTargetImportAdmin(admin.ModelAdmin):
    """The import log: read only."""

    list_display = [
        "imported_at",
        "file_name",
        "year",
        "user",
        "source",
        "created_count",
        "updated_count",
        "unchanged_count",
    ]
    list_filter = ["year", "source"]
    search_fields = ["file_name", "user__username"]
    readonly_fields = [*list_display, "change_table"]
    exclude = ["changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("changes"))
    def change_table(self, obj):
        from django.utils.html import format_html_join

        def values(data):
            if not data:
                return "—"
            return " / ".join(
                str(data[key])
                for key in ("industrial_investment", "reform_investment", "reform_enterprises")
            )

        return (
            format_html_join(
                "\n",
                "<div>{} ({}): {} → {}</div>",
                (
                    (c["town"], c["action"], values(c["before"]), values(c["after"]))
                    for c in obj.changes
                ),
            )
            or "—"
        )


@admin.register(ReformTask)
class ReformTaskAdmin(TaskAdminBase):
    list_display = ["number", "title", "plan", "section"]
    list_filter = ["section", "assignments__bureau"]
    search_fields = ["number", "title", "text"]
    ordering = ["order"]


@admin.register(ReformProject)
class ReformProjectAdmin(ReportAdmin):
    list_display = [field for field in ReformProjectForm.Meta.fields if field != "notes"]
    list_filter = ["status", "bureau", "year", "town", "is_demonstration"]
    search_fields = ["name", "enterprise", "town__name", "notes"]
    list_select_related = ["town"]
    date_hierarchy = "created_at"


class ReformRegistryAdmin(ReportAdmin):
    """The registries of 二(二)–二(六): their form's fields as columns."""

    form_class = None
    date_hierarchy = "created_at"

    def get_list_display(self, request):
        return [field for field in self.form_class.Meta.fields if field != "notes"]


@admin.register(InnovationCentre)
class InnovationCentreAdmin(ReformRegistryAdmin):
    form_class = registry_forms.InnovationCentreForm
    list_filter = ["status", "bureau", "listing"]
    search_fields = ["name", "enterprise", "notes"]


@admin.register(InnovationCentreSpend)
class InnovationCentreSpendAdmin(ReformRegistryAdmin):
    form_class = registry_forms.InnovationCentreSpendForm
    list_filter = ["status", "bureau", "year"]
    search_fields = ["centre__name", "notes"]
    list_select_related = ["centre"]


@admin.register(NewProduct)
class NewProductAdmin(ReformRegistryAdmin):
    form_class = registry_forms.NewProductForm
    search_fields = ["product", "enterprise", "notes"]


@admin.register(FineProduct)
class FineProductAdmin(ReformRegistryAdmin):
    form_class = registry_forms.FineProductForm
    search_fields = ["product", "enterprise", "notes"]


@admin.register(StrongBaseProject)
class StrongBaseProjectAdmin(ReformRegistryAdmin):
    form_class = registry_forms.StrongBaseProjectForm
    search_fields = ["name", "enterprise", "notes"]


@admin.register(ReformRecognition)
class ReformRecognitionAdmin(ReformRegistryAdmin):
    form_class = registry_forms.ReformRecognitionForm
    list_filter = ["status", "bureau", "kind", "level"]
    search_fields = ["enterprise", "notes"]


@admin.register(FirstSetEquipment)
class FirstSetEquipmentAdmin(ReformRegistryAdmin):
    form_class = registry_forms.FirstSetEquipmentForm
    search_fields = ["name", "maker", "notes"]


@admin.register(FirstSetPurchase)
class FirstSetPurchaseAdmin(ReformRegistryAdmin):
    form_class = registry_forms.FirstSetPurchaseForm
    search_fields = ["buyer", "equipment__name", "notes"]
    list_select_related = ["equipment"]
