"""Events committed by several connections at once still form one linear chain.

PostgreSQL only, transactional (threads commit): this file holds nothing else.
"""

from django.db import transaction

from integrity.core.chain import events_seal, events_verify
from integrity.core.events import record_event
from integrity.core.models import Event, EventSeal
from tests.concurrency import postgres_race, race


@postgres_race
def test_concurrent_writers_and_sealers_keep_one_intact_chain(township, operator):
    def writer(tag: str):
        def write():
            for index in range(15):
                with transaction.atomic():  # each commit triggers the after-commit sealer
                    record_event(type="test.race", actor=operator, obj=township, reason=tag)
                    if index % 5 == 0:
                        record_event(type="test.race", obj=township, details={"i": index})
            events_seal()  # the periodic run: picks up what a busy sealer skipped

        return write

    assert race(writer("a"), writer("b"), writer("c")) == ["ok", "ok", "ok"]
    events_seal()
    report = events_verify()
    assert report.ok, report
    assert report.count == EventSeal.objects.count() == Event.objects.count()
    seqs = list(EventSeal.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
