"""The hash chain over the event log: sealing new events and verifying the chain.

Business transactions only INSERT into ``core_event``; they never wait for the chain.
After commit, :func:`events_seal` appends one :class:`EventSeal` per committed, unsealed
event, in id order, each hash covering the previous seal's hash and the event's canonical
form. Sealers serialise on a PostgreSQL advisory lock taken in their own short
transaction (never inside a business transaction, so no deadlock with decision row
locks); the ``seq`` primary key and the unique ``event`` column keep the chain linear
even if two sealers race (the loser's insert fails and its events wait for the next run).

:func:`events_verify` walks the seals in ``seq`` order, recomputes every hash from the
*current* event row and reports the first broken link.
"""

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from integrity.core.models import Event, EventSeal

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
LOCK_KEY = 7_110_006  # pg advisory lock id of the sealer ("issue 11, point 6")
BATCH = 500


def canonical(event: Event) -> str:
    """The event as one canonical JSON text (what the hash covers)."""
    fields = {
        "id": event.pk,
        "created_at": event.created_at.astimezone(UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "type": event.type,
        "content_type_id": event.content_type_id,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "organisation_id": event.organisation_id,
        "details": event.details,
        "reason": event.reason,
    }
    return json.dumps(
        fields, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def link_hash(prev_hash: str, event: Event) -> str:
    """SHA-256 (hex) over the previous link's hash and the event's canonical form."""
    return hashlib.sha256(f"{prev_hash}\n{canonical(event)}".encode()).hexdigest()


# --- sealing ---------------------------------------------------------------------------


def _acquire_lock(*, wait: bool) -> bool:
    """Take the sealer lock for the current transaction; SQLite serialises writers itself."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        return bool(cursor.fetchone()[0])


def _seal_batch(*, since_id: int, wait: bool) -> int:
    with transaction.atomic():
        if not _acquire_lock(wait=wait):
            return 0
        pending = list(
            Event.objects.filter(pk__gte=since_id, seal__isnull=True).order_by("pk")[:BATCH]
        )
        if not pending:
            return 0
        last = EventSeal.objects.order_by("-seq").first()
        seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
        seals = []
        now = timezone.now()
        for event in pending:
            seq += 1
            digest = link_hash(prev, event)
            seals.append(
                EventSeal(seq=seq, event=event, prev_hash=prev, hash=digest, sealed_at=now)
            )
            prev = digest
        EventSeal.objects.bulk_create(seals)
        return len(seals)


def events_seal(*, since_id: int = 0, wait: bool = True) -> int:
    """Seal every committed, unsealed event with ``id >= since_id``; returns how many.

    ``wait=False`` gives up at once when another sealer holds the lock (its events, and
    any it misses, are sealed by the next run of the periodic task)."""
    total = 0
    while sealed := _seal_batch(since_id=since_id, wait=wait):
        total += sealed
    return total


def seal_after_commit(event_id: int = 0) -> None:
    """Best-effort sealing right after a business transaction commits; never raises."""
    try:
        events_seal(since_id=event_id, wait=False)
    except DatabaseError:
        logger.warning("event sealing failed; the periodic task will retry", exc_info=True)


# --- verifying -------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first broken link: ``kind`` is gap, prev_hash, deleted or changed."""

    kind: str
    seq: int
    event_id: int | None


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    broken: Break | None
    unsealed: int
    first_unsealed: int | None

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.unsealed


def _seals_with_events(chunk: int = 2000) -> Iterator[tuple[EventSeal, Event | None]]:
    """Seals in seq order with their current event row (None when it was deleted)."""
    last_seq = 0
    while True:
        seals = list(EventSeal.objects.filter(seq__gt=last_seq).order_by("seq")[:chunk])
        if not seals:
            return
        events = Event.objects.in_bulk([s.event_id for s in seals])
        for seal in seals:
            yield seal, events.get(seal.event_id)
        last_seq = seals[-1].seq


def _check(seal: EventSeal, event: Event | None, seq: int, prev: str) -> str | None:
    if seal.seq != seq:
        return "gap"
    if seal.prev_hash != prev:
        return "prev_hash"
    if event is None:
        return "deleted"
    if link_hash(prev, event) != seal.hash:
        return "changed"
    return None


def _first_break() -> tuple[int, str, Break | None]:
    count, prev = 0, GENESIS
    for seal, event in _seals_with_events():
        kind = _check(seal, event, count + 1, prev)
        if kind == "gap":
            return count, prev, Break(kind, count + 1, None)
        if kind:
            return count, prev, Break(kind, seal.seq, seal.event_id)
        count, prev = count + 1, seal.hash
    return count, prev, None


def events_verify(*, grace: timedelta | None = None) -> ChainReport:
    """Walk the chain; report the first broken link and events unsealed for over ``grace``
    (default ``settings.EVENT_CHAIN_GRACE_MINUTES``).

    ``count`` is the number of intact links before the first break (all links when none);
    ``head`` the hash of the last intact link (record it elsewhere to detect truncation)."""
    if grace is None:
        grace = timedelta(minutes=settings.EVENT_CHAIN_GRACE_MINUTES)
    count, head, broken = _first_break()
    stale = Event.objects.filter(seal__isnull=True, created_at__lt=timezone.now() - grace)
    first = stale.order_by("pk").values_list("pk", flat=True).first()
    return ChainReport(
        count=count,
        head=head,
        broken=broken,
        unsealed=stale.count() if first else 0,
        first_unsealed=first,
    )


# --- last verification, for the system administrator's dashboard ------------------------

STATUS_KEY = "core:event-chain-status"


def remember(report: ChainReport) -> None:
    """Keep the outcome of a verification in the shared cache (no expiry) for the
    back-office dashboard (``manage.py events_verify`` and the daily task call it)."""
    broken = report.broken
    cache.set(
        STATUS_KEY,
        {
            "ok": report.ok,
            "count": report.count,
            "broken_seq": broken.seq if broken else None,
            "broken_kind": broken.kind if broken else "",
            "unsealed": report.unsealed,
            "checked_at": timezone.now(),
        },
        timeout=None,
    )


def last_verification() -> dict | None:
    """The outcome of the last verification, or None if none was recorded."""
    return cache.get(STATUS_KEY)
