"""Suggestions (NPC) and proposals (CPPCC): rules, roster, items, assignments, replies.

One module per topic: ``rule_tables`` (handling rules, reply categories), ``items`` (roster,
items, assignments and the unit's requests), ``replies`` (replies and ratings); online
submissions live in ``models_submissions``. Callers keep importing from
``commitments.proposals.models``.
"""

from .items import (  # noqa: F401
    Assignment,
    Communication,
    ExtensionRequest,
    Item,
    ItemQuerySet,
    Member,
    ReturnRequest,
)
from .replies import (  # noqa: F401
    PHONE_RE,
    SECRET_MARKERS,
    SECRET_RE,
    WITHHELD,
    Rating,
    Reply,
    ReplyQuerySet,
)
from .rule_tables import (  # noqa: F401
    HandlingRule,
    Kind,
    ReplyCategory,
)

# isort: split


# Online submissions live in their own module (kept under 500 lines); imported here so
# Django finds the model.
from ..models_submissions import Submission  # noqa: E402, F401
