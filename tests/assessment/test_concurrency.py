"""Two reviewers saving the same score at the same moment: one wins, one is refused."""

import threading
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection, connections

from assessment import services
from assessment.models import Score, ScoreChange
from tests.assessment.conftest import build_scheme

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_concurrent_reviews_of_one_score_end_with_one_refused(city, county):
    from tests.factories import UserFactory

    assessor = UserFactory(organisation=city, role="assessor")
    scheme = build_scheme(city, assessor)
    campaign = services.campaign_open(scheme=scheme, by=assessor)
    services.campaign_start_review(campaign=campaign, by=assessor)
    score = Score.objects.get(unit__organisation=county, indicator__code="1.1")
    seen = score.version
    barrier, outcomes = threading.Barrier(2), []

    def reviewer(value: int) -> None:
        try:
            barrier.wait()
            services.score_review(
                score=score, by=assessor, value=Decimal(value), reason="复核", version=seen
            )
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reviewer, args=(v,)) for v in (20, 25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    score.refresh_from_db()
    assert score.version == seen + 1
    assert ScoreChange.objects.filter(score=score).count() == 1
