"""Values on object pages the Chinese way: 是/否, —, money in yuan, dates, local times."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse

from integrity.core import display
from tests.commitments.factories import PublishedCommitmentFactory
from tests.factories import SysadminFactory

pytestmark = pytest.mark.django_db


def test_money_has_separators_and_two_decimals():
    assert display.cn_money(Decimal("1234567.891")) == "1,234,567.89 元"
    assert display.cn_money(0) == "0.00 元"
    assert display.cn_money(None) == "—"
    assert display.cn_wan(Decimal("12345678")) == "1,234.57 万元"


def test_flags_empty_values_numbers_and_times():
    assert (display.cn_bool(True), display.cn_bool(False), display.cn_bool(None)) == (
        "是",
        "否",
        "—",
    )
    assert display.cn_value("") == "—"
    assert display.cn_value(None) == "—"
    assert display.cn_number(Decimal("12000.50")) == "12,000.5"
    assert display.cn_value(datetime.date(2026, 12, 31)) == "2026年12月31日"
    utc = datetime.datetime(2026, 12, 31, 16, 30, tzinfo=datetime.UTC)
    assert display.cn_value(utc) == "2027年1月1日 00:30"  # Asia/Shanghai


def test_an_inspect_page_shows_no_python_values(client, township, operator):
    commitment = PublishedCommitmentFactory(
        organisation=township, amount_due=Decimal("1234567.89"), is_public=False
    )
    client.force_login(operator)

    page = client.get(reverse("commitments_commitment:inspect", args=[commitment.pk])).text

    assert "1,234,567.89 元" in page
    assert "2026年6月30日" in page
    for raw in (">True<", ">False<", ">None<", "1234567.89<"):
        assert raw not in page.replace(" ", "").replace("\n", "")


def test_a_rule_page_is_readable_too(client, city):
    from commitments.models import DueSoonRule

    rule = DueSoonRule.objects.first()
    client.force_login(SysadminFactory(organisation=city))

    page = client.get(reverse("commitments_duesoonrule:inspect", args=[rule.pk])).text

    assert "办理过程" in page
    assert ">None<" not in page.replace(" ", "").replace("\n", "")


def test_the_usage_page_links_read_only_objects_to_their_detail(client, city, township):
    from tests.commitments.factories import PublishedCommitmentFactory

    commitment = PublishedCommitmentFactory(organisation=township)
    from commitments import services

    services.change_request_create(
        commitment=commitment,
        by=SysadminFactory(organisation=city),
        justification="工期顺延",
        new_deadline=datetime.date(2027, 3, 31),
    )
    client.force_login(SysadminFactory(organisation=city))

    response = client.get(reverse("commitments_commitment:usage", args=[commitment.pk]))

    assert response.status_code == 200
