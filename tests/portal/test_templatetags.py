import datetime
from decimal import Decimal

import pytest

from django.template import Context, Template

from portal.templatetags.portal_tags import cn_date, cn_number, yuan


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 12, 31), "2026年12月31日"),
        (datetime.date(2026, 1, 5), "2026年1月5日"),
        (None, ""),
        ("not a date", ""),
    ],
)
def test_cn_date_writes_dates_the_chinese_way(value, expected):
    assert cn_date(value) == expected


def test_cn_date_shows_an_aware_datetime_in_shanghai_time(settings):
    moment = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC)
    assert cn_date(moment) == "2027年1月1日"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("1234.56"), "", "¥1,234.56"),
        (1234, "", "¥1,234.00"),
        ("0.005", "", "¥0.01"),
        (Decimal("-50"), "", "-¥50.00"),
        (Decimal("1234567.89"), "万", "123.46万元"),
        (15000000, "万元", "1,500.00万元"),
        (None, "", ""),
        ("abc", "", ""),
    ],
)
def test_yuan_formats_money_with_two_decimals(value, unit, expected):
    assert yuan(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (12345, "", "12,345"),
        (Decimal("12345.50"), "", "12,345.50"),
        (Decimal("7.0"), "", "7"),
        (2026, "upper", "二〇二六"),
        (None, "", ""),
    ],
)
def test_cn_number_groups_digits_or_spells_them(value, style, expected):
    assert cn_number(value, style) == expected


def test_filters_work_in_templates():
    html = Template(
        "{% load portal_tags %}{{ d|cn_date }} {{ m|yuan }} {{ m|yuan:'万' }} {{ n|cn_number }}"
    ).render(Context({"d": datetime.date(2026, 3, 1), "m": 25000, "n": 1000}))
    assert html == "2026年3月1日 ¥25,000.00 2.50万元 1,000"


def test_org_breadcrumbs_follow_the_organisation_tree(township):
    html = Template(
        "{% load portal_tags %}"
        "{% org_breadcrumbs org '/commitments/org/{pk}/' '承诺' '/commitments/' current='某承诺' %}"
    ).render(Context({"org": township}))
    county, city = township.parent, township.parent.parent
    positions = [html.index(text) for text in ("承诺", city.name, county.name, "石桥镇", "某承诺")]
    assert positions == sorted(positions)
    assert f'href="/commitments/org/{city.pk}/"' in html
    assert f'href="/commitments/org/{township.pk}/"' in html
    assert '<span aria-current="page">某承诺</span>' in html


def test_money_is_written_with_thousands_and_yuan():
    from portal.templatetags.portal_tags import money

    assert money("1234567.891") == "1,234,567.89 元"
    assert money(None) == ""
