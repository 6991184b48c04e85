"""A request body Django refuses to read is answered with the form again and a message.

Django refuses a body that is too large (``DATA_UPLOAD_MAX_MEMORY_SIZE``, the fields besides
the files), sends too many files (``DATA_UPLOAD_MAX_NUMBER_FILES``) or too many fields
(``DATA_UPLOAD_MAX_NUMBER_FIELDS``) by raising from ``request.POST``; the CSRF check reads
it first, so no view can catch it and the user got a bare "Bad Request (400)". This
middleware reads the body first: if Django refuses it, nothing is done with the request and
the user is sent back to the page the form was on (a report form, the town-table import),
where the message says what was wrong and how to send it again.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseRedirect, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def refusal_message(error) -> str:
    if isinstance(error, TooManyFilesSent):
        return _(
            "Too many files were sent at once: at most %(max)s are accepted. Attach fewer "
            "files and send the form again."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    if isinstance(error, TooManyFieldsSent):
        return _(
            "The form sent had too many fields (at most %(max)s); nothing was saved. Open "
            "the form again and send it once more."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    return _(
        "What you sent is too large: the text of a form may be at most %(limit)s (files "
        "not counted); nothing was saved. Shorten the text and send the form again."
    ) % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}


class RequestBodyRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - read now, where the refusal can be answered
                request.FILES  # noqa: B018
            except (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent) as error:
                # Nothing of the body is used, by this response or by any later reader.
                request._post, request._files = QueryDict(), MultiValueDict()
                messages.error(request, refusal_message(error))
                return HttpResponseRedirect(self.back_to(request))
        return self.get_response(request)

    @staticmethod
    def back_to(request) -> str:
        """The page the form was on (the referrer, if it is ours), else the same address."""
        referrer = request.META.get("HTTP_REFERER")
        if url_has_allowed_host_and_scheme(
            referrer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return referrer
        return request.get_full_path()
