"""The lifecycle services check the actor's role themselves (API, task or shell alike)."""

import pytest

from django.core.exceptions import PermissionDenied

from commitments import services
from commitments.models import Commitment
from integrity.core.models import Event, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessor_in_scope(county):
    """An office above the unit that reads commitments but does not keep them."""
    return UserFactory(role=User.Role.ASSESSOR, organisation=county)


def test_an_operator_submits_but_may_not_publish(draft, operator):
    services.commitment_submit(commitment=draft, by=operator)
    with pytest.raises(PermissionDenied, match="负责人"):
        services.commitment_publish(commitment=draft, by=operator)
    draft.refresh_from_db()
    assert draft.status == Commitment.Status.SUBMITTED


@pytest.mark.parametrize(
    "call",
    [
        lambda c, u: services.commitment_submit(commitment=c, by=u),
        lambda c, u: services.commitment_withdraw(commitment=c, by=u, reason="不再需要"),
        lambda c, u: services.commitment_update(commitment=c, by=u, data={"title": "改"}),
    ],
)
def test_a_reading_office_cannot_move_a_draft(draft, assessor_in_scope, call):
    with pytest.raises(PermissionDenied, match="角色"):
        call(draft, assessor_in_scope)
    draft.refresh_from_db()
    assert draft.status == Commitment.Status.DRAFT and draft.title == "新建卫生室"
    assert not Event.objects.for_object(draft).exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda c, u: services.commitment_start(commitment=c, by=u),
        lambda c, u: services.progress_add(commitment=c, by=u, text="进展"),
        lambda c, u: services.commitment_fulfil(commitment=c, by=u, note="已完成"),
        lambda c, u: services.commitment_break(commitment=c, by=u, note="未完成"),
        lambda c, u: services.change_request_create(
            commitment=c, by=u, justification="理由", new_target="新目标"
        ),
    ],
)
def test_a_reading_office_cannot_report_or_close(published, assessor_in_scope, call):
    with pytest.raises(PermissionDenied):
        call(published, assessor_in_scope)
    published.refresh_from_db()
    assert published.status == Commitment.Status.PUBLISHED
    assert not published.change_requests.exists()


def test_only_the_units_leader_decides_a_change_request(pending_request, operator, leader):
    with pytest.raises(PermissionDenied):
        services.change_request_approve(request=pending_request, by=operator)
    services.change_request_approve(request=pending_request, by=leader)
    pending_request.refresh_from_db()
    assert pending_request.status == "approved"
