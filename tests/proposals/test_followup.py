import datetime

from commitments.models import Commitment
from commitments.proposals import selectors
from commitments.services import commitment_fulfil, commitment_start

from .conftest import send_reply


def test_b_reply_creates_a_linked_follow_up_commitment(sole):
    reply = send_reply(sole, category="B", promised_on=datetime.date(2025, 12, 31))
    commitment = reply.followup
    assert commitment.kind == Commitment.Kind.PROPOSAL_FOLLOWUP
    assert commitment.deadline == datetime.date(2025, 12, 31)
    assert commitment.organisation == sole.unit
    assert list(commitment.proposal_replies.all()) == [reply]


def test_a_reply_creates_no_commitment(sole):
    reply = send_reply(sole, category="A")
    assert reply.followup is None
    assert not Commitment.objects.exists()


def test_the_item_shows_when_the_follow_up_is_fulfilled(sole):
    reply = send_reply(sole, category="B", promised_on=datetime.date(2025, 12, 31))
    [row] = selectors.followups_of(sole.item)
    assert row.status != Commitment.Status.FULFILLED
    commitment_start(commitment=reply.followup, by=None)
    commitment_fulfil(commitment=reply.followup, by=None, on=datetime.date(2025, 11, 1))
    [row] = selectors.followups_of(sole.item)
    assert row.status == Commitment.Status.FULFILLED
