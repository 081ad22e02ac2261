from .calendar import CalendarDay, CalendarYear, StatutoryHoliday
from .events import Event
from .notices import Notice
from .organisations import Organisation
from .rules import RuleSet
from .users import User

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Event",
    "Notice",
    "Organisation",
    "RuleSet",
    "StatutoryHoliday",
    "User",
]
