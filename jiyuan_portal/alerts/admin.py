import logging

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import PeriodicTaskAdmin as BeatPeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Alert,
    AlertBureau,
    EscalationStep,
    Explanation,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)

logger = logging.getLogger(__name__)


class AlertBureauInline(admin.TabularInline):
    model = AlertBureau
    extra = 0
    autocomplete_fields = ["bureau"]


@admin.register(Alert)
class AlertAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "plan", "task", "due_date", "step", "resolved_on", "closed_at")
    list_filter = ("kind", "step", "plan")
    search_fields = ("milestone__description", "target__indicator", "task__title")
    list_select_related = ("plan", "task", "milestone", "target", "complaint")
    raw_id_fields = ("milestone", "target", "task", "closed_by")
    inlines = [AlertBureauInline]


@admin.register(AlertBureau)
class AlertBureauAdmin(admin.ModelAdmin):
    list_display = ("alert", "bureau", "role")
    list_filter = ("role", "bureau")
    search_fields = ("bureau__name", "alert__milestone__description")
    list_select_related = ("alert__milestone", "alert__target", "alert__complaint", "bureau")
    raw_id_fields = ("alert",)


@admin.register(Explanation)
class ExplanationAdmin(SimpleHistoryAdmin):
    list_display = ("alert", "bureau", "author", "submitted_at", "decision")
    list_filter = ("decision", "bureau")
    search_fields = ("reason", "measures", "bureau__name")
    list_select_related = (
        "alert__milestone",
        "alert__target",
        "alert__complaint",
        "bureau",
        "author",
    )
    raw_id_fields = ("alert", "author", "decided_by")


@admin.register(EscalationStep)
class EscalationStepAdmin(admin.ModelAdmin):
    list_display = ("alert", "step", "number", "taken_at", "taken_by", "reason")
    list_filter = ("step",)
    search_fields = ("reason", "alert__milestone__description")
    list_select_related = ("alert__milestone", "alert__target", "alert__complaint", "taken_by")
    raw_id_fields = ("alert", "taken_by", "recipients")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "title", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email")
    list_filter = ("email",)
    search_fields = ("user__username", "user__first_name")
    raw_id_fields = ("user",)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ("address", "subject", "created_at", "sent_at", "attempts")
    list_filter = ("sent_at",)
    search_fields = ("address", "subject")
    raw_id_fields = ("recipient",)


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(BeatPeriodicTaskAdmin):
    """django-celery-beat's admin, whose "run selected tasks" answers 500 when the broker
    is down; here it says so and logs it."""

    @admin.action(description=_("Run selected tasks"))
    def run_tasks(self, request, queryset):
        try:
            return super().run_tasks(request, queryset)
        except Exception:
            logger.exception("Could not queue the selected periodic tasks")
            self.message_user(
                request,
                _("The task queue (broker) cannot be reached: nothing was run. Try again later."),
                level=messages.ERROR,
            )
            return None
