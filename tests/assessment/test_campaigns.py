import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from assessment import services
from assessment.models import Campaign, CampaignUnit, Objection, Score, ScoreChange
from integrity.core.models import Event, Notice

pytestmark = pytest.mark.django_db
D = Decimal


def score_of(campaign, org, code) -> Score:
    return Score.objects.get(unit__campaign=campaign, unit__organisation=org, indicator__code=code)


def review(campaign, org, code, value, by, reason="核实材料"):
    score = score_of(campaign, org, code)
    return services.score_review(
        score=score, by=by, value=D(value), reason=reason, version=score.version
    )


def test_opening_enrols_the_direct_subordinates_by_peer_group(
    campaign, county, other_county, department, township
):
    units = {u.organisation: u.peer_group.name for u in campaign.units.all()}
    assert units == {county: "县（市、区）", other_county: "县（市、区）", department: "市直部门"}
    assert township not in units  # two levels down: not assessed by the city
    assert Score.objects.filter(unit__campaign=campaign).count() == 3 * 5
    assert campaign.status == Campaign.Status.SELF_ASSESSMENT
    assert campaign.self_assessment_deadline == datetime.date(2026, 1, 19)  # 10 working days
    assert Event.objects.filter(type="assessment.campaign_opened").count() == 1


def test_a_scheme_with_problems_cannot_be_opened(scheme, assessor, county):
    services.indicator_update(
        indicator=scheme.indicators.get(code="2.1"), by=assessor, data={"method": ""}
    )
    with pytest.raises(ValidationError):
        services.campaign_open(scheme=scheme, by=assessor)
    scheme.refresh_from_db()
    assert scheme.status == "draft"


def test_the_unit_assesses_itself_with_evidence(campaign, county, county_operator):
    score = score_of(campaign, county, "1.1")
    services.score_self_assess(
        score=score, by=county_operator, self_score=D(28), evidence="制度文件见附件"
    )
    unit = services.unit_self_submit(unit=score.unit, by=county_operator)
    assert unit.self_submitted_at is not None
    services.campaign_start_review(campaign=campaign, by=None)
    score.refresh_from_db()
    assert score.raw_value == D(28) and score.score == D(28)


def test_another_unit_cannot_assess_for_it(campaign, county, other_county_operator):
    with pytest.raises(ValidationError):
        services.score_self_assess(
            score=score_of(campaign, county, "1.1"),
            by=other_county_operator,
            self_score=D(1),
            evidence="",
        )


def test_a_score_above_the_items_points_is_refused(campaign, county, county_operator):
    with pytest.raises(ValidationError):
        services.score_self_assess(
            score=score_of(campaign, county, "1.1"),
            by=county_operator,
            self_score=D(31),
            evidence="",
        )


def test_changing_a_score_without_a_reason_is_refused(campaign, county, assessor):
    services.campaign_start_review(campaign=campaign, by=assessor)
    with pytest.raises(ValidationError, match="理由"):
        review(campaign, county, "1.1", 20, assessor, reason="  ")
    assert not ScoreChange.objects.exists()


def test_a_review_logs_the_change_and_recomputes_the_unit(campaign, county, assessor):
    services.campaign_start_review(campaign=campaign, by=assessor)
    review(campaign, county, "1.1", 25, assessor)
    review(campaign, county, "2.1", 40, assessor)
    review(campaign, county, "1.2", 5, assessor, reason="5条失信记录")  # 20 > cap 10
    review(campaign, county, "B", 2, assessor, reason="创新案例")
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    assert (unit.base, unit.deductions, unit.bonus, unit.total) == (D(95), D(10), D(2), D(87))
    assert unit.grade == "" and unit.rank is None  # no grade or rank before provisional
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    unit.refresh_from_db()
    assert unit.grade == "良好" and unit.rank == 1
    change = ScoreChange.objects.get(score__indicator__code="1.2")
    assert (change.old_value, change.new_value, change.by) == (None, D(5), assessor)
    assert Event.objects.filter(type="assessment.score_changed", reason="5条失信记录").exists()


def test_a_review_on_a_stale_version_is_refused(campaign, county, assessor):
    services.campaign_start_review(campaign=campaign, by=assessor)
    score = score_of(campaign, county, "1.1")
    seen = score.version
    services.score_review(score=score, by=assessor, value=D(20), reason="甲", version=seen)
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.score_review(score=score, by=assessor, value=D(10), reason="乙", version=seen)
    score.refresh_from_db()
    assert score.raw_value == D(20) and score.version == seen + 1


