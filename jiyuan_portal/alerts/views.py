"""Notifications, supervised items (督办事项) with their explanations and ladder, and the
printable supervision bulletin (督查通报). Each view declares its rule
(``reporting.permissions``) and reaches rows only through ``visible_to`` / ``editable_by``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import status
from jiyuan_portal.views.generic import ObjectListView, PermissionGate

from . import actions
from .filtersets import AlertFilterSet
from .forms import (
    BulletinPeriodForm,
    CloseForm,
    DecisionForm,
    EscalateForm,
    ExplanationForm,
    NotificationPreferenceForm,
)
from .models import (
    Alert,
    EscalationStep,
    Explanation,
    Notification,
    NotificationPreference,
)
from .tables import AlertTable

# Notifications.


class NotificationListView(PermissionGate, ListView):
    required = staticmethod(permissions.signed_in)
    queryset = Notification.objects.all()
    template_name = "alerts/notification_list.html"
    paginate_by = 30

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.GET.get("unread"):
            queryset = queryset.unread()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_only"] = bool(self.request.GET.get("unread"))
        return context


class NotificationOpenView(PermissionGate, View):
    """Open a notification's item, marking the notification read."""

    required = staticmethod(permissions.signed_in)
    action = "change"

    def get(self, request, pk):
        notification = get_object_or_404(self.restrict(Notification.objects.all()), pk=pk)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
        return redirect(
            notification.url if notification.url and safe else "alerts:notification_list"
        )


class NotificationReadView(PermissionGate, View):
    required = staticmethod(permissions.signed_in)
    action = "change"

    def post(self, request, pk=None):
        unread = self.restrict(Notification.objects.unread())
        if pk is not None:
            notification = get_object_or_404(self.restrict(Notification.objects.all()), pk=pk)
            unread = unread.filter(pk=notification.pk)
        count = unread.update(read_at=timezone.now())
        messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
        return redirect("alerts:notification_list")


class NotificationPreferenceView(PermissionGate, TemplateView):
    required = staticmethod(permissions.signed_in)
    template_name = "alerts/notification_preference.html"

    def get_form(self):
        preference, _created = NotificationPreference.objects.get_or_create(user=self.request.user)
        data = self.request.POST if self.request.method == "POST" else None
        return NotificationPreferenceForm(data, instance=preference)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["has_email"] = bool(self.request.user.email)
        return context

    def post(self, request):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        form.save()
        messages.success(request, _("Your email preference was saved."))
        return redirect("alerts:notification_preference")


# Supervised items.


class AlertListView(CachedContentMixin, ObjectListView):
    required = staticmethod(permissions.signed_in)
    queryset = Alert.objects.with_explanation_state().with_details()
    table = AlertTable
    filterset = AlertFilterSet
    title = _("Supervised items (督办事项)")
    template_name = "alerts/alert_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_print_bulletin"] = permissions.can_review(self.request.user)
        return context


class AlertMixin(PermissionGate):
    required = staticmethod(permissions.signed_in)

    def get_alert(self, action=None):
        steps = EscalationStep.objects.select_related("taken_by").prefetch_related("recipients")
        queryset = Alert.objects.with_details().prefetch_related(Prefetch("steps", queryset=steps))
        alert = get_object_or_404(self.restrict(queryset, "view"), pk=self.kwargs["pk"])
        if action == "change" and not permissions.can_review(self.request.user):
            raise PermissionDenied
        return alert


class AlertDetailView(AlertMixin, TemplateView):
    template_name = "alerts/alert_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alert = self.get_alert()
        user = self.request.user
        supervising = permissions.can_review(user)
        next_rung = actions.ladder.manual_next_step(actions.taken_steps(alert))
        explanations = alert.explanations.select_related("author", "bureau", "decided_by")
        context.update(
            alert=alert,
            days_late=alert.days_late(),
            explanations=explanations,
            steps=alert.steps.all(),  # prefetched with their recipients
            can_explain=permissions.can_explain(user, alert),
            explanation_form=kwargs.get("explanation_form") or ExplanationForm(),
            can_decide=supervising,
            decision_form=DecisionForm(),
            can_escalate=supervising and alert.is_active and next_rung is not None,
            next_step=next_rung and next_rung[0],
            escalate_form=kwargs.get("escalate_form") or EscalateForm(),
            can_close=supervising and actions.can_close(alert),
            close_form=kwargs.get("close_form") or CloseForm(),
            light_rule=status.light_rule(),
        )
        return context


