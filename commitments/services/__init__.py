"""Writes to commitments. Each validates, saves atomically and records an event.

One module per topic: ``lifecycle`` (create, edit, submit, publish, start, progress,
close), ``change_requests``, ``leadership`` and ``obligations``; ``common`` holds the
role, scope and status checks they share. Callers keep importing from
``commitments.services``.
"""

from ..events import EventType  # noqa: F401  (callers use services.EventType)
from .change_requests import (  # noqa: F401
    change_request_approve,
    change_request_create,
    change_request_reject,
)
from .common import (  # noqa: F401
    BASELINE_FIELDS,
    EDITABLE_FIELDS,
    Status,
)
from .leadership import (  # noqa: F401
    LEADERSHIP_FLAGGERS,
    commitments_flag_leadership_change,
    may_flag_leadership_change,
)
from .lifecycle import (  # noqa: F401
    commitment_break,
    commitment_change_lawfully,
    commitment_create,
    commitment_fulfil,
    commitment_publish,
    commitment_reject,
    commitment_start,
    commitment_submit,
    commitment_update,
    commitment_withdraw,
    progress_add,
)
from .obligations import (  # noqa: F401
    obligation_add,
    obligation_pay,
)
