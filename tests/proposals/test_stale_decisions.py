"""A second decision on an item taken with a stale object is refused (both databases); the
back office and the API turn the refusal into a message or a 400, never a 500."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from commitments.proposals import services
from commitments.proposals.models import Assignment, Item, Reply
from tests.concurrency import count, fresh
from tests.proposals.conftest import ASSIGNED

pytestmark = pytest.mark.django_db
E = services.EventType


def test_merging_an_item_again_with_a_stale_object_is_refused(item, twin, third, office):
    stale = fresh(twin)
    services.item_merge(by=office, item=fresh(twin), into=item)
    with pytest.raises(ValidationError):
        services.item_merge(by=office, item=stale, into=third)
    assert fresh(twin).merged_into_id == item.pk
    assert count(twin, E.ITEM_MERGED) == 1


def test_merging_into_an_item_merged_meanwhile_is_refused(item, twin, third, office):
    stale_main = fresh(item)
    services.item_merge(by=office, item=fresh(item), into=third)
    with pytest.raises(ValidationError):
        services.item_merge(by=office, item=twin, into=stale_main)
    assert fresh(twin).merged_into_id is None


def test_reassigning_the_same_unit_twice_is_refused(sole, office, transport):
    request = services.return_request(by=None, assignment=sole, reason="职责不符", on=ASSIGNED)
    services.return_decide(by=office, request=request, approve=True, note="同意")
    item = fresh(sole.item)
    services.item_reassign(by=office, item=item, unit=transport, role=Assignment.Role.SOLE)
    with pytest.raises(ValidationError, match="已在办理"):
        services.item_reassign(by=office, item=item, unit=transport, role=Assignment.Role.SOLE)
    assert item.assignments.filter(unit=transport).count() == 1


def test_assigning_a_stale_item_again_is_refused(item, office, housing, transport):
    stale = fresh(item)
    services.item_assign(by=office, item=fresh(item), mode=Item.Mode.SOLE, units=[(housing, "")])
    with pytest.raises(ValidationError):
        services.item_assign(by=office, item=stale, mode=Item.Mode.SOLE, units=[(transport, "")])
    assert list(item.assignments.values_list("unit", flat=True)) == [housing.pk]
    assert count(item, E.ITEM_ASSIGNED) == 1


def test_the_back_office_shows_a_message_for_a_second_assignment(
    client, item, office, housing, transport
):
    url = reverse("proposals_item_assign", args=[item.pk])
    client.force_login(office)
    first = client.post(url, {"mode": Item.Mode.SOLE, "first_unit": housing.pk})
    assert first.status_code == 302
    second = client.post(url, {"mode": Item.Mode.SOLE, "first_unit": transport.pk})
    assert second.status_code == 200
    assert "该件已交办。" in second.content.decode()
    assert count(item, E.ITEM_ASSIGNED) == 1


def test_the_api_answers_400_to_a_second_reply_of_the_round(client, sole, housing_operator):
    url = f"/api/v1/proposal-assignments/{sole.pk}/reply/"
    data = {"category": "A", "title": "答复", "body": "正文"}
    client.force_login(housing_operator)
    assert client.post(url, data).status_code == 201
    second = client.post(url, data)
    assert second.status_code == 400
    assert "本轮答复已存在。" in second.json()["detail"]
    assert Reply.objects.filter(assignment=sole).count() == 1
