from .calendar import CalendarDay, CalendarYear, StatutoryHoliday
from .events import Event, EventSeal
from .notices import Notice
from .organisations import Organisation
from .rules import RuleSet
from .users import User

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Event",
    "EventSeal",
    "Notice",
    "Organisation",
    "RuleSet",
    "StatutoryHoliday",
    "User",
]
