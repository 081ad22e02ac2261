"""The one permission layer: roles, organisation scope and ``rules`` predicates.

Every back-office view, API endpoint and export asks this module two questions:
*may this user do this action on this kind of thing* (``user.has_perm`` backed
by the predicates registered below) and *which rows may the user see*
(:func:`scope_queryset`). A user acts only inside the subtree of their own
organisation; superusers act everywhere; anonymous users act nowhere.

A model takes part by naming the path of its organisation in ``scope_path``
(``"path"`` for organisations, ``"organisation__path"`` for most others).
"""

from collections.abc import Iterable
from typing import TypeVar

import rules
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from integrity.core.models import Organisation
from integrity.core.models.users import Role

QS = TypeVar("QS", bound=models.QuerySet)

BACKOFFICE_ROLES = frozenset(Role.values)


def is_backoffice(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.role in BACKOFFICE_ROLES


def acts_everywhere(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def org_scope(user) -> models.QuerySet:
    """Organisations the user may act on: their own organisation's subtree."""
    if acts_everywhere(user):
        return Organisation.objects.all()
    if not is_backoffice(user) or not user.organisation_id:
        return Organisation.objects.none()
    return Organisation.objects.subtree(user.organisation)


def scope_path_of(model: type[models.Model]) -> str | None:
    """The organisation path lookup of ``model``; ``None`` declares national data."""
    try:
        return model.scope_path
    except AttributeError as error:
        raise TypeError(f"{model.__name__} does not declare scope_path") from error


def scope_queryset(user, queryset: QS) -> QS:
    """Restrict ``queryset`` to rows whose organisation lies in the user's subtree."""
    if acts_everywhere(user):
        return queryset
    if not is_backoffice(user) or not user.organisation_id:
        return queryset.none()
    path = scope_path_of(queryset.model)
    if path is None:  # national data (the calendar): every back-office user reads it
        return queryset
    lookup = f"{path}__startswith"
    return queryset.filter(**{lookup: user.organisation.path})


def require_perm(user, perm: str | tuple[str, ...], obj=None, message: str = "") -> None:
    """For services: refuse unless ``user`` holds ``perm`` (or one of them) on ``obj``.

    Services call it so that the role and the scope are checked however they are called
    (back office, API, task, shell), not only by the view in front of them. ``user=None``
    is the system (beat tasks, imports, demo seeding) and passes. Raises
    ``PermissionDenied`` with a Chinese message.
    """
    perms = (perm,) if isinstance(perm, str) else perm
    if user is None or any(user.has_perm(p, obj) for p in perms):
        return
    raise PermissionDenied(message or _("Your role does not allow this action."))


def organisation_of(obj) -> Organisation | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    getter = getattr(obj, "scope_organisation", None)
    if callable(getter):
        return getter()
    return getattr(obj, "organisation", None)


def in_user_scope(user, org: Organisation | None) -> bool:
    if acts_everywhere(user):
        return True
    if org is None or not is_backoffice(user) or not user.organisation_id:
        return False
    return org.is_within(user.organisation)


# --- predicates -----------------------------------------------------------------


@rules.predicate
def backoffice_user(user) -> bool:
    return is_backoffice(user)


@rules.predicate
def in_scope(user, obj=None) -> bool:
    """Object-level: the object's organisation is in the user's subtree.

    Without an object (a model-level question such as "may I open the list")
    the answer is yes; the list itself is then filtered by ``scope_queryset``.
    """
    if obj is None:
        return True
    return in_user_scope(user, organisation_of(obj))


def has_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role:{','.join(sorted(wanted))}")
    def predicate(user) -> bool:
        return bool(user.is_authenticated and user.is_active and user.role in wanted)

    return predicate


sysadmin = has_role(Role.SYSADMIN)


def add_model_perms(app_model: str, actions: dict[str, rules.Predicate]) -> None:
    """Register ``app.action_model`` permissions, e.g. ``core.change_organisation``."""
    app, model = app_model.split(".")
    for action, predicate in actions.items():
        rules.set_perm(f"{app}.{action}_{model}", predicate)


def scoped_crud(
    *, view: Iterable[str] = BACKOFFICE_ROLES, manage: Iterable[str] = (Role.SYSADMIN,)
) -> dict[str, rules.Predicate]:
    """The usual pattern: some roles view, fewer manage, always inside the subtree."""
    viewers = has_role(*view) & in_scope
    managers = has_role(*manage) & in_scope
    return {
        "view": viewers,
        "export": viewers,
        "add": managers,
        "change": managers,
        "delete": sysadmin & in_scope,
    }


# --- rule tables ------------------------------------------------------------------


def sets_national_rules(user) -> bool:
    """Only the system administrator writes the national defaults (no jurisdiction)."""
    return acts_everywhere(user) or bool(
        user.is_authenticated and user.is_active and user.role == Role.SYSADMIN
    )


@rules.predicate
def rule_readable(user, obj=None) -> bool:
    """A rule row the user works under or above: national, of an ancestor, or in the subtree."""
    if obj is None or obj.jurisdiction_id is None or acts_everywhere(user):
        return True
    org = user.organisation if is_backoffice(user) and user.organisation_id else None
    return org is not None and (
        obj.jurisdiction_id in [*org.ancestor_ids, org.pk] or obj.jurisdiction.is_within(org)
    )


@rules.predicate
def rule_writable(user, obj=None) -> bool:
    """A local row inside the user's subtree; a national row only for the system administrator."""
    if obj is None:
        return True
    if obj.jurisdiction_id is None:
        return sets_national_rules(user)
    return in_user_scope(user, obj.jurisdiction)


def rule_perms(
    *, view: rules.Predicate, manage: rules.Predicate, delete: rules.Predicate | None = None
) -> dict[str, rules.Predicate]:
    """The permissions of a rule table: ``view`` roles read, ``manage`` roles write, row by row."""
    readers = view & rule_readable
    writers = manage & rule_writable
    return {
        "view": readers,
        "export": readers,
        "add": writers,
        "change": writers,
        "delete": (manage if delete is None else delete) & rule_writable,
    }


def rule_scope(user, queryset: QS) -> QS:
    """The rule rows of ``queryset`` that :func:`rule_readable` lets the user read."""
    if acts_everywhere(user):
        return queryset
    if not is_backoffice(user) or not user.organisation_id:
        return queryset.none()
    org = user.organisation
    return queryset.filter(
        models.Q(jurisdiction__isnull=True)
        | models.Q(jurisdiction_id__in=[*org.ancestor_ids, org.pk])
        | models.Q(jurisdiction__path__startswith=org.path)
    )


rules.set_perm("wagtailadmin.access_admin", backoffice_user)

add_model_perms(
    "core.organisation",
    scoped_crud(manage=(Role.SYSADMIN, Role.LEADER, Role.OPERATOR)),
)
add_model_perms("core.user", scoped_crud(manage=(Role.SYSADMIN, Role.LEADER)))
add_model_perms(
    "core.event",
    {"view": backoffice_user & in_scope, "export": backoffice_user & in_scope},
)
add_model_perms(
    "core.calendarday",
    {
        "view": backoffice_user,
        "export": backoffice_user,
        "add": sysadmin,
        "change": sysadmin,
        "delete": sysadmin,
    },
)
add_model_perms("core.statutoryholiday", rule_perms(view=backoffice_user, manage=sysadmin))
add_model_perms("core.calendaryear", {"view": backoffice_user, "add": sysadmin, "change": sysadmin})
add_model_perms(
    "core.notice", {"view": backoffice_user & in_scope, "change": backoffice_user & in_scope}
)
