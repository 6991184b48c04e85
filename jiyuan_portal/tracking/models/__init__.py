"""What the notice says: notice, plans, tasks, milestones, targets, bureaus and towns."""

from .awards import AwardRule
from .core import (
    Bureau,
    BureauAlias,
    Milestone,
    Notice,
    Plan,
    PortalQuerySet,
    Target,
    Task,
    TaskBureau,
    Town,
    TownAlias,
)
from .data_version import DataVersion

__all__ = [
    "AwardRule",
    "Bureau",
    "BureauAlias",
    "DataVersion",
    "Milestone",
    "Notice",
    "Plan",
    "PortalQuerySet",
    "Target",
    "Task",
    "TaskBureau",
    "Town",
    "TownAlias",
]
