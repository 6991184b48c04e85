"""Signals of a case's handling, for the layers above (``alerts`` tells the bureau)."""

from django.dispatch import Signal

#: A case was assigned to a bureau: filed, or reassigned by a supervisor. ``complaint``.
complaint_assigned = Signal()
