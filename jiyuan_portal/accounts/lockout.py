"""Login throttling with django-axes: who the client is, and what a locked-out user sees.

Axes counts failed logins per account and address (``AXES_LOCKOUT_PARAMETERS``) and,
after ``AXES_FAILURE_LIMIT`` of them, refuses that combination for ``AXES_COOLOFF_TIME``
— the right password included. Admins unlock under 登录尝试 in the admin or with
``manage.py axes_reset_username <user>`` (see the README).
"""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def client_ip_address(request) -> str | None:
    """The address of the client, as the nearest trusted proxy saw it.

    Each proxy appends the address it received a connection from to X-Forwarded-For, so
    with ``JIYUAN_TRUSTED_PROXY_COUNT`` proxies in front of the portal the client is the
    n-th entry from the right. Entries further left were written by the client itself and
    are never trusted: otherwise anyone could dodge a lock by inventing an address. With no
    proxy (``make run``) the address is the connection's own.
    """
    proxies = getattr(settings, "JIYUAN_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        chain = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_message(request=None) -> str:
    """Say in the user's language that the account is locked, for how long, and what to do."""
    cool_off = get_cool_off(request)
    if not cool_off:
        return _(
            "This account is locked after too many failed logins. "
            "Please contact the system administrator to unlock it."
        )
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return ngettext(
        "This account is locked after too many failed logins from this address. "
        "Try again in %(minutes)d minute, or contact the system administrator to unlock it.",
        "This account is locked after too many failed logins from this address. "
        "Try again in %(minutes)d minutes, or contact the system administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again (status 429), with the user name kept and the lock explained.

    Used for the portal's login and the admin's alike (``AXES_LOCKOUT_CALLABLE``).
    """
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "locked_out_message": lockout_message(request),
        "next": request.POST.get("next", "") if request.method == "POST" else "",
    }
    return render(request, "registration/login.html", context, status=429)
