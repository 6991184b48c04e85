"""The complaint pages: the public form and receipt page (no sign-in), and the staff's
list, detail, entry and handling of cases."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View
from django_ratelimit.decorators import ratelimit

from jiyuan_portal.reporting import permissions
from jiyuan_portal.reporting.page_cache import CachedContentMixin
from jiyuan_portal.tracking import history
from jiyuan_portal.tracking import status as dates
from jiyuan_portal.views.generic import ObjectListView, PermissionGate

from . import handling
from .filtersets import ComplaintFilterSet
from .forms import (
    CloseForm,
    PublicComplaintForm,
    ReassignForm,
    ReceiptLookupForm,
    StaffComplaintForm,
)
from .models import Complaint, ComplaintPhoto
from .tables import STATUS_COLOURS, ComplaintTable

TOO_MANY = 429


def limited(rate_name):
    """django-ratelimit's count of POSTs per client address, by a rate of the settings;
    over it, ``request.limited`` is set and the view answers 429 with a message."""
    return method_decorator(
        ratelimit(
            key="ip",
            rate=lambda group, request: settings.JIYUAN_COMPLAINTS[rate_name],
            method="POST",
            block=False,
        ),
        name="post",
    )


class PublicFormView(PermissionGate, FormView):
    required = staticmethod(permissions.anyone)

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            # Refused before anything is read or checked (the captcha is not spent); what
            # was typed is offered again.
            typed = {k: v for k, v in request.POST.items() if not k.startswith("captcha")}
            form = self.get_form_class()(initial=typed)
            refused = _("Too many requests from your address. Please try again in an hour.")
            return self.render_to_response(
                self.get_context_data(form=form, refused=refused), status=TOO_MANY
            )
        return super().post(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
@limited("submit_rate")
class PublicComplaintCreateView(PublicFormView):
    """File a complaint. The answer is the receipt: its number and the secret to follow it,
    shown this once."""

    template_name = "complaints/public_form.html"
    form_class = PublicComplaintForm

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        complaint, secret = handling.file_complaint(
            source=Complaint.Source.WEB, photos=form.cleaned_data["photos"], **fields
        )
        return render(
            self.request,
            "complaints/public_receipt.html",
            {"complaint": complaint, "secret": secret},
        )


@method_decorator(login_not_required, name="dispatch")
@limited("lookup_rate")
class PublicComplaintStatusView(PublicFormView):
    """The reporter's view of a case: its status and dates, nothing else, with the receipt
    number and the secret. A wrong pair is answered the same whether the number exists."""

    template_name = "complaints/public_status.html"
    form_class = ReceiptLookupForm

    def form_valid(self, form):
        complaint = Complaint.objects.filter(number=form.cleaned_data["number"]).first()
        if complaint is None or not complaint.check_secret(form.cleaned_data["secret"]):
            form.add_error(None, _("No case has this receipt number and query code."))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=ReceiptLookupForm(), found=complaint)
        )


# Staff.


class ComplaintListView(CachedContentMixin, ObjectListView):
    required = staticmethod(permissions.can_handle_complaints)
    queryset = Complaint.objects.select_related("town", "bureau")
    table = ComplaintTable
    filterset = ComplaintFilterSet
    template_name = "complaints/complaint_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_enter"] = permissions.can_handle_complaints(self.request.user)
        return context


class ComplaintDetailView(PermissionGate, DetailView):
    required = staticmethod(permissions.can_handle_complaints)
    queryset = Complaint.objects.select_related("town", "bureau", "plan", "task", "closed_by")
    template_name = "complaints/complaint_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint, user = self.object, self.request.user
        may_handle = complaint.is_open and permissions.can_handle_complaints(user)
        context.update(
            photos=complaint.photos.all(),
            can_start=may_handle and complaint.status == Complaint.Status.RECEIVED,
            can_close=may_handle,
            can_reassign=complaint.is_open and permissions.can_review(user),
            close_form=kwargs.get("close_form") or CloseForm(instance=complaint),
            reassign_form=kwargs.get("reassign_form") or ReassignForm(instance=complaint),
            status_colour=STATUS_COLOURS[complaint.status],
            overdue=complaint.is_open and complaint.due_on < dates.today(),
            timeline=history.timeline(complaint.history.filter(id=complaint.pk)),
        )
        return context


class ComplaintCreateView(PermissionGate, FormView):
    """Staff enter a case received through 12345, a visit or a letter."""

    required = staticmethod(permissions.can_handle_complaints)
    template_name = "complaints/complaint_form.html"
    form_class = StaffComplaintForm

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in form.Meta.fields if name != "received_on"}
        received_at = timezone.make_aware(
            timezone.datetime.combine(data["received_on"], timezone.localtime().time())
        )
        complaint, _secret = handling.file_complaint(
            photos=data["photos"],
            entered_by=self.request.user,
            received_at=received_at,
            **fields,
        )
        messages.success(
            self.request,
            _("Case %(number)s recorded and assigned to %(bureau)s, to verify by %(date)s.")
            % {"number": complaint.number, "bureau": complaint.bureau, "date": complaint.due_on},
        )
        if not Complaint.objects.visible_to(self.request.user).filter(pk=complaint.pk).exists():
            return redirect("complaints:complaint_list")
        return redirect(complaint)


class ComplaintActionView(PermissionGate, View):
    """A step of a case's handling, posted from its page."""

    required = staticmethod(permissions.can_handle_complaints)
    http_method_names = ["post"]

    def get_complaint(self):
        return get_object_or_404(
            self.restrict(Complaint.objects.all(), "change"), pk=self.kwargs["pk"]
        )

    def refused(self, complaint, error):
        messages.error(self.request, " ".join(error.messages))
        return redirect(complaint)

    def invalid(self, complaint, **forms):
        view = ComplaintDetailView(
            request=self.request, kwargs={"pk": complaint.pk}, object=complaint
        )
        context = view.get_context_data(object=complaint, **forms)
        return render(self.request, ComplaintDetailView.template_name, context, status=400)


