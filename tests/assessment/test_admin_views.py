from decimal import Decimal

import pytest

from django.urls import reverse

from assessment.models import CampaignUnit, Objection, Score, ScoreChange

pytestmark = pytest.mark.django_db


def unit_of(campaign, org):
    return CampaignUnit.objects.get(campaign=campaign, organisation=org)


def score_of(campaign, org, code):
    return Score.objects.get(unit__campaign=campaign, unit__organisation=org, indicator__code=code)


def is_refused(response):
    """Wagtail answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def is_login_redirect(response):
    return response.status_code == 302 and "/admin/login/" in response.url


# --- campaign dashboard -----------------------------------------------------------------


def test_the_assessor_sees_the_dashboard_with_every_unit(client, campaign, assessor):
    client.force_login(assessor)
    html = client.get(reverse("assessment_admin:campaign", args=[campaign.pk])).content.decode()
    assert "北塘县" in html and "南湖县" in html and "澜江市住房和城乡建设局" in html


def test_another_organisation_cannot_open_the_dashboard(client, campaign, other_county_operator):
    client.force_login(other_county_operator)
    assert client.get(reverse("assessment_admin:campaign", args=[campaign.pk])).status_code == 404


def test_anonymous_is_sent_to_login_everywhere(client, campaign, county):
    unit = unit_of(campaign, county)
    score = score_of(campaign, county, "1.1")
    gets = [
        reverse("assessment_admin:campaigns"),
        reverse("assessment_admin:campaign", args=[campaign.pk]),
        reverse("assessment_admin:unit", args=[unit.pk]),
        "/admin/assessment/schemes/",
        "/admin/assessment/indicators/",
    ]
    for url in gets:
        assert is_login_redirect(client.get(url)), url
    posts = [
        reverse("assessment_admin:review", args=[score.pk]),
        reverse("assessment_admin:self", args=[score.pk]),
        reverse("assessment_admin:submit", args=[unit.pk]),
        reverse("assessment_admin:object", args=[unit.pk]),
        reverse("assessment_admin:step", args=[campaign.pk, "review"]),
    ]
    for url in posts:
        assert is_login_redirect(client.post(url, {"value": "1", "reason": "x"})), url
    assert not ScoreChange.objects.exists()


def test_the_assessor_moves_the_campaign_on(client, campaign, assessor):
    client.force_login(assessor)
    client.post(reverse("assessment_admin:step", args=[campaign.pk, "review"]))
    campaign.refresh_from_db()
    assert campaign.status == "review"


def test_a_unit_cannot_move_the_campaign_on(client, campaign, county_operator):
    client.force_login(county_operator)
    response = client.post(reverse("assessment_admin:step", args=[campaign.pk, "review"]))
    assert response.status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == "self_assessment"


# --- unit sheet, self-assessment --------------------------------------------------------


def test_a_unit_sees_its_sheet_but_no_scores_before_provisional(
    client, campaign, county, county_operator
):
    client.force_login(county_operator)
    page = client.get(reverse("assessment_admin:unit", args=[unit_of(campaign, county).pk]))
    assert page.status_code == 200 and page.context["show_scores"] is False


def test_another_unit_cannot_open_the_sheet(client, campaign, county, other_county_operator):
    client.force_login(other_county_operator)
    url = reverse("assessment_admin:unit", args=[unit_of(campaign, county).pk])
    assert is_refused(client.get(url))


def test_the_unit_self_assesses_through_the_screen(client, campaign, county, county_operator):
    client.force_login(county_operator)
    score = score_of(campaign, county, "1.1")
    client.post(
        reverse("assessment_admin:self", args=[score.pk]), {"self_score": "27", "evidence": "文件"}
    )
    score.refresh_from_db()
    assert score.self_score == Decimal("27.00") and score.evidence == "文件"


def test_another_unit_cannot_self_assess_for_it(client, campaign, county, other_county_operator):
    client.force_login(other_county_operator)
    score = score_of(campaign, county, "1.1")
    response = client.post(
        reverse("assessment_admin:self", args=[score.pk]), {"self_score": "27", "evidence": ""}
    )
    assert response.status_code == 404  # outside the user's subtree: not even shown
    score.refresh_from_db()
    assert score.self_score is None


# --- review -----------------------------------------------------------------------------


def test_the_assessor_reviews_with_a_reason(client, campaign, county, assessor):
    client.force_login(assessor)
    client.post(reverse("assessment_admin:step", args=[campaign.pk, "review"]))
    score = score_of(campaign, county, "1.1")
    url = reverse("assessment_admin:review", args=[score.pk])
    client.post(url, {"value": "20", "reason": "", "version": score.version})
    assert not ScoreChange.objects.exists()
    client.post(url, {"value": "20", "reason": "材料不全", "version": score.version})
    assert ScoreChange.objects.get().reason == "材料不全"


def test_a_unit_cannot_review_scores(client, campaign, county, county_operator, assessor):
    client.force_login(county_operator)
    score = score_of(campaign, county, "1.1")
    response = client.post(
        reverse("assessment_admin:review", args=[score.pk]),
        {"value": "30", "reason": "自己改", "version": score.version},
    )
    assert is_refused(response)


# --- objections -------------------------------------------------------------------------


def test_the_unit_objects_and_the_assessor_answers(
    client, provisional_campaign, county, county_operator, assessor
):
    import datetime

    from django.utils import timezone

    unit = unit_of(provisional_campaign, county)
    provisional_campaign.objection_deadline = timezone.localdate() + datetime.timedelta(days=5)
    provisional_campaign.save()
    client.force_login(county_operator)
    client.post(reverse("assessment_admin:object", args=[unit.pk]), {"text": "加分漏算"})
    objection = Objection.objects.get()
    client.force_login(assessor)
    client.post(
        reverse("assessment_admin:answer", args=[objection.pk]), {"answer": "已核实", "upheld": "1"}
    )
    objection.refresh_from_db()
    assert objection.status == "upheld"


def test_another_unit_cannot_object_or_answer(
    client, provisional_campaign, county, other_county_operator
):
    client.force_login(other_county_operator)
    unit = unit_of(provisional_campaign, county)
    # Outside the user's subtree: 404, as for every object there; nothing is written.
    response = client.post(reverse("assessment_admin:object", args=[unit.pk]), {"text": "x"})
    assert response.status_code == 404 and not unit.objections.exists()
    objection = Objection.objects.create(unit=unit, text="x")
    response = client.post(reverse("assessment_admin:answer", args=[objection.pk]), {"answer": "x"})
    assert response.status_code == 404
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN


# --- scheme editor ----------------------------------------------------------------------


def test_the_assessor_lists_schemes_and_a_unit_cannot(
    client, scheme, assessor, other_county_operator
):
    client.force_login(assessor)
    assert scheme.name in client.get("/admin/assessment/schemes/").content.decode()
    client.force_login(other_county_operator)
    assert is_refused(client.get("/admin/assessment/schemes/"))
    assert is_refused(client.get(f"/admin/assessment/schemes/edit/{scheme.pk}/"))


def test_editing_a_frozen_scheme_in_the_editor_shows_the_refusal(client, campaign, assessor):
    client.force_login(assessor)
    indicator = campaign.scheme.indicators.get(code="1.1")
    url = f"/admin/assessment/indicators/edit/{indicator.pk}/"
    data = {
        "scheme": campaign.scheme_id,
        "parent": indicator.parent_id,
        "code": "1.1",
        "name": "改名",
        "points": "30",
        "method": "manual",
        "metric_code": "",
        "per_item": "",
        "cap": "",
        "description": "",
        "sort_order": "0",
    }
    response = client.post(url, data)
    indicator.refresh_from_db()
    assert indicator.name == "制度建设"
    assert response.status_code in (200, 302)  # form error or refused: never saved
