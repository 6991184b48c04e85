"""What bureaus report: the ``Report`` table and the core's kinds of report, and evidence."""

from ..states import EDITABLE_STATUSES, ReviewStatus
from .evidence import Evidence
from .report import RegistryRecord, Report
from .reports import LatestTargetValue, MilestoneReport, TargetReport

__all__ = [
    "EDITABLE_STATUSES",
    "Evidence",
    "LatestTargetValue",
    "MilestoneReport",
    "RegistryRecord",
    "Report",
    "ReviewStatus",
    "TargetReport",
]
