"""The PostgreSQL COPY path of integrity.core.bulk: same rows, same keys, same conflicts
as the multi-row INSERT (run with DATABASE_URL on PostgreSQL; skipped on SQLite)."""

import pytest

from django.db import connection

from commitments.models import Commitment
from integrity.core import bulk
from integrity.core.bulk import insert_dicts
from integrity.core.models import Event, Notice

from .test_bulk import COMPARED, values

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]


@pytest.fixture(autouse=True)
def always_copy(monkeypatch):
    monkeypatch.setattr(bulk, "COPY_MIN", 1)


def test_copied_rows_read_back_as_the_orm_saved_them_with_keys_in_row_order(township, operator):
    saved = Commitment.objects.create(**values(township, operator))
    keys = insert_dicts(
        Commitment, [values(township, operator, n) for n in range(5)], returning=True
    )
    assert len(set(keys)) == 5
    titles = dict(Commitment.objects.filter(pk__in=keys).values_list("pk", "title"))
    assert [titles[k] for k in keys] == [f"支付货款{n}" for n in range(5)]
    inserted = Commitment.objects.get(pk=keys[0])
    for name in COMPARED:
        assert getattr(inserted, name) == getattr(saved, name), name
    # the sequence moved past the copied keys: the ORM's next row takes a new one
    assert Commitment.objects.create(**values(township, operator, 9)).pk > max(keys)


def test_copied_json_and_common_values(township):
    insert_dicts(
        Event,
        [{"object_id": "1", "details": {"import": 5, "kind": "民生"}}],
        type="test.bulk",
        organisation_id=township.pk,
    )
    event = Event.objects.get(type="test.bulk")
    assert event.details == {"import": 5, "kind": "民生"} and event.organisation == township


def test_copy_with_ignore_conflicts_returns_only_the_inserted(township):
    Notice.objects.create(organisation=township, key="a", title="已有")
    rows = [
        {"organisation_id": township.pk, "key": "a", "title": "重复"},
        {"organisation_id": township.pk, "key": "b", "title": "新的"},
    ]
    inserted = insert_dicts(
        Notice, rows, returning=("organisation_id", "key"), ignore_conflicts=True
    )
    assert inserted == [(township.pk, "b")]
    assert dict(Notice.objects.values_list("key", "title")) == {"a": "已有", "b": "新的"}
    assert insert_dicts(Notice, rows, returning=("key",), ignore_conflicts=True) == []