class ExplanationDecideView(PermissionGate, View):
    required = staticmethod(permissions.can_review)

    def post(self, request, pk):
        explanation = get_object_or_404(
            Explanation.objects.filter(alert__in=Alert.objects.editable_by(request.user)),
            pk=pk,
        )
        form = DecisionForm(request.POST)
        if form.is_valid():
            actions.decide_explanation(
                explanation, request.user, form.cleaned_data["decision"], form.cleaned_data["note"]
            )
            messages.success(request, _("Decision recorded; the bureau has been told."))
        else:
            errors = [error for field in form.errors.values() for error in field]
            messages.error(request, " ".join(errors))
        return redirect(explanation.alert.get_absolute_url())


class AlertActionView(AlertDetailView):
    """A POST on an item's page: the form is checked, then ``act`` runs in its own
    transaction (``actions``). An invalid form shows the item's page again with its errors
    (400); an action the item's state refuses says why."""

    http_method_names = ["post"]
    form_class = None
    form_name = ""  # the form's name in the item page's context
    supervisors_only = True

    def allowed(self, alert) -> bool:
        return True

    def act(self, alert, form) -> str:
        """Do it; return the success message."""
        raise NotImplementedError

    def post(self, request, pk):
        alert = self.get_alert("change" if self.supervisors_only else "view")
        if not self.allowed(alert):
            raise PermissionDenied
        form = self.form_class(request.POST)
        if not form.is_valid():
            context = self.get_context_data(**{self.form_name: form})
            return self.render_to_response(context, status=400)
        try:
            message = self.act(alert, form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(alert.get_absolute_url())


class AlertExplainView(AlertActionView):
    form_class = ExplanationForm
    form_name = "explanation_form"
    supervisors_only = False

    def allowed(self, alert):
        return permissions.can_explain(self.request.user, alert)

    def act(self, alert, form):
        actions.submit_explanation(alert, self.request.user, **form.cleaned_data)
        return _("Explanation submitted; the supervisors have been told.")


class AlertEscalateView(AlertActionView):
    form_class = EscalateForm
    form_name = "escalate_form"

    def act(self, alert, form):
        step = actions.escalate_by_hand(alert, self.request.user, form.cleaned_data["reason"])
        return _("%(step)s recorded; its recipients have been told.") % {
            "step": step.get_step_display()
        }


class AlertCloseView(AlertActionView):
    form_class = CloseForm
    form_name = "close_form"

    def act(self, alert, form):
        actions.close(alert, self.request.user, form.cleaned_data["note"])
        return _("Item closed (销号).")


# The bulletin.


class BulletinView(PermissionGate, TemplateView):
    """督查通报: the items late during a period, for a meeting, printable on A4."""

    required = staticmethod(permissions.can_review)
    template_name = "alerts/bulletin.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = BulletinPeriodForm(self.request.GET or BulletinPeriodForm.default_period())
        items = []
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            end_of_day = timezone.make_aware(
                timezone.datetime.combine(end, timezone.datetime.max.time())
            )
            start_of_day = timezone.make_aware(
                timezone.datetime.combine(start, timezone.datetime.min.time())
            )
            items = list(
                Alert.objects.filter(due_date__lte=end, flagged_at__lte=end_of_day)
                .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gte=start))
                .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start_of_day))
                .order_by("plan__order", "task__order", "due_date", "pk")
                .with_details()
                .prefetch_related(
                    Prefetch(
                        "explanations",
                        queryset=Explanation.objects.order_by("-submitted_at"),
                    ),
                    Prefetch("steps", queryset=EscalationStep.objects.order_by("taken_at")),
                )
            )
            for item in items:
                item.days_late_at_end = item.days_late(on=end)
        context.update(form=form, items=items, issued_on=status.today())
        return context
