"""Two people deciding the same commitment or change request at once: exactly one wins."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from commitments import services
from commitments.models import ChangeRequest, Commitment
from integrity.core.models import Event
from tests.concurrency import postgres_race, race

Status = Commitment.Status


@pytest.fixture
def submitted(draft, operator):
    return services.commitment_submit(commitment=draft, by=operator)


@pytest.fixture
def pending_request(submitted, operator, leader):
    services.commitment_publish(commitment=submitted, by=leader)
    return services.change_request_create(
        commitment=submitted,
        by=operator,
        justification="受汛期影响",
        new_deadline=datetime.date(2026, 12, 31),
    )


def count(obj, type_):
    return Event.objects.for_object(obj).filter(type=type_).count()


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


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


# --- both databases: a stale second decision is refused ---------------------------------


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
