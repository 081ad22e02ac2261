"""Two people taking the same decision on an item at once: exactly one is applied.

Only PostgreSQL race tests live here: they commit and flush, so this file must hold nothing
but transactional tests.
"""

from commitments.proposals import services
from commitments.proposals.models import Assignment, Item, Reply
from tests.concurrency import count, fresh, postgres_race, race
from tests.proposals.conftest import ASSIGNED

E = services.EventType


@postgres_race
def test_two_assignments_of_an_item_at_once_apply_one(item, office, housing, transport):
    def assign(unit):
        return lambda: services.item_assign(
            by=office, item=fresh(item), mode=Item.Mode.SOLE, units=[(unit, "")]
        )

    assert sorted(race(assign(housing), assign(transport))) == ["ok", "refused"]
    assert item.assignments.count() == 1
    assert count(item, E.ITEM_ASSIGNED) == 1


@postgres_race
def test_merging_one_item_into_two_mains_at_once_applies_one(item, twin, third, office):
    def merge(into):
        return lambda: services.item_merge(by=office, item=fresh(twin), into=fresh(into))

    assert sorted(race(merge(item), merge(third))) == ["ok", "refused"]
    assert count(twin, E.ITEM_MERGED) == 1


@postgres_race
def test_two_opposite_merges_at_once_apply_one_without_deadlock(item, twin, office):
    def merge(source, into):
        return lambda: services.item_merge(by=office, item=fresh(source), into=fresh(into))

    assert sorted(race(merge(twin, item), merge(item, twin))) == ["ok", "refused"]
    assert count(twin, E.ITEM_MERGED) + count(item, E.ITEM_MERGED) == 1


@postgres_race
def test_two_reassignments_of_the_same_unit_at_once_apply_one(sole, office, transport):
    request = services.return_request(by=None, assignment=sole, reason="职责不符", on=ASSIGNED)
    services.return_decide(by=office, request=request, approve=True, note="同意")

    def reassign():
        services.item_reassign(
            by=office, item=fresh(sole.item), unit=transport, role=Assignment.Role.SOLE
        )

    assert sorted(race(reassign, reassign)) == ["ok", "refused"]
    assert sole.item.assignments.filter(unit=transport).count() == 1


@postgres_race
def test_two_reply_drafts_of_one_round_at_once_keep_one(sole):
    def draft():
        services.reply_draft(
            by=None, assignment=fresh(sole), category="A", title="答复", body="正文"
        )

    assert sorted(race(draft, draft)) == ["ok", "refused"]
    assert Reply.objects.filter(assignment=sole).count() == 1
