"""Pages that summarise much data keep their content until the data change.

A view with ``CachedContentMixin`` renders its content block once for everyone who would see
the same: same data version (``tracking.data_version``: any save of the plan data, a report,
an alert changes it), same portal today, language, query string and ``view_scope`` (roles and
bureau). The next such request reads it from Django's cache and computes nothing; the page
around it (navigation, the user's name and unread count, messages) is rendered for each request.

Only pages without forms that post may use it: their content holds no CSRF token.
``settings.JIYUAN_PAGE_CACHE_SECONDS`` bounds how long content is kept (0 turns it off).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from jiyuan_portal.tracking import data_version, status

from .permissions import view_scope

KEY_PREFIX = "page-content"


def page_cache_key(request) -> str:
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = (
        request.path,
        repr(query),
        data_version.current(),
        status.today().isoformat(),
        get_language(),
        view_scope(request.user),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


class CachedContentMixin:
    """Cache the page's ``{% block content %}`` (base.html's ``{% cached_content %}``).

    When the content comes from the cache the view still renders its template, for what is
    outside the content block (the title): a list gives its title, a detail view its object,
    looked up as on any request (so an object the user may not see is still a 404)."""

    def get(self, request, *args, **kwargs):
        if not settings.JIYUAN_PAGE_CACHE_SECONDS or self.is_export():
            return super().get(request, *args, **kwargs)
        self.page_cache_key = page_cache_key(request)
        content = cache.get(self.page_cache_key)
        if content is None:
            return super().get(request, *args, **kwargs)  # the template stores the content
        context = {"cached_content": content, **self.get_cached_context()}
        return TemplateResponse(request, self.get_cached_template_names(), context)

    def is_export(self) -> bool:
        generic = getattr(super(), "is_export", None)
        return bool(generic and generic())

    def get_cached_context(self) -> dict:
        if hasattr(self, "get_object"):
            # The page's prefetches serve its content, which is not rendered.
            self.object = self.get_object(self.get_queryset().prefetch_related(None))
            return {"object": self.object, self.get_context_object_name(self.object): self.object}
        get_title = getattr(self, "get_title", None)
        return {"title": get_title()} if get_title else {}

    def get_cached_template_names(self) -> list[str]:
        if hasattr(self, "get_object"):
            return self.get_template_names()
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_cache_key"] = getattr(self, "page_cache_key", None)
        return context
