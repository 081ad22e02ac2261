"""Set-wise inserts (integrity.core.bulk): the rows read back exactly as rows saved through
the ORM, keys come back in row order across batches, a missing required value is refused."""

import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.models import Commitment
from integrity.core.bulk import insert_dicts
from integrity.core.models import Event

pytestmark = pytest.mark.django_db

COMPARED = [
    "organisation_id",
    "kind",
    "status",
    "title",
    "content",
    "deadline",
    "amount_due",
    "amount_paid",
    "is_public",
    "change_count",
    "leadership_changed",
    "published_at",
    "created_by_id",
    "counterparty_uscc",
]


def values(township, operator, n=0):
    return {
        "organisation_id": township.pk,
        "kind": "sme_payment",
        "title": f"支付货款{n}",
        "content": "按合同支付",
        "deadline": datetime.date(2026, 12, 31),
        "amount_due": Decimal("120000.50"),
        "is_public": False,
        "published_at": timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30)),
        "created_by_id": operator.pk,
        "counterparty_uscc": "91330100MA27XL0E2D",
    }


def test_rows_read_back_as_the_orm_would_have_saved_them(township, operator):
    saved = Commitment.objects.create(**values(township, operator))
    [key] = insert_dicts(Commitment, [values(township, operator)], returning=True)
    inserted = Commitment.objects.get(pk=key)
    for name in COMPARED:
        assert getattr(inserted, name) == getattr(saved, name), name
    assert inserted.created_at is not None and inserted.updated_at is not None


def test_keys_come_back_in_row_order_across_batches(township, operator, monkeypatch):
    rows = [values(township, operator, n) for n in range(7)]
    import integrity.core.bulk as bulk

    real = bulk.insert_rows
    monkeypatch.setattr(bulk, "insert_rows", lambda *a, **k: real(*a, **{**k, "batch_size": 3}))
    with CaptureQueriesContext(connection) as queries:
        keys = insert_dicts(Commitment, rows, returning=True)
    assert len(queries) == 3  # 3 + 3 + 1 rows
    titles = dict(Commitment.objects.filter(pk__in=keys).values_list("pk", "title"))
    assert [titles[k] for k in keys] == [f"支付货款{n}" for n in range(7)]


def test_json_and_common_values(township):
    insert_dicts(
        Event,
        [{"object_id": "1", "details": {"import": 5, "kind": "民生"}}],
        type="test.bulk",
        organisation_id=township.pk,
    )
    event = Event.objects.get(type="test.bulk")
    assert event.details == {"import": 5, "kind": "民生"} and event.organisation == township
    assert event.actor_id is None and event.reason == ""


def test_a_required_column_without_a_value_is_refused(township):
    with pytest.raises(ValueError, match="deadline"):
        insert_dicts(Commitment, [{"organisation_id": township.pk, "kind": "x", "title": "t"}])
    assert Commitment.objects.count() == 0


def test_ignore_conflicts_skips_existing_rows_and_returns_only_the_inserted(township):
    from integrity.core.models import Notice

    Notice.objects.create(organisation=township, key="a", title="已有")
    inserted = insert_dicts(
        Notice,
        [
            {"organisation_id": township.pk, "key": "a", "title": "重复"},
            {"organisation_id": township.pk, "key": "b", "title": "新的"},
        ],
        returning=("organisation_id", "key"),
        ignore_conflicts=True,
    )
    assert inserted == [(township.pk, "b")]
    assert dict(Notice.objects.values_list("key", "title")) == {"a": "已有", "b": "新的"}
