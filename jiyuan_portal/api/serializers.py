"""What the API reads and writes. Reads are model serializers over querysets narrowed by
``visible_to(user)``; writes go through the portal's own forms and workflow
(``reporting.filing``, ``reporting.workflow``), so the API refuses what the web refuses."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from jiyuan_portal.alerts.models import Alert
from jiyuan_portal.reporting.kinds import all_kinds, get_kind
from jiyuan_portal.reporting.models import Evidence, Report
from jiyuan_portal.tracking import status
from jiyuan_portal.tracking.models import Bureau, Milestone, Notice, Plan, Target, Task, Town


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ("id", "number", "title", "issuer", "issued_on", "published_on", "printed_on")


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ("id", "code", "title", "short_name", "order", "notice")


class BureauSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bureau
        fields = ("id", "name", "short_name", "kind", "order")


class TownSerializer(serializers.ModelSerializer):
    class Meta:
        model = Town
        fields = ("id", "name", "full_name", "kind", "order")


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lead_bureaus = serializers.SerializerMethodField()
    cooperating_bureaus = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = (
            "id",
            "plan",
            "number",
            "section",
            "title",
            "text",
            "lead_bureaus",
            "cooperating_bureaus",
        )

    def _bureaus(self, task, role) -> list[int]:
        return [a.bureau_id for a in task.assignments.all() if a.role == role]

    def get_lead_bureaus(self, task) -> list[int]:
        return self._bureaus(task, "lead")

    def get_cooperating_bureaus(self, task) -> list[int]:
        return self._bureaus(task, "cooperating")


class MilestoneSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.ChoiceField(
        source="status_code", choices=status.MilestoneStatus.choices, read_only=True
    )

    class Meta:
        model = Milestone
        fields = (
            "id",
            "plan",
            "task",
            "order",
            "description",
            "due_phrase",
            "due_date",
            "recurrence",
            "completed_on",
            "expected_on",
            "status",
        )


class TargetSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.ChoiceField(
        source="status_code", choices=status.TargetStatus.choices, read_only=True
    )
    actual = serializers.DecimalField(
        max_digits=20, decimal_places=4, read_only=True, allow_null=True
    )
    actual_as_of = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Target
        fields = (
            "id",
            "plan",
            "task",
            "code",
            "indicator",
            "kind",
            "unit",
            "year",
            "due_on",
            "value",
            "bound",
            "baseline_year",
            "baseline_value",
            "measure",
            "actual",
            "actual_as_of",
            "status",
        )


class AlertSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state = serializers.ChoiceField(choices=Alert.State.choices, read_only=True)
    bureaus = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = (
            "id",
            "kind",
            "plan",
            "task",
            "milestone",
            "target",
            "period",
            "due_date",
            "step",
            "state",
            "resolved_on",
            "closed_at",
            "bureaus",
        )

    def get_bureaus(self, alert) -> list[int]:
        return [link.bureau_id for link in alert.bureau_links.all()]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ("id", "original_name", "size", "mime_type", "uploaded_at")


class ReportSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Report
        fields = (
            "id",
            "kind",
            "title",
            "plan",
            "task",
            "bureau",
            "status",
            "version",
            "created_at",
            "submitted_at",
            "reviewed_at",
            "review_comment",
        )

    def get_kind(self, report) -> str:
        return report.specific_class.kind_slug()


class ReportDetailSerializer(ReportSerializer):
    """A report with the fields its kind's form fills in, and its evidence files."""

    values = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = (*ReportSerializer.Meta.fields, "values", "evidence")

    def get_values(self, report) -> dict:
        specific = report.specific
        names = get_kind(specific.kind_slug()).form_class._meta.fields
        values = {}
        for name in names:
            field = specific._meta.get_field(name)
            values[name] = field.value_from_object(specific)
            if hasattr(values[name], "isoformat"):
                values[name] = values[name].isoformat()
            elif values[name] is not None and not isinstance(values[name], (int, str, bool)):
                values[name] = str(values[name])
        return values


def kind_choices():
    return [(kind.slug, kind.verbose_name) for kind in all_kinds()]


class ReportCreateSerializer(serializers.Serializer):
    """A new report: its kind, what it is on (the target, milestone or task of ``kind``),
    whether to submit it at once, its evidence files, and the fields of the kind's form
    (as the web form has them: e.g. ``value``, ``as_of``, ``narrative`` for a target
    report). The form checks them."""

    kind = serializers.ChoiceField(choices=kind_choices())
    parent = serializers.IntegerField(
        min_value=1, help_text=_("The target, milestone or task the report is on.")
    )
    submit = serializers.BooleanField(default=False)
    evidence = serializers.ListField(child=serializers.FileField(), required=False)


class ReportChangeSerializer(serializers.Serializer):
    """A change of a report: the version read, whether to submit it now, files to add or
    remove, and the form's fields to change (the others keep their values)."""

    version = serializers.IntegerField(
        min_value=1, help_text=_("The version you read: a stale one is answered 409.")
    )
    submit = serializers.BooleanField(default=False)
    evidence = serializers.ListField(child=serializers.FileField(), required=False)
    remove_evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False
    )


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text=_("The version you read: a stale one is answered 409.")
    )


class ReviewSerializer(VersionSerializer):
    decision = serializers.ChoiceField(choices=(("approve", _("approve")), ("return", _("return"))))
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
