"""Issue 16: the header search finds a dishonesty record by its 决定文书号."""

import pytest

from tests.records.conftest import credit_officer, make_record  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_record_is_found_by_its_decision_number(client, make_record):  # noqa: F811
    record = make_record(title="拖欠工程款未支付")
    response = client.get("/search/", {"q": "北信认〔2026〕1号"})
    hits = response.context["hits"]
    assert [h.url for h in hits if h.kind == "record"] == [record.get_absolute_url()]


def test_a_draft_record_is_not_found_by_its_decision_number(client, make_record):  # noqa: F811
    make_record(status="draft")
    response = client.get("/search/", {"q": "北信认〔2026〕1号"})
    assert [h for h in response.context["hits"] if h.kind == "record"] == []
