"""Errors as JSON, in the user's language: ``{"detail": …}`` and, for bad data,
``{"detail": …, "errors": {field: [messages]}}``; a stale version is 409."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from jiyuan_portal.reporting.workflow import ConcurrentEditError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def invalid(errors: dict) -> Response:
    """400 with each field's messages (``__all__`` for the form's own)."""
    return Response(
        {"detail": _("The data are not valid; see the errors of each field."), "errors": errors},
        status=status.HTTP_400_BAD_REQUEST,
    )


def portal_exception_handler(exc, context):
    if isinstance(exc, ConcurrentEditError):
        exc = Conflict(str(exc))
    elif isinstance(exc, DjangoValidationError):
        return invalid({"__all__": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not yours to see."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        return invalid(exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail})
    return exception_handler(exc, context)
