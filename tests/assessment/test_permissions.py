import pytest

from assessment import selectors
from assessment.models import CampaignUnit, Score

pytestmark = pytest.mark.django_db


def test_units_see_nothing_before_provisional_results(campaign, county_operator):
    assert not selectors.units_visible_to(county_operator, campaign).exists()
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county_operator.organisation)
    assert not county_operator.has_perm("assessment.view_campaignunit", unit)


def test_units_see_only_their_own_provisional_scores(
    provisional_campaign, county, county_operator, other_county
):
    visible = selectors.units_visible_to(county_operator, provisional_campaign)
    assert list(visible.values_list("organisation", flat=True)) == [county.pk]
    own = Score.objects.filter(unit__organisation=county).first()
    other = Score.objects.filter(unit__organisation=other_county).first()
    assert county_operator.has_perm("assessment.view_score", own)
    assert not county_operator.has_perm("assessment.view_score", other)
    assert not county_operator.has_perm("assessment.change_score", own)


def test_the_assessor_sees_and_reviews_every_unit(provisional_campaign, assessor):
    assert selectors.units_visible_to(assessor, provisional_campaign).count() == 3
    score = Score.objects.filter(unit__campaign=provisional_campaign).first()
    assert assessor.has_perm("assessment.change_score", score)


def test_anonymous_sees_no_unit(provisional_campaign):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.units_visible_to(AnonymousUser(), provisional_campaign).exists()
