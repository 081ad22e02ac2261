"""Opening a year's assessment: copy a scheme (or start from the template), choose the
assessed units, peer groups, grade bands and timetable; then start it.

An opened campaign is *preparing* (筹备中): its scheme stays editable and nothing is
shown to the units until :func:`start_campaign` freezes the scheme and opens the
self-assessment.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.events import EventType
from assessment.models import Campaign, CampaignUnit, GradeBand, PeerGroup, Scheme, Score
from assessment.services.schemes import (
    DEFAULT_PEER_GROUPS,
    indicator_add,
    scheme_copy,
    scheme_create,
    scheme_validate,
)
from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import require_perm
from integrity.core.workdays import add_working_days

Kind = Organisation.Kind
# NPC and CPPCC offices and the court are state organs the government does not assess.
DEFAULT_EXCLUDED_KINDS = (Kind.ORGAN, Kind.VILLAGE_COMMITTEE)
D = Decimal
STEPS = ("self_assessment", "review", "objection", "publication")
# The template for an office without last year's scheme: (code, name, points, method,
# per_item, cap) with sub-items.
TEMPLATE = [
    ("1", "基本诚信", 30, [("1.1", "政务诚信制度建设", 15), ("1.2", "诚信教育培训宣传", 15)]),
    ("2", "履约践诺", 40, [("2.1", "政务承诺履行", 25), ("2.2", "合同协议履约", 15)]),
    ("3", "失信惩戒与整改", 30, [("3.1", "失信行为整改", 15), ("3.2", "信用修复办理", 15)]),
]
TEMPLATE_EXTRAS = [
    ("4", "政务失信记录扣分", "deduction", D(2), D(10)),
    ("5", "信用创新加分", "bonus", D(1), D(3)),
    ("6", "重大政务失信事件（一票否决）", "veto", None, None),
]


@dataclass(frozen=True)
class PeerGroupSpec:
    name: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class BandSpec:
    name: str
    min_score: Decimal
    quota: Decimal | None = None


@dataclass(frozen=True)
class Timetable:
    """Working days of each step, counted from ``start`` (the self-assessment opens)."""

    start: datetime.date
    self_assessment_days: int = 10
    review_days: int = 10
    objection_days: int = 5
    publication_days: int = 3

    def days(self) -> list[int]:
        return [
            self.self_assessment_days,
            self.review_days,
            self.objection_days,
            self.publication_days,
        ]


def default_timetable_rules(organisation: Organisation, on: datetime.date) -> dict[str, int]:
    """The working days of each step from the office's assessment rules."""
    from assessment.services.campaigns import rules_for

    rules = rules_for(organisation, on)
    return {
        "self_assessment_days": rules.self_assessment_working_days,
        "review_days": Timetable.review_days,
        "objection_days": rules.objection_working_days,
        "publication_days": Timetable.publication_days,
    }


def default_peer_groups() -> list[PeerGroupSpec]:
    return [PeerGroupSpec(name, tuple(kinds)) for name, kinds in DEFAULT_PEER_GROUPS]


def default_kinds() -> list[str]:
    return [kind for kind in Kind.values if kind not in DEFAULT_EXCLUDED_KINDS]


def default_levels(organisation: Organisation) -> list[str]:
    """The levels of the office's direct subordinates (counties and city departments)."""
    children = Organisation.objects.active().filter(parent=organisation)
    return sorted(set(children.values_list("level", flat=True)))


def candidate_units(
    organisation: Organisation,
    *,
    levels: Sequence[str],
    kinds: Sequence[str],
    excluded: Iterable[int] = (),
) -> QuerySet[Organisation]:
    """Active units below ``organisation`` of the chosen levels and kinds, minus exclusions."""
    return (
        Organisation.objects.active()
        .descendants(organisation)
        .filter(level__in=list(levels), kind__in=list(kinds))
        .exclude(pk__in=list(excluded))
        .order_by("path")
    )


