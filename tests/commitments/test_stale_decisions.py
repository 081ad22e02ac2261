"""A second decision taken on a stale object is refused (both databases)."""

import pytest

from django.core.exceptions import ValidationError

from commitments import services
from commitments.models import ChangeRequest, Commitment
from tests.concurrency import count, fresh

Status = Commitment.Status


@pytest.mark.django_db
def test_second_publish_with_a_stale_object_is_refused(submitted, leader):
    stale = fresh(submitted)
    services.commitment_publish(commitment=fresh(submitted), by=leader)
    with pytest.raises(ValidationError):
        services.commitment_reject(commitment=stale, by=leader, reason="晚了")
    submitted.refresh_from_db()
    assert submitted.status == Status.PUBLISHED
    assert count(submitted, "commitment.rejected") == 0


@pytest.mark.django_db
def test_second_change_request_decision_with_a_stale_object_is_refused(pending_request, leader):
    stale = fresh(pending_request)
    services.change_request_approve(request=fresh(pending_request), by=leader, note="同意")
    with pytest.raises(ValidationError):
        services.change_request_reject(request=stale, by=leader, note="不同意")
    pending_request.refresh_from_db()
    assert pending_request.status == ChangeRequest.Status.APPROVED
    assert count(pending_request.commitment, "commitment.change_rejected") == 0
    assert count(pending_request.commitment, "commitment.change_approved") == 1
