"""The public figures by unit at /sme-payments/."""

import datetime

import pytest

from commitments.money.services import sme_payment_record
from tests.commitments.money.factories import SMEContractFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _row(page, unit) -> str:
    text = page.content.decode()
    start = text.index(f'data-unit="{unit.pk}"')
    return text[start : text.index("</tr>", start)]


def test_a_visitor_sees_owed_overdue_and_paid_by_unit_and_they_change_with_a_payment(
    client, contract, operator, township, django_capture_on_commit_callbacks
):
    row = _row(client.get("/sme-payments/", {"year": "2026"}), township)
    assert "石桥镇" in row
    assert "100,000.00 元" in row  # owed, and overdue: due 2026-04-01, before today
    with django_capture_on_commit_callbacks(execute=True):  # the event renews the page cache
        sme_payment_record(contract=contract, by=operator, amount="40000", paid_on=D(2026, 4, 10))
    row = _row(client.get("/sme-payments/", {"year": "2026"}), township)
    assert row.count("60,000.00 元") == 2
    assert "40,000.00 元" in row
    assert "0.00 元" in _row(client.get("/sme-payments/", {"year": "2025"}), township)


def test_another_units_user_sees_the_same_public_figures(client, contract, other_operator):
    anonymous = client.get("/sme-payments/").content
    client.force_login(other_operator)
    assert client.get("/sme-payments/").status_code == 200
    assert "石桥镇" in client.get("/sme-payments/").content.decode()
    assert b"91350100" not in anonymous  # no supplier codes on the public page


def test_the_page_reads_a_constant_number_of_queries(
    client, township, other_township, django_assert_max_num_queries
):
    for unit in (township, township, other_township):
        SMEContractFactory(organisation=unit)
    with django_assert_max_num_queries(12):
        assert client.get("/sme-payments/?year=bad").status_code == 200