def plan_timetable(timetable: Timetable) -> list[dict]:
    """Each step's deadline in working days after the previous one, with the weekdays
    skipped as holidays (name) and whether the calendar of that year was still missing."""
    rows, start = [], timetable.start
    for step, days in zip(STEPS, timetable.days(), strict=True):
        if days < 1:
            raise ValidationError(_("Every step of the timetable needs at least one working day."))
        result = add_working_days(start, days)
        rows.append(
            {
                "step": step,
                "from": start.isoformat(),
                "days": days,
                "deadline": result.value.isoformat(),
                "skipped": [[d.isoformat(), name] for d, name in result.skipped],
                "provisional": result.provisional,
            }
        )
        start = result.value
    return rows


def _template_scheme(*, organisation: Organisation, year: int, actor) -> Scheme:
    scheme = scheme_create(
        organisation=organisation, year=year, by=actor, name=f"{year}年度政务诚信考核方案"
    )
    for order, (code, name, points, leaves) in enumerate(TEMPLATE):
        parent = indicator_add(
            scheme=scheme, by=actor, code=code, name=name, points=D(points), sort_order=order * 10
        )
        for index, (leaf_code, leaf_name, leaf_points) in enumerate(leaves, start=1):
            indicator_add(
                scheme=scheme,
                by=actor,
                parent=parent,
                code=leaf_code,
                name=leaf_name,
                points=D(leaf_points),
                method="manual",
                sort_order=order * 10 + index,
            )
    for index, (code, name, method, per_item, cap) in enumerate(TEMPLATE_EXTRAS):
        indicator_add(
            scheme=scheme,
            by=actor,
            code=code,
            name=name,
            points=D(0),
            method=method,
            per_item=per_item,
            cap=cap,
            sort_order=100 + index,
        )
    return scheme


def _set_groups_and_bands(
    scheme: Scheme, groups: Sequence[PeerGroupSpec] | None, bands: Sequence[BandSpec] | None
) -> None:
    if groups is not None:
        if not groups or any(not g.name.strip() or not g.kinds for g in groups):
            raise ValidationError(_("Each peer group needs a name and at least one kind."))
        scheme.peer_groups.all().delete()
        PeerGroup.objects.bulk_create(
            PeerGroup(scheme=scheme, name=g.name.strip(), kinds=list(g.kinds), sort_order=i)
            for i, g in enumerate(groups)
        )
    if bands is not None:
        if len({b.name for b in bands}) != len(bands) or not bands:
            raise ValidationError(_("The grade bands need distinct names."))
        for band in bands:
            if not 0 <= band.min_score <= scheme.total_points:
                raise ValidationError(_("A band's minimum score must lie between 0 and the total."))
            if band.quota is not None and not 0 < band.quota <= 1:
                raise ValidationError(_("A grade quota must lie between 0 and 1."))
        scheme.bands.all().delete()
        GradeBand.objects.bulk_create(
            GradeBand(scheme=scheme, name=b.name, min_score=b.min_score, quota=b.quota)
            for b in bands
        )


def _enrol(campaign: Campaign, units: QuerySet[Organisation]) -> list[CampaignUnit]:
    groups = list(campaign.scheme.peer_groups.all())
    rows = [
        CampaignUnit(campaign=campaign, organisation=org, peer_group=group)
        for org in units
        if (group := next((g for g in groups if org.kind in g.kinds), None)) is not None
    ]
    if not rows:
        raise ValidationError(_("No unit matches the chosen levels, kinds and peer groups."))
    return CampaignUnit.objects.bulk_create(rows)


