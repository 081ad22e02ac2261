import pytest

from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from integrity.core.events import record_event
from integrity.core.models import Event
from integrity.core.models.events import EventLogIsAppendOnly


@pytest.fixture
def event(township, operator):
    return record_event(
        type="organisation.changed",
        actor=operator,
        obj=township,
        details={"changes": {"name": ["a", "b"]}},
        reason="测试",
    )


def test_an_event_records_actor_object_and_organisation(event, operator, township):
    assert event.actor == operator
    assert event.actor_name == operator.full_name
    assert event.object_id == str(township.pk)
    assert event.organisation == township
    assert Event.objects.for_object(township).filter(type="organisation.changed").get() == event


def test_an_event_cannot_be_saved_again(event):
    event.reason = "改写"
    with pytest.raises(EventLogIsAppendOnly):
        event.save()


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(EventLogIsAppendOnly):
        event.delete()
    with pytest.raises(EventLogIsAppendOnly):
        Event.objects.all().delete()
    with pytest.raises(EventLogIsAppendOnly):
        Event.objects.filter(pk=event.pk).update(reason="改写")


def test_the_database_itself_refuses_an_update(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_event SET reason = %s WHERE id = %s", ["改写", event.pk])
    event.refresh_from_db()
    assert event.reason == "测试"


def test_the_back_office_offers_no_way_to_change_an_event(client, operator, event):
    client.force_login(operator)
    assert client.get(reverse("event:index")).status_code == 200
    assert client.get(reverse("event:inspect", args=[event.pk])).status_code == 200
    for name in ("edit", "delete", "add"):
        with pytest.raises(Exception):
            reverse(f"event:{name}", args=[event.pk] if name != "add" else [])


def test_another_township_cannot_read_the_event(client, other_operator, event):
    client.force_login(other_operator)
    response = client.get(reverse("event:index"))
    assert event not in response.context["object_list"]
    assert client.get(reverse("event:inspect", args=[event.pk])).status_code in (403, 404, 302)


def test_a_superuser_can_browse_the_read_only_event_log(client, event):
    from tests.factories import SysadminFactory

    client.force_login(SysadminFactory())
    response = client.get(reverse("event:index"))
    assert response.status_code == 200
    assert event in response.context["object_list"]
    assert client.get(reverse("event:inspect", args=[event.pk])).status_code == 200
