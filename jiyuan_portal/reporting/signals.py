"""Signals of the review workflow, for plan apps, measures and notifications to listen to.

``report_approved`` is sent inside the approving transaction with ``sender`` the report's
own kind (e.g. ``MilestoneReport``), ``report`` the specific report and ``reviewer``.
``report_returned`` likewise, with the ``comment``.
"""

from django.dispatch import Signal

report_submitted = Signal()
report_approved = Signal()
report_returned = Signal()
