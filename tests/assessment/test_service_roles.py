"""The assessment services refuse a unit that tries the office's steps."""

import pytest

from django.core.exceptions import PermissionDenied

from assessment import services
from assessment.models import Campaign, Objection
from assessment.services import opening

pytestmark = pytest.mark.django_db


def test_a_unit_cannot_move_the_campaign_on(campaign, county_operator):
    with pytest.raises(PermissionDenied, match="角色"):
        services.campaign_start_review(campaign=campaign, by=county_operator)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SELF_ASSESSMENT


def test_a_unit_cannot_review_its_own_score_or_answer_its_objection(
    provisional_campaign, county, county_operator
):
    unit = provisional_campaign.units.get(organisation=county)
    score = unit.scores.first()
    with pytest.raises(PermissionDenied):
        services.score_review(
            score=score,
            by=county_operator,
            value=score.score or 0,
            reason="x",
            version=score.version,
        )
    objection = Objection.objects.create(unit=unit, text="有误")
    with pytest.raises(PermissionDenied):
        services.objection_answer(objection=objection, by=county_operator, upheld=True, answer="x")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN


def test_a_unit_cannot_leave_itself_out(campaign, county, county_operator):
    unit = campaign.units.get(organisation=county)
    with pytest.raises(PermissionDenied):
        opening.campaign_unit_remove(actor=county_operator, unit=unit, reason="不参加")
    assert campaign.units.filter(organisation=county).exists()
