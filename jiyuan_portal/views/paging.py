"""Pages of the lists a detail page holds: a plan's tasks and its targets, a bureau's tasks.

Each list is turned by its own query parameter (``?tasks-page=2``), which keeps the
others, so two lists on one page page independently. A list costs two queries whatever
its length: its count and its page (plus what the page's rows prefetch).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


@dataclass
class PagedList:
    """One page of a list shown on a detail page, for ``includes/paged_list_nav.html``."""

    page: Page
    param: str
    request: HttpRequest
    anchor: str = ""

    @property
    def count(self) -> int:
        """Every row of the list, counted in the database."""
        return self.page.paginator.count

    @property
    def rows(self) -> list:
        return self.page.object_list

    def __iter__(self):
        return iter(self.page.object_list)

    def __bool__(self) -> bool:
        return bool(self.page.object_list)

    def url(self, number) -> str:
        """This page's query string with the list turned to page ``number``."""
        query = self.request.GET.copy()
        query[self.param] = number
        fragment = f"#{self.anchor}" if self.anchor else ""
        return f"?{query.urlencode()}{fragment}"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page.next_page_number()) if self.page.has_next() else None


def paginate(request, queryset, *, param: str, per_page: int, anchor: str = "") -> PagedList:
    """The page of ``queryset`` that ``request.GET[param]`` asks for (the first one when
    missing or not a number, the last one when past the end); its rows are read at once,
    so that what ``queryset`` prefetches is fetched for these rows only."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get(param))
    page.object_list = list(page.object_list)
    return PagedList(page, param, request, anchor or param.removesuffix("-page"))
