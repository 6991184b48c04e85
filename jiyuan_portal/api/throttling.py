"""A rate per token (or per signed-in user with the session), as the API's settings say."""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerTokenRateThrottle(SimpleRateThrottle):
    """Counted in the rate-limit cache (shared by the web processes with Redis)."""

    scope = "token"

    def __init__(self):
        self.cache = caches["rate-limit"]
        super().__init__()

    def get_rate(self):
        # The settings as they are now (DRF reads them once, at import, by default).
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
