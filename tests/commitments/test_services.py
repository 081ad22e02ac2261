import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from commitments import services
from commitments.models import ChangeRequest, Commitment
from integrity.core.models import Event

pytestmark = pytest.mark.django_db

Status = Commitment.Status


@pytest.fixture
def draft(operator, township):
    return services.commitment_create(
        by=operator,
        organisation=township,
        kind=Commitment.Kind.LIVELIHOOD,
        title="新建村级卫生室",
        content="新建3个卫生室",
        target="3个",
        deadline=datetime.date(2026, 9, 30),
    )


def events_of(commitment):
    return list(Event.objects.for_object(commitment).order_by("id").values_list("type", flat=True))


def test_create_makes_a_draft_and_logs_an_event(draft):
    assert draft.status == Status.DRAFT
    assert events_of(draft) == ["commitment.created"]


def test_operator_cannot_create_for_another_township(other_operator, township):
    with pytest.raises(PermissionDenied):
        services.commitment_create(
            by=other_operator,
            organisation=township,
            kind="time_limit",
            title="x",
            deadline=datetime.date(2026, 1, 1),
        )


def test_lifecycle_submit_publish_progress_fulfil(draft, operator, leader):
    services.commitment_submit(commitment=draft, by=operator)
    services.commitment_publish(commitment=draft, by=leader)
    assert draft.original_deadline == datetime.date(2026, 9, 30)
    services.progress_add(
        commitment=draft,
        by=operator,
        text="已开工",
        percent=30,
        reported_on=datetime.date(2026, 3, 1),
    )
    draft.refresh_from_db()
    assert draft.status == Status.IN_PROGRESS
    services.commitment_fulfil(commitment=draft, by=operator, note="建成")
    draft.refresh_from_db()
    assert draft.status == Status.FULFILLED
    assert events_of(draft) == [
        "commitment.created",
        "commitment.submitted",
        "commitment.published",
        "commitment.progress",
        "commitment.started",
        "commitment.fulfilled",
    ]


def test_operator_cannot_publish(draft, operator):
    services.commitment_submit(commitment=draft, by=operator)
    with pytest.raises(PermissionDenied):
        services.commitment_publish(commitment=draft, by=operator)


def test_leader_rejects_submission_back_to_draft(draft, operator, leader):
    services.commitment_submit(commitment=draft, by=operator)
    services.commitment_reject(commitment=draft, by=leader, reason="内容不具体")
    assert Commitment.objects.get(pk=draft.pk).status == Status.DRAFT


def test_published_baseline_changes_only_through_approved_request(draft, operator, leader):
    services.commitment_submit(commitment=draft, by=operator)
    services.commitment_publish(commitment=draft, by=leader)
    with pytest.raises(ValidationError):
        services.commitment_update(
            commitment=draft, by=operator, data={"deadline": datetime.date(2026, 12, 31)}
        )
    request = services.change_request_create(
        commitment=draft,
        by=operator,
        justification="受汛期影响",
        new_deadline=datetime.date(2026, 12, 31),
        new_target="2个",
    )
    with pytest.raises(PermissionDenied):
        services.change_request_approve(request=request, by=operator)
    draft.refresh_from_db()
    assert draft.deadline == datetime.date(2026, 9, 30)
    services.change_request_approve(request=request, by=leader, note="同意")
    draft.refresh_from_db()
    assert (draft.deadline, draft.target) == (datetime.date(2026, 12, 31), "2个")
    assert (draft.original_deadline, draft.original_target) == (datetime.date(2026, 9, 30), "3个")
    assert draft.change_count == 1
    assert ChangeRequest.objects.get().status == ChangeRequest.Status.APPROVED
    assert "commitment.change_approved" in events_of(draft)


def test_rejected_change_request_leaves_the_baseline(draft, operator, leader):
    services.commitment_publish(commitment=draft, by=leader)
    request = services.change_request_create(
        commitment=draft, by=operator, justification="x", new_deadline=datetime.date(2027, 1, 1)
    )
    services.change_request_reject(request=request, by=leader, note="理由不足")
    draft.refresh_from_db()
    assert draft.deadline == datetime.date(2026, 9, 30) and draft.change_count == 0


def test_lawful_change_records_reason_and_compensation(draft, leader):
    services.commitment_publish(commitment=draft, by=leader)
    services.commitment_change_lawfully(
        commitment=draft, by=leader, reason="规划调整", compensation="补偿50万元"
    )
    draft.refresh_from_db()
    assert draft.status == Status.CHANGED and draft.compensation == "补偿50万元"


def test_overdue_is_derived_from_the_deadline(draft, leader):
    services.commitment_publish(commitment=draft, by=leader)
    day = datetime.date(2026, 9, 30)
    assert not Commitment.objects.overdue(on=day).exists()
    assert list(Commitment.objects.overdue(on=day + datetime.timedelta(days=1))) == [draft]
    assert draft.days_overdue(on=datetime.date(2026, 10, 3)) == 3


def test_leadership_change_flags_open_commitments_with_events(draft, leader, township):
    services.commitment_publish(commitment=draft, by=leader)
    assert (
        services.commitments_flag_leadership_change(organisation=township, by=leader, reason="换届")
        == 1
    )
    draft.refresh_from_db()
    assert draft.leadership_changed
    assert "commitment.leadership_changed" in events_of(draft)


def test_a_draft_can_be_edited_and_withdrawn(draft, operator):
    services.commitment_update(
        commitment=draft, by=operator, data={"deadline": datetime.date(2027, 1, 31)}
    )
    services.commitment_withdraw(commitment=draft, by=operator, reason="重复录入")
    draft.refresh_from_db()
    assert draft.deadline == datetime.date(2027, 1, 31) and draft.status == Status.WITHDRAWN
    assert events_of(draft)[-2:] == ["commitment.updated", "commitment.withdrawn"]


def test_a_broken_commitment_needs_a_reason(draft, leader, operator):
    services.commitment_publish(commitment=draft, by=leader)
    with pytest.raises(ValidationError):
        services.commitment_break(commitment=draft, by=operator, note=" ")
