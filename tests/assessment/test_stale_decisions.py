"""A second stage change or decision taken with a stale object is refused (both
databases), and the back office shows the refusal as a message."""

import datetime

import pytest

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import services
from assessment.events import EventType as E
from assessment.models import Campaign, CampaignUnit, Objection
from tests.concurrency import count, fresh

pytestmark = pytest.mark.django_db
Status = Campaign.Status


@pytest.fixture
def objection(provisional_campaign, county, county_operator):
    unit = CampaignUnit.objects.get(campaign=provisional_campaign, organisation=county)
    return services.objection_submit(
        unit=unit, by=county_operator, text="扣分有误", on=datetime.date(2026, 3, 3)
    )


def test_starting_the_review_twice_with_a_stale_campaign_is_refused(campaign, assessor):
    stale = fresh(campaign)
    services.campaign_start_review(campaign=fresh(campaign), by=assessor)
    with pytest.raises(ValidationError):
        services.campaign_start_review(campaign=stale, by=assessor)
    assert count(campaign, E.REVIEW_STARTED) == 1
    assert fresh(campaign).status == Status.REVIEW


def test_finalising_and_publishing_twice_with_stale_campaigns_is_refused(
    provisional_campaign, assessor
):
    stale = fresh(provisional_campaign)
    services.campaign_finalise(campaign=fresh(provisional_campaign), by=assessor)
    with pytest.raises(ValidationError):
        services.campaign_finalise(campaign=stale, by=assessor)
    stale = fresh(provisional_campaign)
    services.campaign_publish(campaign=fresh(provisional_campaign), by=assessor)
    with pytest.raises(ValidationError):
        services.campaign_publish(campaign=stale, by=assessor)
    assert count(provisional_campaign, E.FINALISED) == 1
    assert count(provisional_campaign, E.PUBLISHED) == 1


def test_answering_an_objection_twice_with_a_stale_object_is_refused(objection, assessor):
    stale = fresh(objection)
    services.objection_answer(objection=fresh(objection), by=assessor, upheld=False, answer="维持")
    with pytest.raises(ValidationError):
        services.objection_answer(objection=stale, by=assessor, upheld=True, answer="支持")
    assert fresh(objection).status == Objection.Status.REJECTED
    assert count(objection, E.OBJECTION_ANSWERED) == 1


def test_a_second_self_assessment_submission_is_refused(campaign, county, county_operator):
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    services.unit_self_submit(unit=fresh(unit), by=county_operator)
    with pytest.raises(ValidationError, match="自评已提交"):
        services.unit_self_submit(unit=fresh(unit), by=county_operator)
    assert count(unit, E.SELF_SUBMITTED) == 1


def test_the_back_office_shows_a_message_for_a_second_stage_change(client, campaign, assessor):
    url = reverse("assessment_admin:step", args=[campaign.pk, "review"])
    client.force_login(assessor)
    assert client.post(url).status_code == 302
    second = client.post(url)
    assert second.status_code == 302
    texts = [str(m) for m in get_messages(second.wsgi_request)]
    assert "考核工作当前阶段不能进行此操作。" in texts
    assert count(campaign, E.REVIEW_STARTED) == 1
