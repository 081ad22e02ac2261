"""Must hold 3: nothing of a campaign is public before publication; units see only their
own provisional scores; no grade or rank (so no 不合格) before provisional results."""

import datetime
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from assessment import services
from assessment.models import Campaign, CampaignUnit, Score
from assessment.services import opening
from tests.assessment.conftest import build_scheme, run_to_provisional

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def public_urls(campaign):
    unit = campaign.units.first()
    return [
        reverse("assessment:ranking", args=[campaign.pk]),
        reverse("assessment:method", args=[campaign.pk]),
        reverse("assessment:unit", args=[campaign.pk, unit.pk]),
    ]


def assert_nothing_public(client, campaign):
    for url in public_urls(campaign):
        assert client.get(url).status_code == 404, (campaign.status, url)
    assert campaign.scheme.name not in client.get(reverse("assessment:results")).content.decode()
    api = APIClient()
    assert api.get("/api/v1/assessment/published-campaigns/").json()["results"] == []
    assert api.get("/api/v1/assessment/published-results/").json()["results"] == []


@pytest.fixture
def year(city, assessor, county, other_county, department, calendar):
    last = build_scheme(city, assessor, year=2026)
    return opening.open_campaign(
        actor=assessor,
        organisation=city,
        year=2027,
        copy_from=last,
        timetable=opening.Timetable(start=datetime.date(2026, 12, 28)),
    )


def test_nothing_is_public_at_any_stage_before_publication(
    client, year, assessor, county, county_operator
):
    assert_nothing_public(client, year)  # preparing
    opening.start_campaign(actor=assessor, campaign=year, on=datetime.date(2027, 1, 4))
    assert_nothing_public(client, year)  # self-assessment
    run_to_provisional(year, assessor, county)
    assert_nothing_public(client, year)  # provisional
    services.campaign_finalise(campaign=year, by=assessor, on=datetime.date(2027, 3, 10))
    year.refresh_from_db()
    assert_nothing_public(client, year)  # final
    client.force_login(county_operator)
    assert_nothing_public(client, year)  # a signed-in unit sees no public page either
    services.campaign_publish(campaign=year, by=assessor)
    for url in public_urls(year):
        assert client.get(url).status_code == 200


def test_no_grade_or_rank_exists_during_self_assessment_and_review(
    client, campaign, assessor, county, county_operator
):
    assert set(CampaignUnit.objects.values_list("grade", flat=True)) == {""}
    client.force_login(county_operator)
    unit = campaign.units.get(organisation=county)
    html = client.get(reverse("assessment_admin:unit", args=[unit.pk])).content.decode()
    assert "不合格" not in html
    client.force_login(assessor)
    html = client.get(reverse("assessment_admin:campaign", args=[campaign.pk])).content.decode()
    assert "不合格" not in html
    services.campaign_start_review(campaign=campaign, by=assessor)
    assert set(CampaignUnit.objects.values_list("grade", flat=True)) == {""}
    assert set(CampaignUnit.objects.values_list("rank", flat=True)) == {None}


def test_a_unit_sees_only_its_own_provisional_scores(
    client, provisional_campaign, county, other_county, county_operator
):
    mine = provisional_campaign.units.get(organisation=county)
    theirs = provisional_campaign.units.get(organisation=other_county)
    client.force_login(county_operator)
    html = client.get(reverse("assessment_admin:unit", args=[mine.pk])).content.decode()
    assert str(mine.total) in html and mine.grade in html
    response = client.get(reverse("assessment_admin:unit", args=[theirs.pk]))
    assert response.status_code in (302, 403)
    assert (
        client.get(reverse("assessment_admin:campaign", args=[provisional_campaign.pk])).status_code
        == 404
    )
    api = APIClient()
    api.force_authenticate(county_operator)
    results = api.get("/api/v1/assessment/results/").json()["results"]
    assert [r["organisation"] for r in results] == [county.pk]
    scores = api.get("/api/v1/assessment/scores/").json()["results"]
    assert {s["organisation"] for s in scores} == {county.pk}


def test_before_provisional_a_unit_reads_no_score_through_the_api(campaign, county_operator):
    api = APIClient()
    api.force_authenticate(county_operator)
    assert api.get("/api/v1/assessment/results/").json()["results"] == []
    assert api.get("/api/v1/assessment/scores/").json()["results"] == []


# --- evidence files ---------------------------------------------------------------------


def test_a_unit_attaches_an_evidence_file_only_it_and_the_assessor_can_download(
    client, campaign, county, county_operator, other_county_operator, assessor
):
    score = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="1.1"
    )
    client.force_login(county_operator)
    response = client.post(
        reverse("assessment_admin:self", args=[score.pk]),
        {
            "self_score": "28",
            "evidence": "制度文件",
            "evidence_file": SimpleUploadedFile("制度.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.evidence_file and "制度" not in score.evidence_file.name  # random name
    url = reverse("assessment_admin:evidence", args=[score.pk])
    assert client.get(url).status_code == 200
    client.force_login(assessor)
    assert client.get(url).status_code == 200
    client.force_login(other_county_operator)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_disguised_file_is_refused_and_nothing_is_saved(
    client, campaign, county, county_operator
):
    score = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="1.1"
    )
    client.force_login(county_operator)
    client.post(
        reverse("assessment_admin:self", args=[score.pk]),
        {
            "self_score": "28",
            "evidence_file": SimpleUploadedFile("x.pdf", b"<html><script>", "application/pdf"),
        },
    )
    score.refresh_from_db()
    assert not score.evidence_file and score.self_score is None


def test_a_veto_shows_as_one_vote_veto_on_the_score_sheet(
    client, campaign, assessor, county, county_operator
):
    services.campaign_start_review(campaign=campaign, by=assessor)
    veto = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="V"
    )
    services.score_review(score=veto, by=assessor, value=D(1), reason="重大失信", version=1)
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    unit = campaign.units.get(organisation=county)
    client.force_login(county_operator)
    html = client.get(reverse("assessment_admin:unit", args=[unit.pk])).content.decode()
    assert "一票否决" in html and "不合格" in html
    assert Campaign.objects.get().status == "provisional"
