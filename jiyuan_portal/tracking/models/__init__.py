"""The tracking app's models: the plans' core (``core``) and the progress that bureaus
report on it (``reports``, ``evidence``)."""

from .core import (
    Alert,
    Bureau,
    BureauAlias,
    Milestone,
    Notice,
    Plan,
    RegistryRecord,
    Target,
    Task,
    TaskBureau,
    Town,
    TownAlias,
)
from .evidence import Evidence
from .reports import MilestoneReport, TargetReport
from .review import EDITABLE_STATUSES, Reviewable, ReviewStatus

__all__ = [
    "EDITABLE_STATUSES",
    "Alert",
    "Bureau",
    "BureauAlias",
    "Evidence",
    "Milestone",
    "MilestoneReport",
    "Notice",
    "Plan",
    "RegistryRecord",
    "ReviewStatus",
    "Reviewable",
    "Target",
    "TargetReport",
    "Task",
    "TaskBureau",
    "Town",
    "TownAlias",
]
