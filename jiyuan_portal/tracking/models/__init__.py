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
from .denominators import Denominator

__all__ = [
    "AwardRule",
    "Bureau",
    "BureauAlias",
    "DataVersion",
    "Denominator",
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