def test_a_veto_forces_the_lowest_grade(campaign, county, assessor):
    services.campaign_start_review(campaign=campaign, by=assessor)
    review(campaign, county, "1.1", 30, assessor)
    review(campaign, county, "2.1", 40, assessor)
    review(campaign, county, "V", 1, assessor, reason="重大失信事件")
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    assert unit.total == D(100) and unit.vetoed and unit.grade == "不合格"


def provisional(campaign, assessor):
    services.campaign_start_review(campaign=campaign, by=assessor)
    return services.campaign_publish_provisional(
        campaign=campaign, by=assessor, on=datetime.date(2026, 3, 2)
    )


def test_provisional_results_open_a_window_of_working_days(campaign, assessor, county):
    provisional(campaign, assessor)
    assert campaign.objection_deadline == datetime.date(2026, 3, 9)  # 5 working days
    notice = Notice.objects.get(organisation=county, key=f"assessment-provisional-{campaign.pk}")
    assert "2026年3月9日" in notice.body and "2026-03-09" not in notice.body


def test_publication_tells_every_assessed_unit_once_with_a_link_to_its_sheet(
    campaign, assessor, county
):
    from django.urls import reverse

    provisional(campaign, assessor)
    services.campaign_finalise(campaign=campaign, by=assessor)
    services.campaign_publish(campaign=campaign, by=assessor)
    key = f"assessment-published-{campaign.pk}"
    notices = Notice.objects.filter(key=key)
    assert sorted(n.organisation_id for n in notices) == sorted(
        campaign.units.values_list("organisation_id", flat=True)
    )
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    mine = notices.get(organisation=county)
    assert mine.url == reverse("assessment_admin:unit", args=[unit.pk])
    assert campaign.scheme.name in mine.body


def test_objections_are_answered_before_finalising(campaign, assessor, county, county_operator):
    provisional(campaign, assessor)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    objection = services.objection_submit(
        unit=unit, by=county_operator, text="扣分有误", on=datetime.date(2026, 3, 9)
    )
    with pytest.raises(ValidationError):
        services.campaign_finalise(campaign=campaign, by=assessor)
    services.objection_answer(objection=objection, by=assessor, upheld=False, answer="维持")
    services.campaign_finalise(campaign=campaign, by=assessor)
    services.campaign_publish(campaign=campaign, by=assessor)
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.PUBLISHED
    assert Objection.objects.get().status == Objection.Status.REJECTED


def test_an_objection_after_the_window_is_refused(campaign, assessor, county, county_operator):
    provisional(campaign, assessor)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    with pytest.raises(ValidationError):
        services.objection_submit(
            unit=unit, by=county_operator, text="迟到", on=datetime.date(2026, 3, 10)
        )


def test_another_unit_cannot_object_for_it(campaign, assessor, county, other_county_operator):
    provisional(campaign, assessor)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    with pytest.raises(ValidationError):
        services.objection_submit(
            unit=unit, by=other_county_operator, text="代提", on=datetime.date(2026, 3, 3)
        )


def test_deductions_and_failure_create_rectification_commitments(campaign, assessor, county):
    from assessment.services.rectification import commitment_create_service

    if commitment_create_service() is None:
        pytest.skip("commitments.services.commitment_create is not in the tree yet")
    from commitments.models import Commitment

    services.campaign_start_review(campaign=campaign, by=assessor)
    review(campaign, county, "1.2", 1, assessor, reason="一条失信记录")
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    services.campaign_finalise(campaign=campaign, by=assessor)
    rectifications = Commitment.objects.filter(kind="rectification")
    # county: the deduction and 不合格 (no manual points); the others: 不合格
    assert rectifications.filter(organisation=county).count() == 2
    assert rectifications.count() == 4


def test_rectifications_are_tracked_commitments_with_alarms(campaign, assessor, county):
    from commitments.alarms import alarms_sweep
    from commitments.models import Commitment

    services.campaign_start_review(campaign=campaign, by=assessor)
    review(campaign, county, "1.2", 3, assessor, reason="三条失信记录")  # 3 × 4 = 12, cap 10
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    services.campaign_finalise(campaign=campaign, by=assessor, on=datetime.date(2026, 3, 10))
    task = Commitment.objects.get(organisation=county, source_type="assessment.score")
    assert task.status == "published" and not task.is_public  # tracked, not on the portal
    assert "扣10" in task.content.replace(" ", "")
    assert task.source_document == campaign.scheme.name
    assert not Commitment.objects.published().filter(kind="rectification").exists()
    alarms_sweep(on=task.deadline + datetime.timedelta(days=1))
    assert Notice.objects.filter(organisation=county, key__contains=str(task.pk)).exists()
