"""Two people deciding the same commitment or change request at once: exactly one wins.

Only PostgreSQL race tests live here: they commit and flush, so this file must hold nothing
but transactional tests (pytest-django runs those last on each worker).
"""

import pytest

from commitments import services
from commitments.models import ChangeRequest, Commitment
from tests.concurrency import count, fresh, postgres_race, race

Status = Commitment.Status


# --- PostgreSQL: real races -------------------------------------------------------------


@postgres_race
# publish vs reject is not a race to refuse: the leader may publish a draft, so
# "reject, then publish" is a legal sequence. Same-decision races must end with one refusal.
@pytest.mark.parametrize("decision", ["publish", "reject"])
def test_two_leaders_take_the_same_decision_once(submitted, leader, decision):
    def publish():
        services.commitment_publish(commitment=fresh(submitted), by=leader)

    def reject():
        services.commitment_reject(commitment=fresh(submitted), by=leader, reason="不具体")

    call = publish if decision == "publish" else reject
    outcomes = race(call, call)
    assert sorted(outcomes) == ["ok", "refused"]
    submitted.refresh_from_db()
    published = count(submitted, "commitment.published")
    rejected = count(submitted, "commitment.rejected")
    assert published + rejected == 1
    assert submitted.status == (Status.PUBLISHED if published else Status.DRAFT)


@postgres_race
@pytest.mark.parametrize("second", ["approve", "reject"])
def test_change_request_approve_races_approve_or_reject(pending_request, leader, second):
    def approve():
        services.change_request_approve(request=fresh(pending_request), by=leader, note="同意")

    def reject():
        services.change_request_reject(request=fresh(pending_request), by=leader, note="不同意")

    outcomes = race(approve, approve if second == "approve" else reject)
    assert sorted(outcomes) == ["ok", "refused"]
    commitment = pending_request.commitment
    approved = count(commitment, "commitment.change_approved")
    rejected = count(commitment, "commitment.change_rejected")
    assert approved + rejected == 1
    pending_request.refresh_from_db()
    commitment.refresh_from_db()
    if approved:
        assert pending_request.status == ChangeRequest.Status.APPROVED
        assert commitment.change_count == 1
    else:
        assert pending_request.status == ChangeRequest.Status.REJECTED
        assert commitment.change_count == 0
