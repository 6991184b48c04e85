"""The public pages are served from Django's cache for a few minutes
(``settings.JIYUAN_PUBLIC_CACHE_SECONDS``), so visitors cost no query while their content
is kept; publishing or withdrawing anything starts a new generation of keys, so the change
shows at once rather than after the timeout. The generation is kept in the cache itself:
reading it costs no database query either."""

from django.conf import settings
from django.core.cache import caches
from django.views.decorators.cache import cache_page

CACHE = "public-pages"  # an alias of settings.CACHES
GENERATION_KEY = "generation"


def _cache():
    return caches[CACHE]


def generation() -> int:
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def start_new_generation() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value is a new generation
        cache.set(GENERATION_KEY, 1, timeout=None)


def public_cache(view):
    """``cache_page`` keyed by the current generation."""

    def cached(request, *args, **kwargs):
        seconds = settings.JIYUAN_PUBLIC_CACHE_SECONDS
        if not seconds:
            return view(request, *args, **kwargs)
        prefix = f"generation-{generation()}"
        return cache_page(seconds, cache=CACHE, key_prefix=prefix)(view)(request, *args, **kwargs)

    cached.__doc__ = view.__doc__
    return cached
