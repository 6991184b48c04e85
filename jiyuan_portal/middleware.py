from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from jiyuan_portal.tracking import measures


class PortalLanguageMiddleware:
    """Simplified Chinese unless the user chose another language (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal's
    default must not depend on how a civil servant's browser happens to be set up.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


# Devices and sensors no page of the portal uses.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)

# Django's admin and its add-ons (import-export's export form, celery-beat's task form) carry
# inline scripts, styles and event handlers; on the admin's pages, and there only, the
# Content-Security-Policy allows them (django-csp's per-response update).
ADMIN_CSP_UPDATE = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class PortalHeadersMiddleware:
    """Headers every response gets, placed after AuthenticationMiddleware (and inside
    django-csp's middleware, which reads what this one marks on the response):

    - ``Permissions-Policy`` switching off cameras, microphones, location and the like;
    - ``Cache-Control: private, no-store`` on anything a signed-in user receives (pages,
      redirects, errors, evidence downloads): nothing a bureau reported may stay in a shared
      proxy or in the browser's cache after logging out;
    - the admin's relaxation of the Content-Security-Policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        if request.path_info.startswith(reverse("admin:index")):
            response._csp_update = ADMIN_CSP_UPDATE
        return response


class MeasuresCountedOnceMiddleware:
    """A page that only reads (GET, HEAD) counts each registry measure once, however many
    of its parts (targets, lights, charts, the league table) ask for the same figure."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with measures.counted_once():
            return self.get_response(request)
