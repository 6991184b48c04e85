"""Links from a figure to the list behind it: a red "3" opens those three items."""

from urllib.parse import urlencode

from django.urls import reverse


def list_url(name: str, **filters) -> str:
    """The URL of the list page ``name`` filtered by ``filters`` (its own query parameters)."""
    query = urlencode({key: value for key, value in filters.items() if value not in ("", None)})
    return f"{reverse(name)}?{query}" if query else reverse(name)
