"""Schemes: create, edit (only while draft), validate, copy."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.events import EventType
from assessment.models import GradeBand, Indicator, PeerGroup, Scheme
from integrity.core.events import record_event
from integrity.core.models import Organisation
from integrity.core.permissions import require_perm

DEFAULT_BANDS = [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]
DEFAULT_PEER_GROUPS = [
    ("县（市、区）", [Organisation.Kind.GOVERNMENT, Organisation.Kind.ZONE]),
    (
        "市直部门",
        [Organisation.Kind.DEPARTMENT, Organisation.Kind.ORGAN, Organisation.Kind.INSTITUTION],
    ),
]
INDICATOR_FIELDS = (
    "code",
    "name",
    "points",
    "method",
    "metric_code",
    "per_item",
    "cap",
    "description",
    "sort_order",
    "third_party",
)
SCORED = {Indicator.Method.AUTO, Indicator.Method.MANUAL, Indicator.Method.DEDUCTION}


def ensure_editable(scheme: Scheme) -> None:
    """Raises ValidationError once the scheme is frozen (a campaign has started)."""
    if scheme.is_frozen:
        raise ValidationError(
            _(
                "The scheme is frozen because its assessment has started; "
                "it can no longer be changed."
            )
        )


@transaction.atomic
def scheme_create(
    *,
    organisation: Organisation,
    year: int,
    name: str,
    by,
    with_defaults: bool = True,
    total_points: Decimal = Decimal("100"),
    description: str = "",
) -> Scheme:
    """A draft scheme with the default grade bands and peer groups."""
    if Scheme.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("This organisation already has a scheme for that year."))
    scheme = Scheme.objects.create(
        organisation=organisation,
        year=year,
        name=name,
        total_points=total_points,
        description=description,
        created_by=by if getattr(by, "pk", None) else None,
    )
    if with_defaults:
        GradeBand.objects.bulk_create(
            GradeBand(scheme=scheme, name=n, min_score=m) for n, m in DEFAULT_BANDS
        )
        PeerGroup.objects.bulk_create(
            PeerGroup(scheme=scheme, name=n, kinds=list(k), sort_order=i)
            for i, (n, k) in enumerate(DEFAULT_PEER_GROUPS)
        )
    record_event(type=EventType.SCHEME_CREATED, actor=by, obj=scheme, details={"year": year})
    return scheme


@transaction.atomic
def scheme_update(*, scheme: Scheme, by, data: dict[str, Any]) -> Scheme:
    require_perm(by, "assessment.change_scheme", scheme)
    ensure_editable(Scheme.objects.select_for_update().get(pk=scheme.pk))
    for name in ("name", "total_points", "description"):
        if name in data:
            setattr(scheme, name, data[name])
    scheme.save()
    record_event(
        type=EventType.SCHEME_UPDATED,
        actor=by,
        obj=scheme,
        details={k: str(v) for k, v in data.items()},
    )
    return scheme


def _level(parent: Indicator | None) -> int:
    level = parent.level + 1 if parent else 1
    if level > 3:
        raise ValidationError(_("Indicators have at most three levels."))
    return level


@transaction.atomic
def indicator_add(
    *, scheme: Scheme, by, parent: Indicator | None = None, **fields: Any
) -> Indicator:
    require_perm(by, "assessment.change_scheme", scheme)
    ensure_editable(scheme)
    if parent is not None and parent.scheme_id != scheme.pk:
        raise ValidationError(_("The parent indicator belongs to another scheme."))
    indicator = Indicator(scheme=scheme, parent=parent, level=_level(parent), **fields)
    indicator.full_clean()
    indicator.save()
    record_event(
        type=EventType.INDICATOR_CHANGED, actor=by, obj=scheme, details={"added": indicator.code}
    )
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, data: dict[str, Any]) -> Indicator:
    require_perm(by, "assessment.change_scheme", indicator.scheme)
    ensure_editable(indicator.scheme)
    if "parent" in data:
        indicator.parent = data["parent"]
        indicator.level = _level(indicator.parent)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    indicator.full_clean()
    indicator.save()
    record_event(
        type=EventType.INDICATOR_CHANGED,
        actor=by,
        obj=indicator.scheme,
        details={"changed": indicator.code},
    )
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    require_perm(by, "assessment.change_scheme", indicator.scheme)
    ensure_editable(indicator.scheme)
    record_event(
        type=EventType.INDICATOR_CHANGED,
        actor=by,
        obj=indicator.scheme,
        details={"deleted": indicator.code},
    )
    indicator.delete()


# --- validation -------------------------------------------------------------------------


def _leaf_problems(leaf: Indicator) -> list[str]:
    code, method = {"code": leaf.code}, leaf.method
    if not method:
        return [_("Indicator %(code)s is a leaf without a scoring method.") % code]
    problems = []
    if method in (Indicator.Method.BONUS, Indicator.Method.VETO) and leaf.points:
        problems.append(_("Indicator %(code)s: bonus and veto items carry no points.") % code)
    if method in (Indicator.Method.DEDUCTION, Indicator.Method.BONUS):
        if not leaf.cap or leaf.cap <= 0:
            problems.append(_("Indicator %(code)s needs a positive cap.") % code)
        elif leaf.per_item is None or not 0 < leaf.per_item <= leaf.cap:
            problems.append(
                _("Indicator %(code)s: points per item must be positive and not above the cap.")
                % code
            )
    if (method == Indicator.Method.AUTO and not leaf.third_party) or leaf.metric_code:
        from assessment.metrics import METRICS

        if leaf.metric_code not in METRICS:
            problems.append(_("Indicator %(code)s has an unknown metric.") % code)
    return problems


def _sum_problems(scheme: Scheme, nodes: list[Indicator]) -> list[str]:
    problems = []
    children: dict[int | None, list[Indicator]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    if sum((n.points for n in children.get(None, [])), Decimal(0)) != scheme.total_points:
        problems.append(_("The first-level points do not add up to the scheme's total."))
    for node in nodes:
        kids = children.get(node.pk)
        if kids and sum((k.points for k in kids), Decimal(0)) != node.points:
            problems.append(
                _("The points under %(code)s do not add up to its points.") % {"code": node.code}
            )
        if kids and node.method:
            problems.append(
                _("Indicator %(code)s has sub-indicators and cannot have a scoring method.")
                % {"code": node.code}
            )
        if not kids:
            problems.extend(_leaf_problems(node))
    return problems


def _band_problems(scheme: Scheme) -> list[str]:
    bands = list(scheme.bands.all())
    problems = []
    if not bands or min(b.min_score for b in bands) != 0:
        problems.append(_("The grade bands must include a lowest band starting at 0."))
    if any(b.quota is not None and not 0 < b.quota <= 1 for b in bands):
        problems.append(_("A grade quota must lie between 0 and 1."))
    if not scheme.peer_groups.exists():
        problems.append(_("The scheme needs at least one peer group."))
    return problems


def scheme_problems(scheme: Scheme) -> list[str]:
    """Every reason the scheme cannot be used yet (empty list: it is valid)."""
    nodes = list(scheme.indicators.all())
    if not nodes:
        return [_("The scheme has no indicators.")]
    return _sum_problems(scheme, nodes) + _band_problems(scheme)


def scheme_validate(*, scheme: Scheme) -> None:
    """Raises ValidationError listing every problem of the scheme."""
    problems = scheme_problems(scheme)
    if problems:
        raise ValidationError(problems)


# --- copy -------------------------------------------------------------------------------


@transaction.atomic
def scheme_copy(*, scheme: Scheme, year: int, by) -> Scheme:
    """A draft copy of ``scheme`` for ``year``: indicator tree, bands and peer groups."""
    copy = scheme_create(
        organisation=scheme.organisation,
        year=year,
        by=by,
        with_defaults=False,
        name=scheme.name.replace(str(scheme.year), str(year)),
        total_points=scheme.total_points,
        description=scheme.description,
    )
    copy.copied_from = scheme
    copy.save(update_fields=["copied_from"])
    new_ids: dict[int, Indicator] = {}
    for node in scheme.indicators.order_by("level", "sort_order", "pk"):
        values = {name: getattr(node, name) for name in INDICATOR_FIELDS}
        new_ids[node.pk] = Indicator.objects.create(
            scheme=copy,
            parent=new_ids.get(node.parent_id) if node.parent_id else None,
            level=node.level,
            **values,
        )
    GradeBand.objects.bulk_create(
        GradeBand(scheme=copy, name=b.name, min_score=b.min_score, quota=b.quota)
        for b in scheme.bands.all()
    )
    PeerGroup.objects.bulk_create(
        PeerGroup(scheme=copy, name=g.name, kinds=g.kinds, sort_order=g.sort_order)
        for g in scheme.peer_groups.all()
    )
    record_event(
        type=EventType.SCHEME_COPIED, actor=by, obj=copy, details={"from": scheme.pk, "year": year}
    )
    return copy


@transaction.atomic
def indicator_weights_set(*, scheme: Scheme, by, weights: dict[int, Decimal]) -> int:
    """Set the points of several nodes at once (``{indicator_id: points}``), while the
    scheme is a draft; the sums are checked when the campaign starts. Returns how many
    nodes changed; records one event listing them."""
    require_perm(by, "assessment.change_scheme", scheme)
    ensure_editable(Scheme.objects.select_for_update().get(pk=scheme.pk))
    if any(value is None or value < 0 for value in weights.values()):
        raise ValidationError(_("Points cannot be negative."))
    nodes = list(scheme.indicators.filter(pk__in=list(weights)))
    changed = [n for n in nodes if n.points != weights[n.pk]]
    details = {n.code: [str(n.points), str(weights[n.pk])] for n in changed}
    for node in changed:
        node.points = weights[node.pk]
    Indicator.objects.bulk_update(changed, ["points"])
    if changed:
        record_event(
            type=EventType.INDICATOR_CHANGED, actor=by, obj=scheme, details={"weights": details}
        )
    return len(changed)
