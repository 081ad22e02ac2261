"""Who may do what in the assessment: the assessor manages, units see their own results.

* The assessment office (role ``assessor``) of the assessing organisation manages
  schemes and campaigns and reviews scores; leaders and sysadmins there may view.
* An assessed unit sees its own row and scores, and only once provisional results
  are out (its self-assessment items excepted); never another unit's.
"""

import rules

from integrity.core.models.users import Role
from integrity.core.permissions import (
    add_model_perms,
    has_role,
    in_scope,
    in_user_scope,
    rule_perms,
)

MANAGERS = (Role.ASSESSOR, Role.SYSADMIN)
VIEWERS = (Role.ASSESSOR, Role.SYSADMIN, Role.LEADER)
UNIT_ROLES = (Role.OPERATOR, Role.LEADER)


def campaign_of(obj):
    for path in ("unit.campaign", "campaign", "score.unit.campaign"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return target
    return None


@rules.predicate
def assesses(user, obj=None) -> bool:
    """The object's campaign is run by the user's organisation or one above it."""
    if obj is None:
        return True
    campaign = campaign_of(obj)
    return campaign is not None and in_user_scope(user, campaign.organisation)


@rules.predicate
def own_unit_result(user, obj=None) -> bool:
    """The user's own unit, once provisional results are out."""
    if obj is None:
        return True
    unit = getattr(obj, "unit", obj)
    campaign = unit.campaign
    return (
        user.is_authenticated
        and user.organisation_id == unit.organisation_id
        and campaign.results_visible_to_units
    )


@rules.predicate
def own_unit(user, obj=None) -> bool:
    if obj is None:
        return True
    unit = getattr(obj, "unit", obj)
    return user.is_authenticated and user.organisation_id == unit.organisation_id


managers = has_role(*MANAGERS) & in_scope
viewers = has_role(*VIEWERS) & in_scope
scheme_perms = {
    "view": viewers,
    "export": viewers,
    "add": managers,
    "change": managers,
    "delete": managers,
}
for model in ("scheme", "indicator", "gradeband", "peergroup", "campaign"):
    add_model_perms(f"assessment.{model}", scheme_perms)
add_model_perms(
    "assessment.assessmentrules",
    rule_perms(view=has_role(*VIEWERS), manage=has_role(*MANAGERS)),
)

assessor_view = has_role(*VIEWERS) & assesses
assessor_manage = has_role(*MANAGERS) & assesses
add_model_perms(
    "assessment.campaignunit",
    {
        "view": assessor_view | own_unit_result,
        "export": assessor_view,
        "change": assessor_manage,
    },
)
add_model_perms(
    "assessment.score",
    {
        "view": assessor_view | own_unit_result,
        "export": assessor_view,
        "change": assessor_manage,
        "selfassess": has_role(*UNIT_ROLES) & own_unit,
    },
)
add_model_perms(
    "assessment.objection",
    {
        "view": assessor_view | own_unit,
        "add": has_role(*UNIT_ROLES) & own_unit_result,
        "change": assessor_manage,
    },
)
add_model_perms("assessment.scorechange", {"view": assessor_view})
add_model_perms("assessment.reportjob", {"view": assessor_view, "add": assessor_manage})
