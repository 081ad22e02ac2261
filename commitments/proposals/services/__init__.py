"""Writes of the suggestions and proposals workflow; each records an event.

One module per topic: ``items`` (roster, registration, assignment, merging, key
supervision), ``unit_requests`` (return and extension), ``replies`` (communication,
opinions, replies, approval, follow-up, publication), ``ratings`` (satisfaction and
re-handling) and ``reminders``; ``common`` holds the rules, categories and the office
check. Callers keep importing from ``commitments.proposals.services``.
"""

from ..events import EventType  # noqa: F401  (callers use services.EventType)
from .common import (  # noqa: F401
    add_months,
    categories_for,
    category_of,
    is_office,
    rules_for,
    today,
)
from .items import (  # noqa: F401
    ITEM_FIELDS,
    ROLE_OF_MODE,
    item_assign,
    item_assign_merged,
    item_mark_key,
    item_merge,
    item_reassign,
    item_register,
    item_update,
    member_create,
)
from .ratings import (  # noqa: F401
    rating_submit,
    rating_submit_as_user,
)
from .reminders import (  # noqa: F401
    item_remind,
    reminders_send,
)
from .replies import (  # noqa: F401
    PUBLICATIONS,
    _followup_create,
    communication_record,
    opinion_submit,
    pending_cohandlers,
    reply_approve,
    reply_draft,
    reply_publish,
    reply_send_back,
    reply_submit,
    reply_update,
)
from .unit_requests import (  # noqa: F401
    extension_decide,
    extension_request,
    first_assigned_on,
    return_decide,
    return_request,
    return_window_end,
)
