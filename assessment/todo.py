"""The assessment's items on the back-office home (hook ``integrity_todo_items``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import selectors
from assessment.models import Campaign, Objection
from integrity.core.display import cn_date

GROUP = "年度考核"


def _item(label: str, count: int, url: str, level: str = "info") -> dict:
    return {"group": GROUP, "label": label, "count": count, "url": url, "level": level}


def office_items(user) -> list[dict]:
    """Preparing campaigns to start, self-assessments to review, objections to answer."""
    if not user.has_perm("assessment.add_campaign", user.organisation):
        return []
    campaigns = selectors.campaigns_assessed_by(user)
    items = []
    for campaign in campaigns.filter(status=Campaign.Status.PREPARING):
        items.append(
            _item(
                _("%(year)s assessment: prepare and start") % {"year": campaign.year},
                1,
                reverse("assessment_admin:prepare", args=[campaign.pk]),
            )
        )
    today = timezone.localdate()
    for campaign in campaigns.filter(status=Campaign.Status.SELF_ASSESSMENT):
        waiting = campaign.units.filter(self_submitted_at__isnull=True).count()
        if waiting:
            deadline = campaign.self_assessment_deadline
            items.append(
                _item(
                    _("%(year)s assessment: units yet to submit (closes %(day)s)")
                    % {"year": campaign.year, "day": cn_date(deadline)},
                    waiting,
                    reverse("assessment_admin:campaign", args=[campaign.pk]),
                    "danger" if deadline and deadline < today else "info",
                )
            )
    for campaign in campaigns.filter(status=Campaign.Status.REVIEW):
        count = campaign.units.filter(self_submitted_at__isnull=False).count()
        items.append(
            _item(
                _("%(year)s assessment: self-assessments to review") % {"year": campaign.year},
                count,
                reverse("assessment_admin:campaign", args=[campaign.pk]),
                "warning",
            )
        )
    objections = Objection.objects.filter(
        status=Objection.Status.OPEN, unit__campaign__in=campaigns.values("pk")
    )
    for campaign_id in set(objections.values_list("unit__campaign_id", flat=True)):
        items.append(
            _item(
                _("Objections to answer"),
                objections.filter(unit__campaign_id=campaign_id).count(),
                reverse("assessment_admin:campaign", args=[campaign_id]),
                "danger",
            )
        )
    return items


def unit_items(user) -> list[dict]:
    """The unit's self-assessment to submit and provisional results open to objection."""
    today, items = timezone.localdate(), []
    for unit in selectors.own_units(user).select_related("campaign"):
        campaign = unit.campaign
        url = reverse("assessment_admin:unit", args=[unit.pk])
        if campaign.status == Campaign.Status.SELF_ASSESSMENT and not unit.self_submitted_at:
            late = campaign.self_assessment_deadline and campaign.self_assessment_deadline < today
            items.append(
                _item(
                    _("%(year)s self-assessment due %(day)s")
                    % {"year": campaign.year, "day": cn_date(campaign.self_assessment_deadline)},
                    1,
                    url,
                    "danger" if late else "warning",
                )
            )
        elif campaign.status == Campaign.Status.PROVISIONAL:
            items.append(
                _item(
                    _("%(year)s provisional result: objections until %(day)s")
                    % {"year": campaign.year, "day": cn_date(campaign.objection_deadline)},
                    1,
                    url,
                )
            )
    return items


def todo_items(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated or not user.organisation_id:
        return []
    return office_items(user) + unit_items(user)
