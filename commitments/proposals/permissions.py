"""Who may do what with suggestions and proposals.

The office (role proposal_office, sitting at the city) registers, assigns and
publishes; unit operators draft replies for items assigned to their unit; unit
leaders approve them; deputies see their own items and rate the replies.
"""

import rules

from integrity.core.models.users import Role
from integrity.core.permissions import (
    add_model_perms,
    backoffice_user,
    has_role,
    in_scope,
    rule_perms,
)

from . import selectors

office = has_role(Role.PROPOSAL_OFFICE, Role.SYSADMIN)
unit_staff = has_role(Role.OPERATOR, Role.LEADER)
unit_leader = has_role(Role.LEADER)
deputy = has_role(Role.DEPUTY)


@rules.predicate
def sees_item(user, item=None) -> bool:
    if item is None:
        return True
    return selectors.items_for(user).filter(pk=item.pk).exists()


@rules.predicate
def item_of_office(user, item=None) -> bool:
    return item is None or in_scope(user, item.organisation)


@rules.predicate
def sees_reply(user, reply=None) -> bool:
    if reply is None:
        return True
    return selectors.replies_for(user).filter(pk=reply.pk).exists()


@rules.predicate
def reply_of_office(user, reply=None) -> bool:
    return reply is None or in_scope(user, reply.assignment.item.organisation)


@rules.predicate
def assignment_of_office(user, assignment=None) -> bool:
    return assignment is None or in_scope(user, assignment.item.organisation)


viewer = backoffice_user & sees_item
add_model_perms(
    "proposals.item",
    {
        "view": viewer,
        "export": office & item_of_office,
        "add": office & item_of_office,
        "change": office & item_of_office,
        "delete": has_role(Role.SYSADMIN) & item_of_office,
        "assign": office & item_of_office,
        "publish": office & item_of_office,
    },
)
add_model_perms(
    "proposals.reply",
    {
        "view": backoffice_user & sees_reply,
        "export": (office & reply_of_office) | (unit_staff & in_scope),
        "add": unit_staff & in_scope,
        "change": unit_staff & in_scope,
        "delete": has_role(Role.SYSADMIN) & in_scope,
        "approve": unit_leader & in_scope,
        "publish": office & reply_of_office,
        "rate": deputy & sees_reply,
    },
)
add_model_perms(
    "proposals.assignment",
    {
        "view": (office & assignment_of_office) | (unit_staff & in_scope),
        "change": unit_staff & in_scope,
        "decide": office & assignment_of_office,
    },
)
add_model_perms(
    "proposals.member",
    {
        "view": office & in_scope,
        "add": office & in_scope,
        "change": office & in_scope,
        "delete": has_role(Role.SYSADMIN) & in_scope,
        "export": office & in_scope,
    },
)
for name in ("handlingrule", "replycategory"):
    add_model_perms(
        f"proposals.{name}",
        rule_perms(view=backoffice_user, manage=office, delete=has_role(Role.SYSADMIN)),
    )
for name in ("returnrequest", "extensionrequest", "communication", "rating"):
    add_model_perms(f"proposals.{name}", {"view": backoffice_user & in_scope})
