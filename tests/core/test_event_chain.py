"""Issue 11 point 6: every event is chained by a seal; events_verify finds the first break.

Tampering is done with raw SQL as the table owner (what the app role cannot do): the
append-only trigger is disabled inside the test transaction, then one row is changed.
"""

from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from integrity.core.chain import GENESIS, events_seal, events_verify, link_hash
from integrity.core.models import Event, EventSeal
from integrity.core.models.events import EventLogIsAppendOnly
from integrity.core.services import organisation_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_events(township, operator, django_capture_on_commit_callbacks):
    """Five renames of the township through the service, each committed and sealed."""
    events_seal()  # whatever the fixtures recorded
    for index in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            organisation_update(
                organisation=township,
                by=operator,
                data={"name": f"石桥镇{index}"},
                reason=f"第{index}次更名",
            )
    return list(Event.objects.filter(type="organisation.changed").order_by("pk"))


def verify() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("events_verify", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def tamper(sql: str, params: list) -> None:
    """Run ``sql`` as the owner with the append-only trigger out of the way."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute("ALTER TABLE core_event DISABLE TRIGGER core_event_no_update")
        else:
            cursor.execute("DROP TRIGGER core_event_no_update")
        cursor.execute(sql, params)


def seal_of(event: Event) -> EventSeal:
    return EventSeal.objects.get(event=event)


def test_events_recorded_through_a_service_are_sealed_after_commit(five_events):
    seals = [seal_of(e) for e in five_events]
    assert [s.seq for s in seals] == list(range(seals[0].seq, seals[0].seq + 5))
    for previous, seal in zip(seals, seals[1:], strict=False):
        assert seal.prev_hash == previous.hash
    assert seals[1].hash == link_hash(seals[0].hash, five_events[1])
    assert not Event.objects.filter(seal__isnull=True).exists()


def test_the_first_link_starts_from_the_genesis_hash(five_events):
    first = EventSeal.objects.order_by("seq").first()
    assert first.seq == 1
    assert first.prev_hash == GENESIS


def test_the_verifier_passes_on_an_intact_chain(five_events):
    status, out, err = verify()
    total = EventSeal.objects.count()
    assert status == 0, err
    assert f"链条完整，共 {total} 条" in out
    assert err == ""


def test_sealing_twice_adds_nothing(five_events):
    before = EventSeal.objects.count()
    assert events_seal() == 0
    assert EventSeal.objects.count() == before


def test_deleting_an_event_in_the_middle_is_reported_at_its_link(five_events):
    victim = five_events[2]
    seq = seal_of(victim).seq
    tamper("DELETE FROM core_event WHERE id = %s", [victim.pk])
    status, out, err = verify()
    assert status == 1
    assert f"第 {seq} 环：事件 {victim.pk} 已被删除" in err
    assert f"之前的 {seq - 1} 环完好" in err
    assert "链条完整" not in out


def test_changing_an_events_reason_is_reported_at_its_link(five_events):
    victim = five_events[3]
    seq = seal_of(victim).seq
    tamper("UPDATE core_event SET reason = %s WHERE id = %s", ["伪造的理由", victim.pk])
    status, _, err = verify()
    assert status == 1
    assert f"第 {seq} 环：事件 {victim.pk} 在封存后被修改" in err


def test_the_earliest_break_is_reported_first(five_events):
    early, late = five_events[1], five_events[4]
    tamper("UPDATE core_event SET reason = %s WHERE id = %s", ["改", late.pk])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_event WHERE id = %s", [early.pk])
    report = events_verify()
    assert (report.broken.kind, report.broken.event_id) == ("deleted", early.pk)
    assert report.broken.seq == seal_of(late).seq - 3


def test_removing_a_seal_is_reported_as_a_gap(five_events):
    seq = seal_of(five_events[1]).seq
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_eventseal WHERE seq = %s", [seq])
    status, _, err = verify()
    assert status == 1
    assert f"第 {seq} 环缺失" in err


def test_a_rewritten_seal_no_longer_links_to_its_predecessor(five_events):
    seq = seal_of(five_events[2]).seq
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_eventseal DISABLE TRIGGER core_eventseal_no_update")
        else:
            cursor.execute("DROP TRIGGER core_eventseal_no_update")
        cursor.execute("UPDATE core_eventseal SET prev_hash = %s WHERE seq = %s", ["f" * 64, seq])
    report = events_verify()
    assert (report.broken.kind, report.broken.seq) == ("prev_hash", seq)


def test_old_unsealed_events_are_reported(five_events):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    stale = Event.objects.create(type="test.unsealed", created_at=an_hour_ago)
    fresh = Event.objects.create(type="test.unsealed")
    report = events_verify(grace=timedelta(minutes=10))
    assert report.broken is None
    assert (report.unsealed, report.first_unsealed) == (1, stale.pk)
    assert Event.objects.filter(pk=fresh.pk, seal__isnull=True).exists()
    status, _, err = verify()
    assert status == 1
    assert "1 条超过 10 分钟的事件尚未封存" in err


def test_the_seal_command_and_task_chain_bulk_inserted_events(five_events):
    Event.objects.bulk_create([Event(type="test.bulk") for _ in range(3)])
    assert Event.objects.filter(seal__isnull=True).count() == 3
    out = StringIO()
    call_command("events_seal", stdout=out)
    assert "已封存 3 条事件" in out.getvalue()
    assert verify()[0] == 0


def test_the_periodic_task_seals_pending_events(five_events):
    from integrity.core.tasks import events_seal_task

    Event.objects.create(type="test.pending")
    assert events_seal_task() == 1
    assert not Event.objects.filter(seal__isnull=True).exists()


def test_seals_cannot_be_changed_or_deleted_through_the_orm(five_events):
    seal = seal_of(five_events[0])
    with pytest.raises(EventLogIsAppendOnly):
        seal.save()
    with pytest.raises(EventLogIsAppendOnly):
        seal.delete()
    with pytest.raises(EventLogIsAppendOnly):
        EventSeal.objects.filter(pk=seal.pk).update(hash="0")
    with pytest.raises(EventLogIsAppendOnly):
        EventSeal.objects.all().delete()


def test_the_database_refuses_an_update_of_a_seal(five_events):
    from django.db import DatabaseError, transaction

    seal = seal_of(five_events[0])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_eventseal SET hash = %s WHERE seq = %s", ["0" * 64, seal.seq])
    assert EventSeal.objects.get(pk=seal.pk).hash == seal.hash


def test_the_system_administrator_sees_the_last_verification_on_the_dashboard(
    client, five_events, operator
):
    from tests.factories import SysadminFactory

    admin = SysadminFactory(username="xitong")
    client.force_login(admin)
    assert "尚未校验" in client.get("/admin/").content.decode()
    verify()
    page = client.get("/admin/").content.decode()
    assert f"链条完整：共 {EventSeal.objects.count()} 条" in page
    tamper("UPDATE core_event SET reason = %s WHERE id = %s", ["改", five_events[0].pk])
    verify()
    assert f"第 {seal_of(five_events[0]).seq} 环断裂" in client.get("/admin/").content.decode()
    client.force_login(operator)
    assert "事件日志哈希链" not in client.get("/admin/").content.decode()


def test_the_daily_verification_task_reports_and_remembers(five_events):
    from integrity.core.chain import last_verification
    from integrity.core.tasks import events_verify_task

    assert events_verify_task() is True
    assert last_verification()["count"] == EventSeal.objects.count()
