"""The proposal services check the actor's role: the unit drafts, its leader approves."""

import pytest

from django.core.exceptions import PermissionDenied

from commitments.proposals import services
from commitments.proposals.models import Reply

pytestmark = pytest.mark.django_db


def _draft(assignment, by):
    return services.reply_draft(
        by=by, assignment=assignment, category="A", title="关于建议的答复", body="正文"
    )


def test_the_office_cannot_reply_in_the_units_place(sole, office):
    with pytest.raises(PermissionDenied, match="角色"):
        _draft(sole, office)
    assert not sole.replies.exists()


def test_an_operator_drafts_and_submits_but_only_the_leader_approves(
    sole, housing_operator, housing_leader
):
    reply = _draft(sole, housing_operator)
    services.reply_submit(by=housing_operator, reply=reply)
    with pytest.raises(PermissionDenied):
        services.reply_approve(by=housing_operator, reply=reply)
    reply.refresh_from_db()
    assert reply.status == Reply.Status.SUBMITTED
    services.reply_approve(by=housing_leader, reply=reply)
    reply.refresh_from_db()
    assert reply.status == Reply.Status.SENT


def test_a_deputy_cannot_ask_for_an_extension(sole, deputy_user):
    with pytest.raises(PermissionDenied):
        services.extension_request(by=deputy_user, assignment=sole, months=2, reason="复杂")
    assert not sole.extension_requests.exists()
