"""API: the public reads only published results; units read only their own provisional
result through the permission layer; the assessor reads every unit."""

import pytest

from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_public_sees_nothing_before_publication(api, provisional_campaign):
    assert rows(api.get("/api/v1/assessment/published-campaigns/")) == []
    assert rows(api.get("/api/v1/assessment/published-results/")) == []
    assert api.get("/api/v1/assessment/results/").status_code in (401, 403)
    assert api.get("/api/v1/assessment/scores/").status_code in (401, 403)


def test_published_results_are_public_with_rank_and_grade(
    api, published_campaign, county, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        results = rows(api.get("/api/v1/assessment/published-results/"))
    assert len(results) == published_campaign.units.count()
    mine = next(r for r in results if r["organisation"] == county.pk)
    assert mine["organisation_name"] == county.name and mine["grade"] and mine["rank"] == 1
    assert "scores" not in mine
    campaigns = rows(api.get("/api/v1/assessment/published-campaigns/"))
    assert [c["id"] for c in campaigns] == [published_campaign.pk]


def test_a_unit_sees_only_its_own_provisional_result_and_scores(
    api, provisional_campaign, county, other_county_operator, other_county
):
    api.force_authenticate(other_county_operator)  # a user of another organisation
    results = rows(api.get("/api/v1/assessment/results/"))
    assert [r["organisation"] for r in results] == [other_county.pk]
    scores = rows(api.get("/api/v1/assessment/scores/"))
    assert scores and {s["organisation"] for s in scores} == {other_county.pk}
    county_unit = provisional_campaign.units.get(organisation=county)
    assert api.get(f"/api/v1/assessment/results/{county_unit.pk}/").status_code == 404
    assert api.get("/api/v1/assessment/campaigns/").status_code == 403


def test_a_unit_sees_no_score_before_provisional_results(api, campaign, county_operator):
    api.force_authenticate(county_operator)
    assert rows(api.get("/api/v1/assessment/results/")) == []
    assert rows(api.get("/api/v1/assessment/scores/")) == []


def test_the_assessor_reads_every_unit_and_each_computed_number_links_to_its_cases(
    api, campaign, assessor, django_assert_max_num_queries
):
    api.force_authenticate(assessor)
    assert [c["id"] for c in rows(api.get("/api/v1/assessment/campaigns/"))] == [campaign.pk]
    assert len(rows(api.get("/api/v1/assessment/results/"))) == campaign.units.count()
    with django_assert_max_num_queries(6):
        scores = rows(api.get("/api/v1/assessment/scores/", {"unit__campaign": campaign.pk}))
    assert all((s["cases_url"] is None) == (s["metric"] == "") for s in scores)
