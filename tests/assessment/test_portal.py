import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def urls(campaign):
    unit = campaign.units.first()
    return [
        reverse("assessment:ranking", args=[campaign.pk]),
        reverse("assessment:method", args=[campaign.pk]),
        reverse("assessment:unit", args=[campaign.pk, unit.pk]),
    ]


def test_the_public_sees_nothing_before_publication(client, provisional_campaign):
    for url in urls(provisional_campaign):
        assert client.get(url).status_code == 404
    index = client.get(reverse("assessment:results"))
    assert provisional_campaign.scheme.name not in index.content.decode()


def test_a_backoffice_user_sees_nothing_public_before_publication(
    client, provisional_campaign, other_county_operator
):
    client.force_login(other_county_operator)
    for url in urls(provisional_campaign):
        assert client.get(url).status_code == 404


def test_the_published_ranking_groups_peers_and_grades(client, published_campaign):
    page = client.get(reverse("assessment:ranking", args=[published_campaign.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "县（市、区）" in html and "市直部门" in html
    assert "北塘县" in html and "95.00" in html  # 25 + 30 + 38 + 2
    index = client.get(reverse("assessment:results")).content.decode()
    assert published_campaign.scheme.name in index


def test_the_unit_breakdown_and_method_page_are_public_after_publication(
    client, published_campaign, other_county_operator
):
    client.force_login(other_county_operator)  # another organisation: same public view
    for url in urls(published_campaign):
        assert client.get(url).status_code == 200
    method = client.get(urls(published_campaign)[1]).content.decode()
    assert "失信记录扣分" in method and "优秀" in method


def test_the_ranking_page_uses_a_fixed_number_of_queries(
    client, published_campaign, django_assert_max_num_queries
):
    # 13: the ranking, bands, distribution, last year's campaign, the site, its settings,
    # the menu and the breadcrumb's section page – none of them grows with the units.
    with django_assert_max_num_queries(13):
        client.get(reverse("assessment:ranking", args=[published_campaign.pk]))


def test_last_years_result_is_shown_beside_this_years(client, published_campaign, assessor, county):
    from assessment import services
    from tests.assessment.conftest import run_to_provisional

    scheme = services.scheme_copy(scheme=published_campaign.scheme, year=2026, by=assessor)
    campaign = services.campaign_open(scheme=scheme, by=assessor)
    run_to_provisional(campaign, assessor, county)
    services.campaign_finalise(campaign=campaign, by=assessor)
    services.campaign_publish(campaign=campaign, by=assessor)
    html = client.get(reverse("assessment:ranking", args=[campaign.pk])).content.decode()
    assert "2025" in html and "0.00" in html  # same result: change 0
