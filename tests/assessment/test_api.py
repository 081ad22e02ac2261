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


# --- opening a year ---------------------------------------------------------------------


def _open_2027(api, user, last_year_pk, **extra):
    api.force_authenticate(user)
    body = {
        "year": 2027,
        "copy_from": last_year_pk,
        "start": "2026-12-28",
        "peer_groups": [
            {"name": "县区组", "kinds": ["government"]},
            {"name": "部门组", "kinds": ["department"]},
        ],
        "bands": [
            {"name": "优秀", "min_score": "90", "quota": "0.3"},
            {"name": "合格", "min_score": "60"},
            {"name": "不合格", "min_score": "0"},
        ],
        **extra,
    }
    return api.post("/api/v1/assessment/campaigns/", body, format="json")


@pytest.fixture
def last_year(city, assessor):
    from tests.assessment.conftest import build_scheme

    return build_scheme(city, assessor, year=2026)


def test_the_assessor_opens_and_starts_a_year_through_the_api(
    api, assessor, last_year, county, department, calendar
):
    response = _open_2027(api, assessor, last_year.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "preparing" and body["units"] == 2
    assert body["timetable"][0]["days"] == 10 and body["self_assessment_deadline"]
    started = api.post(f"/api/v1/assessment/campaigns/{body['id']}/start/")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "self_assessment"


def test_a_bad_quota_is_refused_in_chinese_and_nothing_is_written(
    api, assessor, last_year, county, calendar
):
    from assessment.models import Campaign

    response = _open_2027(
        api, assessor, last_year.pk, bands=[{"name": "优秀", "min_score": 90, "quota": 5}]
    )
    assert response.status_code == 400
    assert any(
        "\u4e00" <= ch <= "\u9fff"
        for ch in response.json()["detail"] + str(response.json()["errors"])
    )
    assert not Campaign.objects.exists()


def test_another_organisation_cannot_open_or_start(
    api, assessor, last_year, county, county_operator, calendar
):
    from assessment.models import Campaign

    refused = _open_2027(api, county_operator, last_year.pk)
    assert refused.status_code == 403
    campaign_id = _open_2027(api, assessor, last_year.pk).json()["id"]
    api.force_authenticate(county_operator)
    assert api.post(f"/api/v1/assessment/campaigns/{campaign_id}/start/").status_code in (403, 404)
    assert Campaign.objects.get().status == "preparing"


def test_a_foreign_office_cannot_copy_our_scheme(api, last_year, county, calendar):
    from integrity.core.models import User
    from tests.factories import CountyFactory, UserFactory

    far = CountyFactory(name="远方市", level="city")
    stranger = UserFactory(username="far_kh", organisation=far, role=User.Role.ASSESSOR)
    assert _open_2027(api, stranger, last_year.pk).status_code == 400


def test_anonymous_cannot_open_or_start(api, last_year, county, calendar):
    from assessment.models import Campaign

    api.force_authenticate(None)
    assert api.post("/api/v1/assessment/campaigns/", {"year": 2027}, format="json").status_code in (
        401,
        403,
    )
    assert api.post("/api/v1/assessment/campaigns/1/start/").status_code in (401, 403)
    assert not Campaign.objects.exists()
