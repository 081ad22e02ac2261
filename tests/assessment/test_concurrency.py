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
