"""What bureaus report: the ``Report`` table and the core's kinds of report, and evidence."""

from .evidence import Evidence
from .report import EDITABLE_STATUSES, RegistryRecord, Report, ReviewStatus
from .reports import MilestoneReport, TargetReport

__all__ = [
    "EDITABLE_STATUSES",
    "Evidence",
    "MilestoneReport",
    "RegistryRecord",
    "Report",
    "ReviewStatus",
    "TargetReport",
]
