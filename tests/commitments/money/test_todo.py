import datetime
from decimal import Decimal

import pytest

from django.test import RequestFactory

from wagtail import hooks

from commitments.money.services import fiscal_year_save
from commitments.money.todo import money_todo_items

pytestmark = pytest.mark.django_db


def _items(user) -> dict[str, dict]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item["label"]: item for item in money_todo_items(request)}


def test_the_hook_is_registered():
    assert money_todo_items in hooks.get_hooks("integrity_todo_items")


def test_the_unit_sees_its_overdue_payments_and_others_do_not(
    contract, operator, other_operator, monkeypatch
):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 4, 2)
    )
    mine = _items(operator)
    assert mine["逾期未付的中小企业款项"]["count"] == 1
    assert mine["逾期未付的中小企业款项"]["level"] == "danger"
    assert _items(other_operator)["逾期未付的中小企业款项"]["count"] == 0


def test_a_unit_over_the_ppp_line_is_a_to_do(operator, township):
    year = datetime.date.today().year
    fiscal_year_save(
        by=operator,
        organisation=township,
        year=year,
        debt_balance=Decimal("1"),
        fiscal_capacity=Decimal("1"),
        general_budget=Decimal("100"),
        ppp_spending=Decimal("11"),
    )
    assert _items(operator)["PPP支出超过红线的单位"]["count"] == 1
