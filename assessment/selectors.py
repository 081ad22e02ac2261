"""Reads that feed pages: who sees which results, published results for the portal."""

from collections.abc import Iterable

import pandas as pd

from django.db.models import Count, Q, QuerySet

from assessment import scoring
from assessment.models import Campaign, CampaignUnit, GradeBand, Score
from integrity.core.permissions import acts_everywhere, is_backoffice, scope_queryset


def campaigns_assessed_by(user) -> QuerySet[Campaign]:
    """Campaigns run by the user's organisation or below it (for the assessor)."""
    return scope_queryset(user, Campaign.objects.select_related("scheme", "organisation"))


def units_visible_to(user, campaign: Campaign) -> QuerySet[CampaignUnit]:
    """The assessor sees every unit; a unit sees only itself and only from provisional."""
    units = campaign.units.select_related("organisation", "peer_group")
    if acts_everywhere(user) or campaigns_assessed_by(user).filter(pk=campaign.pk).exists():
        return units
    if not is_backoffice(user) or not campaign.results_visible_to_units:
        return units.none()
    return units.filter(organisation_id=user.organisation_id)


def scores_of(unit: CampaignUnit) -> QuerySet[Score]:
    return unit.scores.select_related("indicator", "indicator__parent").order_by(
        "indicator__sort_order", "indicator__code"
    )


def own_units(user) -> QuerySet[CampaignUnit]:
    """The user's own unit in every campaign (for self-assessment and results)."""
    if not is_backoffice(user) or not user.organisation_id:
        return CampaignUnit.objects.none()
    return (
        CampaignUnit.objects.filter(organisation_id=user.organisation_id)
        .exclude(campaign__status=Campaign.Status.PREPARING)
        .select_related("campaign__scheme", "peer_group")
    )


# --- portal (public) --------------------------------------------------------------------


def published_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status=Campaign.Status.PUBLISHED).select_related(
        "organisation", "scheme"
    )


def previous_campaign(campaign: Campaign) -> Campaign | None:
    return (
        published_campaigns()
        .filter(organisation=campaign.organisation, year=campaign.year - 1)
        .first()
    )


def result_frame(campaign: Campaign) -> pd.DataFrame:
    columns = [
        "id",
        "organisation_id",
        "organisation__name",
        "peer_group__name",
        "peer_group__sort_order",
        "total",
        "rank",
        "grade",
        "vetoed",
    ]
    return pd.DataFrame(campaign.units.values(*columns), columns=columns)


def ranking(campaign: Campaign) -> list[dict]:
    """Published ranking, one dict per unit, with last year's result beside it."""
    frame = result_frame(campaign)
    frame["total"] = frame["total"].astype(float)
    previous = previous_campaign(campaign)
    if previous is not None:
        frame = scoring.year_over_year(frame, result_frame(previous).astype({"total": float}))
    else:
        frame = frame.assign(
            previous_total=None,
            previous_rank=None,
            previous_grade=None,
            total_change=None,
            rank_change=None,
        )
    frame = frame.sort_values(["peer_group__sort_order", "rank", "organisation__name"])
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def grouped_ranking(campaign: Campaign) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for row in ranking(campaign):
        groups.setdefault(row["peer_group__name"], []).append(row)
    return list(groups.items())


def grade_distribution(
    campaign: Campaign, bands: Iterable[GradeBand] | None = None
) -> list[tuple[str, int]]:
    """How many units got each grade; pass the bands already loaded to save a query."""
    counts = dict(campaign.units.values_list("grade").annotate(n=Count("id")).order_by())
    bands = campaign.scheme.bands.all() if bands is None else bands
    return [(band.name, counts.get(band.name, 0)) for band in bands]


# --- API --------------------------------------------------------------------------------

VISIBLE_TO_UNITS = (Campaign.Status.PROVISIONAL, Campaign.Status.FINAL, Campaign.Status.PUBLISHED)


def api_units(user) -> QuerySet[CampaignUnit]:
    """Results the user may read: every unit of the campaigns their office assesses
    (assessor, leader, sysadmin roles), and their own unit's result once provisional
    results are out. Anonymous visitors: nothing (they read published results)."""
    from assessment.permissions import VIEWERS

    units = CampaignUnit.objects.select_related("campaign", "organisation", "peer_group")
    if acts_everywhere(user):
        return units
    if not is_backoffice(user):
        return units.none()
    assessed = Q(pk__in=[])
    if user.role in VIEWERS:
        assessed = Q(campaign__in=campaigns_assessed_by(user).values("pk"))
    own = Q(organisation_id=user.organisation_id, campaign__status__in=VISIBLE_TO_UNITS)
    return units.filter(assessed | own)


def published_units() -> QuerySet[CampaignUnit]:
    return CampaignUnit.objects.published().select_related(
        "campaign__organisation", "organisation", "peer_group"
    )
