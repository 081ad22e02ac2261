"""Who may do what with the money registers (the core permission layer)."""

from integrity.core.models.users import Role
from integrity.core.permissions import add_model_perms, backoffice_user, has_role, in_scope

WRITERS = (Role.SYSADMIN, Role.LEADER, Role.OPERATOR)
viewers = backoffice_user & in_scope
writers = has_role(*WRITERS) & in_scope

for model in ("smecontract", "smepaymentrecord", "obligationpayment", "fiscalyear"):
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
