"""Table columns shared by the lists."""

import django_tables2 as tables
from django.utils.html import format_html


class BadgeColumn(tables.Column):
    """A status code shown as a coloured badge that keeps its words (readable without colour,
    and printed); the export holds the words alone.

    ``choices`` is the ``TextChoices`` the codes come from, ``colours`` maps each to a
    Bootstrap colour (``tracking.status.STATUS_COLOURS`` for instance).
    """

    def __init__(self, choices, colours, **kwargs):
        self.choices, self.colours = choices, colours
        super().__init__(**kwargs)

    def label(self, value):
        try:
            return self.choices(value).label
        except ValueError:
            return value

    def render(self, value):
        colour = self.colours.get(value, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, self.label(value))

    def value(self, value):
        return self.label(value)
