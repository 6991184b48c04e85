"""A user's personal API tokens, in the portal: create one (its key shown once), see when
each was last used, revoke."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from jiyuan_portal.reporting import permissions
from jiyuan_portal.views.generic import PermissionGate

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What the token is for"),
        max_length=100,
        help_text=gettext_lazy("e.g. 政务数据共享平台"),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=settings.JIYUAN_API_TOKEN_MAX_DAYS,
        initial=90,
    )


class TokenListView(PermissionGate, View):
    required = staticmethod(permissions.signed_in)
    template_name = "api/token_list.html"

    def render(self, form, key=None, status=200):
        tokens = self.restrict(ApiToken.objects.all())
        return render(
            self.request,
            self.template_name,
            {"form": form, "tokens": tokens, "key": key},
            status=status,
        )

    def get(self, request):
        return self.render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        token, key = ApiToken.issue(
            request.user, form.cleaned_data["name"], form.cleaned_data["days"]
        )
        messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
        return self.render(TokenForm(), key=key)


class TokenRevokeView(PermissionGate, View):
    required = staticmethod(permissions.signed_in)
    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(self.restrict(ApiToken.objects.all(), "change"), pk=pk)
        token.revoke()
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return redirect("api:token_list")
