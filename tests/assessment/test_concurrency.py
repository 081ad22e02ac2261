"""Two reviewers saving the same score at the same moment: one wins, one is refused."""

from decimal import Decimal

from assessment import services
from assessment.models import Score, ScoreChange
from tests.assessment.conftest import build_scheme
from tests.concurrency import postgres_race, race


@postgres_race
def test_two_concurrent_reviews_of_one_score_end_with_one_refused(city, county):
    from tests.factories import UserFactory

    assessor = UserFactory(organisation=city, role="assessor")
    scheme = build_scheme(city, assessor)
    campaign = services.campaign_open(scheme=scheme, by=assessor)
    services.campaign_start_review(campaign=campaign, by=assessor)
    score = Score.objects.get(unit__organisation=county, indicator__code="1.1")
    seen = score.version

    def reviewer(value: int):
        return lambda: services.score_review(
            score=score, by=assessor, value=Decimal(value), reason="复核", version=seen
        )

    assert sorted(race(reviewer(20), reviewer(25))) == ["ok", "refused"]
    score.refresh_from_db()
    assert score.version == seen + 1
    assert ScoreChange.objects.filter(score=score).count() == 1


def _open_campaign(city):
    from tests.factories import UserFactory

    assessor = UserFactory(organisation=city, role="assessor")
    return services.campaign_open(scheme=build_scheme(city, assessor), by=assessor), assessor


def _count(obj, type_: str) -> int:
    from integrity.core.models import Event

    return Event.objects.for_object(obj).filter(type=type_).count()


@postgres_race
def test_two_assessors_start_the_review_at_once_and_one_is_refused(city, county):
    from assessment.events import EventType
    from assessment.models import Campaign

    campaign, assessor = _open_campaign(city)

    def start():
        services.campaign_start_review(campaign=Campaign.objects.get(pk=campaign.pk), by=assessor)

    assert sorted(race(start, start)) == ["ok", "refused"]
    assert _count(campaign, EventType.REVIEW_STARTED) == 1


@postgres_race
def test_a_unit_submits_its_self_assessment_twice_at_once_and_one_is_refused(city, county):
    from assessment.events import EventType
    from assessment.models import CampaignUnit
    from tests.factories import OperatorFactory

    campaign, _assessor = _open_campaign(city)
    operator = OperatorFactory(organisation=county)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)

    def submit():
        services.unit_self_submit(unit=CampaignUnit.objects.get(pk=unit.pk), by=operator)

    assert sorted(race(submit, submit)) == ["ok", "refused"]
    assert _count(unit, EventType.SELF_SUBMITTED) == 1


@postgres_race
def test_two_answers_to_one_objection_at_once_and_one_is_refused(city, county):
    import datetime

    from assessment.events import EventType
    from assessment.models import CampaignUnit, Objection
    from tests.factories import OperatorFactory

    campaign, assessor = _open_campaign(city)
    services.campaign_start_review(campaign=campaign, by=assessor)
    services.campaign_publish_provisional(
        campaign=campaign, by=assessor, on=datetime.date(2026, 3, 2)
    )
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    operator = OperatorFactory(organisation=county)
    objection = services.objection_submit(
        unit=unit, by=operator, text="扣分有误", on=datetime.date(2026, 3, 3)
    )

    def answer(upheld: bool):
        return lambda: services.objection_answer(
            objection=Objection.objects.get(pk=objection.pk),
            by=assessor,
            upheld=upheld,
            answer="答复",
        )

    assert sorted(race(answer(True), answer(False))) == ["ok", "refused"]
    assert _count(objection, EventType.OBJECTION_ANSWERED) == 1
