"""Who may do what with commitments (registered with the core permission layer)."""

from integrity.core.models.users import Role
from integrity.core.permissions import (
    add_model_perms,
    backoffice_user,
    has_role,
    in_scope,
    rule_perms,
)

WRITERS = (Role.SYSADMIN, Role.LEADER, Role.OPERATOR)
viewers = backoffice_user & in_scope
writers = has_role(*WRITERS) & in_scope

for model in (
    "commitment",
    "progressupdate",
    "changerequest",
    "milestone",
    "obligation",
    "smepayment",
    "pppproject",
    "localdebt",
    "evidence",
    "importjob",
):
    add_model_perms(
        f"commitments.{model}",
        {
            "view": viewers,
            "export": viewers,
            "add": writers,
            "change": writers,
            "delete": has_role(Role.SYSADMIN) & in_scope,
        },
    )

sysadmin_only = has_role(Role.SYSADMIN)
for rule in ("duesoonrule", "smepaymentrule", "debtriskrule", "ppplimitrule"):
    add_model_perms(f"commitments.{rule}", rule_perms(view=backoffice_user, manage=sysadmin_only))