@transaction.atomic
def open_campaign(
    *,
    actor,
    organisation: Organisation,
    year: int,
    copy_from: Scheme | None = None,
    levels: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    excluded: Iterable[int] = (),
    peer_groups: Sequence[PeerGroupSpec] | None = None,
    bands: Sequence[BandSpec] | None = None,
    timetable: Timetable | None = None,
) -> Campaign:
    """Open ``year``'s assessment of ``organisation`` in the *preparing* stage.

    The scheme is copied from ``copy_from`` (an earlier scheme of the same office) or
    built from the template; ``peer_groups`` and ``bands``, when given, replace the
    copied ones. Units are the active organisations below the office of the chosen
    ``levels`` and ``kinds`` (default: the subordinates' levels, every kind but state
    organs such as the NPC/CPPCC offices and the court), minus ``excluded`` ids, each in
    the first peer group listing its kind. Raises ValidationError; records an event.
    """
    require_perm(actor, "assessment.add_campaign", organisation)
    if Campaign.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("An assessment of that year has already been opened."))
    if copy_from is not None and copy_from.organisation_id != organisation.pk:
        raise ValidationError(_("Only a scheme of the same office can be copied."))
    if copy_from is not None:
        scheme = scheme_copy(scheme=copy_from, year=year, by=actor)
    else:
        scheme = _template_scheme(organisation=organisation, year=year, actor=actor)
    _set_groups_and_bands(scheme, peer_groups, bands)
    levels = list(levels) if levels else default_levels(organisation)
    kinds = list(kinds) if kinds else default_kinds()
    excluded = sorted(set(excluded))
    plan = plan_timetable(timetable or Timetable(start=timezone.localdate()))
    deadlines = [datetime.date.fromisoformat(row["deadline"]) for row in plan]
    campaign = Campaign.objects.create(
        scheme=scheme,
        organisation=organisation,
        year=year,
        status=Campaign.Status.PREPARING,
        self_assessment_deadline=deadlines[0],
        review_deadline=deadlines[1],
        objection_deadline=deadlines[2],
        publication_date=deadlines[3],
        timetable=plan,
        enrolment={"levels": levels, "kinds": kinds, "excluded": excluded},
    )
    units = _enrol(
        campaign, candidate_units(organisation, levels=levels, kinds=kinds, excluded=excluded)
    )
    record_event(
        type=EventType.CAMPAIGN_PREPARED,
        actor=actor,
        obj=campaign,
        details={
            "year": year,
            "copied_from": copy_from.pk if copy_from else None,
            "units": len(units),
            "excluded": excluded,
        },
    )
    return campaign


@transaction.atomic
def start_campaign(*, actor, campaign: Campaign, on: datetime.date | None = None) -> Campaign:
    """Validate and freeze the scheme, create every unit's score rows, compute the auto
    scores and open the self-assessment. Raises ValidationError (e.g. weights that do
    not add up); records an event."""
    require_perm(actor, "assessment.change_campaign", campaign)
    from assessment.services.campaigns import campaign_compute_auto

    lock(campaign)
    campaign.refresh_from_db()
    if campaign.status != Campaign.Status.PREPARING:
        raise ValidationError(_("This assessment has already started."))
    scheme = Scheme.objects.select_for_update().get(pk=campaign.scheme_id)
    scheme_validate(scheme=scheme)
    scheme.status = Scheme.Status.FROZEN
    scheme.save(update_fields=["status"])
    leaves = list(scheme.indicators.filter(children__isnull=True))
    units = list(campaign.units.all())
    Score.objects.bulk_create(Score(unit=u, indicator=leaf) for u in units for leaf in leaves)
    campaign.status = Campaign.Status.SELF_ASSESSMENT
    campaign.save(update_fields=["status"])
    record_event(type=EventType.SCHEME_FROZEN, actor=actor, obj=scheme)
    record_event(
        type=EventType.CAMPAIGN_STARTED, actor=actor, obj=campaign, details={"units": len(units)}
    )
    campaign_compute_auto(campaign=campaign, by=actor, on=on or timezone.localdate())
    return campaign


@transaction.atomic
def campaign_unit_remove(*, actor, unit: CampaignUnit, reason: str) -> None:
    """Leave a unit out of a campaign that has not started (with the reason why)."""
    require_perm(actor, "assessment.change_campaign", unit.campaign)
    lock(unit.campaign)
    unit.campaign.refresh_from_db()
    if unit.campaign.status != Campaign.Status.PREPARING:
        raise ValidationError(_("Units can be left out only before the assessment starts."))
    if not reason.strip():
        raise ValidationError(_("Please give the reason."))
    campaign = unit.campaign
    excluded = sorted({*campaign.enrolment.get("excluded", []), unit.organisation_id})
    campaign.enrolment = {**campaign.enrolment, "excluded": excluded}
    campaign.save(update_fields=["enrolment"])
    record_event(
        type=EventType.CAMPAIGN_PREPARED,
        actor=actor,
        obj=campaign,
        reason=reason,
        details={"left_out": unit.organisation.name},
    )
    unit.delete()
