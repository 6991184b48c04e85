"""The API's endpoints (``/api/v1/``): reads narrowed by ``visible_to(user)``, writes
through the portal's forms and workflow. Each viewset declares ``required`` like the web
views (``permissions.PortalRule``)."""

from django.db import transaction
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.routers import APIRootView, DefaultRouter

from jiyuan_portal.alerts.models import Alert, AlertBureau
from jiyuan_portal.reporting import filing, permissions, workflow
from jiyuan_portal.reporting.actuals import with_progress
from jiyuan_portal.reporting.kinds import get_kind
from jiyuan_portal.reporting.models import Report
from jiyuan_portal.tracking import status as dates
from jiyuan_portal.tracking.models import (
    Bureau,
    Milestone,
    Notice,
    Plan,
    Target,
    Task,
    TaskBureau,
    Town,
)
from jiyuan_portal.tracking.plan_apps import plan_apps

from . import serializers
from .exceptions import invalid
from .filtersets import (
    AlertFilterSet,
    MilestoneFilterSet,
    ReportFilterSet,
    TargetFilterSet,
    TaskFilterSet,
)


class PortalViewSet(viewsets.GenericViewSet):
    required = staticmethod(permissions.signed_in)
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    ordering = ("pk",)

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PortalViewSet):
    pass


class NoticeViewSet(ReadOnlyViewSet):
    queryset = Notice.objects.all()
    serializer_class = serializers.NoticeSerializer


class PlanViewSet(ReadOnlyViewSet):
    queryset = Plan.objects.all()
    serializer_class = serializers.PlanSerializer
    ordering = ("order", "pk")
    filterset_fields = ("code",)


class BureauViewSet(ReadOnlyViewSet):
    queryset = Bureau.objects.all()
    serializer_class = serializers.BureauSerializer
    ordering = ("order", "pk")
    filterset_fields = ("kind",)


class TownViewSet(ReadOnlyViewSet):
    queryset = Town.objects.all()
    serializer_class = serializers.TownSerializer
    ordering = ("order", "pk")
    filterset_fields = ("kind",)


class TaskViewSet(ReadOnlyViewSet):
    queryset = Task.objects.select_related("plan").prefetch_related(
        Prefetch("assignments", queryset=TaskBureau.objects.order_by("order"))
    )
    serializer_class = serializers.TaskSerializer
    filterset_class = TaskFilterSet
    ordering_fields = ("order", "number", "pk")
    ordering = ("plan__order", "order", "pk")


class MilestoneViewSet(ReadOnlyViewSet):
    queryset = Milestone.objects.select_related("plan")
    serializer_class = serializers.MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ("due_date", "pk")

    def get_queryset(self):
        return super().get_queryset().with_status(dates.today())


class TargetViewSet(ReadOnlyViewSet):
    queryset = Target.objects.select_related("plan", "latest_value")
    serializer_class = serializers.TargetSerializer
    filterset_class = TargetFilterSet
    ordering_fields = ("year", "pk")

    def get_queryset(self):
        return with_progress(super().get_queryset(), dates.today())


class AlertViewSet(ReadOnlyViewSet):
    queryset = Alert.objects.select_related("plan").prefetch_related(
        Prefetch("bureau_links", queryset=AlertBureau.objects.order_by("-role", "pk"))
    )
    serializer_class = serializers.AlertSerializer
    filterset_class = AlertFilterSet
    ordering_fields = ("due_date", "pk")
    ordering = ("due_date", "pk")


