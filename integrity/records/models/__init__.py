"""Models of the records app, one module per area; everything is importable from here."""

from .complaints import *  # noqa: F403
from .joint import (  # noqa: F401
    OPEN_DISPATCH,
    DispatchStatus,
    MeasureKind,
    MeasureSubject,
    SanctionDispatch,
    SanctionMeasure,
)
from .lists import ListCriteria, ListEntry, ListIssue  # noqa: F401
from .officials import CreditCheck, Official, OfficialEntry  # noqa: F401
from .records import *  # noqa: F403
from .records import add_months  # noqa: F401
