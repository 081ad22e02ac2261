"""Permissions of the records app: the credit office manages records, HR runs credit checks."""

import rules

from integrity.core.models.users import Role
from integrity.core.permissions import (
    add_model_perms,
    has_role,
    in_scope,
    organisation_of,
    rule_perms,
    scoped_crud,
    sysadmin,
)

CREDIT = (Role.SYSADMIN, Role.CREDIT_OFFICE)
VIEW_RECORDS = (
    Role.SYSADMIN,
    Role.CREDIT_OFFICE,
    Role.ASSESSOR,
    Role.LEADER,
    Role.OPERATOR,
    Role.HR,
)
HANDLE_COMPLAINTS = (Role.SYSADMIN, Role.CREDIT_OFFICE, Role.LEADER, Role.OPERATOR)

for model in ("dishonestyrecord", "objection", "repairapplication", "sanction", "recordevidence"):
    add_model_perms(f"records.{model}", scoped_crud(view=VIEW_RECORDS, manage=CREDIT))

add_model_perms("records.official", scoped_crud(view=(*CREDIT, Role.HR), manage=(*CREDIT, Role.HR)))
add_model_perms(
    "records.officialentry", scoped_crud(view=(*CREDIT, Role.HR), manage=(*CREDIT, Role.HR))
)
add_model_perms(
    "records.creditcheck",
    {
        "view": has_role(*CREDIT, Role.HR) & in_scope,
        "export": has_role(*CREDIT, Role.HR) & in_scope,
        "add": has_role(Role.SYSADMIN, Role.HR) & in_scope,
        "change": sysadmin & in_scope,
        "delete": sysadmin & in_scope,
    },
)
# Reports come only from the portal: nobody adds one in the back office.
_complaint_perms = scoped_crud(view=HANDLE_COMPLAINTS, manage=HANDLE_COMPLAINTS)
_complaint_perms["add"] = has_role()
add_model_perms("records.complaint", _complaint_perms)
add_model_perms(
    "records.complaintattachment", scoped_crud(view=HANDLE_COMPLAINTS, manage=HANDLE_COMPLAINTS)
)
for _rule in ("publicationrule", "procedurerule", "sanctionmeasure", "listcriteria"):
    add_model_perms(f"records.{_rule}", rule_perms(view=has_role(*CREDIT), manage=sysadmin))

# --- the unit's side, joint sanctions, red and black lists ---------------------------------

UNIT = (Role.LEADER, Role.OPERATOR)


@rules.predicate
def own_unit(user, obj=None) -> bool:
    """The record is the user's own unit's (the notified unit answers it, nobody above)."""
    if obj is None:
        return True
    org = organisation_of(obj)
    return org is not None and org.pk == user.organisation_id


# The notified unit answers its own records: explanation, rectification, objection, repair.
add_model_perms(
    "records.dishonestyrecord",
    {"respond": has_role(*UNIT) & own_unit, "dispatch": has_role(*CREDIT) & in_scope},
)
# A dispatch is scoped by its implementing department: the department's users implement it,
# the credit office above it follows it.
add_model_perms(
    "records.sanctiondispatch",
    {
        "view": has_role(*CREDIT, *UNIT) & in_scope,
        "export": has_role(*CREDIT) & in_scope,
        "add": has_role(*CREDIT) & in_scope,
        "change": has_role(*CREDIT) & in_scope,
        "implement": has_role(*UNIT) & in_scope,
        "delete": sysadmin & in_scope,
    },
)
add_model_perms("records.listissue", scoped_crud(view=CREDIT, manage=CREDIT))
add_model_perms("records.listentry", scoped_crud(view=CREDIT, manage=CREDIT))