class ReportViewSet(ReadOnlyViewSet):
    """Reports the user may see; a bureau's staff create, submit; supervisors review."""

    queryset = Report.objects.select_related("content_type", "plan").prefetch_related("evidence")
    filterset_class = ReportFilterSet
    ordering_fields = ("submitted_at", "created_at", "pk")
    ordering = ("-pk",)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReportDetailSerializer
        if self.action == "create":
            return serializers.ReportCreateSerializer
        if self.action == "partial_update":
            return serializers.ReportChangeSerializer
        return serializers.ReportSerializer

    def detail_response(self, report, code=status.HTTP_200_OK):
        report = Report.objects.select_related("content_type", "plan").get(pk=report.pk)
        return Response(serializers.ReportDetailSerializer(report).data, status=code)

    @extend_schema(
        request={
            "multipart/form-data": serializers.ReportCreateSerializer,
            "application/json": serializers.ReportCreateSerializer,
        },
        responses={201: serializers.ReportDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        """A new report of the user's bureau, through the kind's own form (its checks and
        messages); evidence files as ``evidence`` parts of a multipart request."""
        if not permissions.is_bureau_staff(request.user):
            self.permission_denied(request, message=_("Only bureau staff report."))
        head = serializers.ReportCreateSerializer(data=request.data)
        head.is_valid(raise_exception=True)
        kind = get_kind(head.validated_data["kind"])
        parent = filing.reportable_parent(request.user, kind, head.validated_data["parent"])
        form = filing.report_form(kind, parent, request.data, request.FILES)
        if not form.is_valid():
            return invalid(form_errors(form))
        report = filing.create(request.user, kind, parent, form, head.validated_data["submit"])
        return self.detail_response(report, status.HTTP_201_CREATED)

    @extend_schema(
        request={
            "multipart/form-data": serializers.ReportChangeSerializer,
            "application/json": serializers.ReportChangeSerializer,
        },
        responses={
            200: serializers.ReportDetailSerializer,
            409: OpenApiResponse(description="stale version"),
        },
    )
    def partial_update(self, request, pk=None):
        """Change a draft or returned report of the user's bureau: the fields sent replace
        the report's, through its kind's form; ``version`` is the version read."""
        report = filing.changeable_report(request.user, pk)
        body = serializers.ReportChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kind = get_kind(report.kind_slug())
        names = kind.form_class._meta.fields
        sent = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        data = {**model_to_dict(report, fields=names), **sent}
        data = {name: value for name, value in data.items() if value is not None}
        form = filing.report_form(kind, report.parent, data, request.FILES, instance=report)
        if not form.is_valid():
            return invalid(form_errors(form))
        report = filing.update(
            request.user,
            form,
            body.validated_data["submit"],
            body.validated_data.get("remove_evidence", []),
        )
        return self.detail_response(report)

    @extend_schema(
        request=serializers.VersionSerializer,
        responses={
            200: serializers.ReportDetailSerializer,
            409: OpenApiResponse(description="stale version"),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft or returned report of the user's bureau for review."""
        report = filing.changeable_report(request.user, pk)
        body = serializers.VersionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            workflow.submit(report, request.user, body.validated_data["version"])
        return self.detail_response(report)

    @extend_schema(
        request=serializers.ReviewSerializer,
        responses={
            200: serializers.ReportDetailSerializer,
            409: OpenApiResponse(description="stale version"),
        },
    )
    @action(detail=True, methods=["post"], required=permissions.can_review)
    def review(self, request, pk=None):
        """Approve a submitted report, or return it to its bureau with a comment."""
        report = self.get_object()
        body = serializers.ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["decision"] == "approve":
            workflow.approve(report, request.user, data["version"])
        else:
            workflow.return_for_correction(
                report, request.user, data.get("comment", ""), data["version"]
            )
        return self.detail_response(report)


def form_errors(form) -> dict:
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def register_plan_app_routes(router) -> None:
    """Each plan app's own endpoints (``PlanAppConfig.api_routes``: (prefix, viewset,
    basename) triples), e.g. the technical-reform town targets."""
    for config in plan_apps():
        if config.api_routes:
            for prefix, viewset, basename in import_string(config.api_routes):
                router.register(prefix, viewset, basename=basename)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description, for signed-in users and tokens."""

    required = staticmethod(permissions.signed_in)


class DocsView(SpectacularSwaggerSplitView):
    """The browsable documentation (Swagger UI from our own static files), with the
    portal's session."""

    required = staticmethod(permissions.signed_in)


class RootView(APIRootView):
    """The list of the API's endpoints."""

    required = staticmethod(permissions.signed_in)


class PortalRouter(DefaultRouter):
    APIRootView = RootView