class ComplaintStartView(ComplaintActionView):
    def post(self, request, pk):
        complaint = self.get_complaint()
        try:
            handling.start_verification(complaint, request.user)
        except ValidationError as error:
            return self.refused(complaint, error)
        messages.success(request, _("Verification started."))
        return redirect(complaint)


class ComplaintCloseView(ComplaintActionView):
    def post(self, request, pk):
        complaint = self.get_complaint()
        form = CloseForm(request.POST, instance=Complaint.objects.get(pk=complaint.pk))
        if not form.is_valid():
            return self.invalid(complaint, close_form=form)
        try:
            with transaction.atomic():
                handling.close(complaint, request.user, **form.cleaned_data)
        except ValidationError as error:
            return self.refused(complaint, error)
        messages.success(request, _("Case closed (已办结); the reporter sees it with the receipt."))
        return redirect(complaint)


class ComplaintReassignView(ComplaintActionView):
    required = staticmethod(permissions.can_review)

    def post(self, request, pk):
        complaint = self.get_complaint()
        form = ReassignForm(request.POST, instance=Complaint.objects.get(pk=complaint.pk))
        if not form.is_valid():
            return self.invalid(complaint, reassign_form=form)
        try:
            handling.reassign(complaint, request.user, **form.cleaned_data)
        except ValidationError as error:
            return self.refused(complaint, error)
        messages.success(request, _("Case assigned to %(bureau)s.") % {"bureau": complaint.bureau})
        return redirect(complaint)


class ComplaintPhotoDownloadView(PermissionGate, View):
    required = staticmethod(permissions.can_handle_complaints)

    def get(self, request, pk):
        photo = get_object_or_404(
            ComplaintPhoto.objects.filter(complaint__in=self.restrict(Complaint.objects.all())),
            pk=pk,
        )
        return FileResponse(
            photo.file.open("rb"),
            as_attachment=False,
            filename=photo.original_name,
            content_type=photo.mime_type,
        )
