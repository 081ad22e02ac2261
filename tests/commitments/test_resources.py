import datetime
from decimal import Decimal

import pytest
import tablib

from django.urls import reverse
from django.utils import translation

from commitments.models import Commitment
from commitments.resources import CommitmentResource, parse_date, parse_money
from integrity.core.importing import read_dataset, run_import
from integrity.core.models import Event
from tests.commitments.factories import CommitmentFactory
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells, xlsx_cells, xlsx_types

pytestmark = pytest.mark.django_db
HEADERS = [
    "承诺事项",
    "承诺类型",
    "承诺内容",
    "承诺目标",
    "承诺时限",
    "责任单位",
    "责任领导",
    "责任人",
    "统一社会信用代码",
    "应付金额（元）",
]


def row(**kw):
    base = {
        "承诺事项": "村道硬化",
        "承诺类型": "民生实事",
        "承诺内容": "硬化村道5公里",
        "承诺目标": "5公里",
        "承诺时限": "2026-12-31",
        "责任单位": "石桥镇",
        "责任领导": "张三",
        "责任人": "李四",
        "统一社会信用代码": "",
        "应付金额（元）": "1,200,000",
    }
    base.update(kw)
    return [base[h] for h in HEADERS]


def dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


@pytest.mark.parametrize("text", ["2026-12-31", "2026/12/31", "2026年12月31日"])
def test_dates_in_the_three_usual_forms(text):
    assert parse_date(text) == datetime.date(2026, 12, 31)


def test_amounts_with_separators_and_ten_thousands():
    assert parse_money("1,234,567.5") == Decimal("1234567.50")
    assert parse_money("120万元") == Decimal("1200000.00")
    assert parse_money("3.5万") == Decimal("35000.00")


def test_valid_import_creates_drafts_with_events(operator, township):
    resource = CommitmentResource(user=operator)
    data = dataset(
        row(), row(承诺时限="2026年6月30日", 责任单位=township.uscc, **{"应付金额（元）": "50万元"})
    )
    _result, problems = run_import(resource, data, dry_run=False)
    assert problems == []
    rows = list(Commitment.objects.order_by("deadline"))
    assert [c.amount_due for c in rows] == [Decimal("500000.00"), Decimal("1200000.00")]
    assert all(c.status == "draft" and c.organisation == township for c in rows)
    assert Event.objects.filter(type="commitment.created").count() == 2


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported_in_chinese(
    operator, other_township
):
    data = dataset(
        row(),
        row(承诺时限="2026-13-45"),
        row(责任单位="不存在镇"),
        row(统一社会信用代码="91350100M000100Y44"),
        row(**{"应付金额（元）": "-100"}),
        row(责任单位="白沙镇"),  # another township: outside the operator's area
    )
    with translation.override("zh-hans"):
        _result, problems = run_import(CommitmentResource(user=operator), data, dry_run=False)
    assert Commitment.objects.count() == 0
    assert Event.objects.filter(type="commitment.created").count() == 0
    by_line = {p.line: " ".join(p.messages) for p in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert "承诺时限" in by_line[3] and "日期" in by_line[3]
    assert "责任单位" in by_line[4] and "不存在镇" in by_line[4]
    assert "统一社会信用代码" in by_line[5]
    assert "负" in by_line[6]
    assert "白沙镇" in by_line[7]


def test_csv_file_with_gb18030_encoding_is_read(operator, township):
    content = dataset(row()).export("csv").encode("gb18030")
    _result, problems = run_import(
        CommitmentResource(user=operator), read_dataset(content, "清单.csv"), dry_run=False
    )
    assert problems == [] and Commitment.objects.count() == 1


def test_export_holds_only_the_users_own_area(operator, township, other_township):
    CommitmentFactory(organisation=township, title="本镇承诺")
    CommitmentFactory(organisation=other_township, title="他镇草稿")
    exported = CommitmentResource(user=operator).export()
    assert [r[1] for r in exported] == ["本镇承诺"]


# --- no formula in any spreadsheet (issue 11) ------------------------------------------


def test_the_back_office_export_neutralises_formulas_for_its_own_area(
    client, operator, other_operator, township
):
    for payload in PAYLOADS:
        CommitmentFactory(organisation=township, title=payload, responsible_person=payload)
    url = reverse("commitments_commitment:export")
    client.force_login(other_operator)
    assert csv_cells(client.get(url, {"format": "csv"}).content)[1:] == []

    client.force_login(operator)
    as_csv = client.get(url, {"format": "csv"})
    as_xlsx = client.get(url, {"format": "xlsx"})

    assert_neutralised(csv_cells(as_csv.content)[1:])
    assert_neutralised(xlsx_cells(as_xlsx.content)[1:])
    assert "f" not in xlsx_types(as_xlsx.content)


def test_an_anonymous_visitor_gets_no_export(client):
    response = client.get(reverse("commitments_commitment:export"), {"format": "csv"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_import_with_a_formula_is_refused_and_writes_nothing(operator, township, payload):
    data = dataset(row(), row(责任人=payload))
    before = Event.objects.count()

    _result, problems = run_import(CommitmentResource(user=operator), data, dry_run=False)

    assert [(p.line, p.messages) for p in problems] == [
        (3, ["第3行「责任人」以 = + - @ 等字符开头，可能是公式，已拒绝"])
    ]
    assert Commitment.objects.count() == 0
    assert Event.objects.count() == before


def test_the_import_template_and_a_file_with_formulas_in_two_columns(client, operator, township):
    client.force_login(operator)
    template = client.get(reverse("commitments_commitment:import_template"), {"format": "csv"})
    assert csv_cells(template.content)[0][:2] == ["编号", "承诺事项"]
    data = dataset(row(承诺事项="=1+1", 承诺内容="@SUM(A1)"))

    _result, problems = run_import(CommitmentResource(user=operator), data, dry_run=False)

    assert problems[0].messages == [
        "第2行「承诺事项」以 = + - @ 等字符开头，可能是公式，已拒绝",
        "第2行「承诺内容」以 = + - @ 等字符开头，可能是公式，已拒绝",
    ]


def test_the_obligation_export_neutralises_text_and_keeps_amounts_plain(client, operator, township):
    from commitments.models import Obligation
    from commitments.services import obligation_add

    commitment = CommitmentFactory(organisation=township, code="CN2026-0009")
    for payload in PAYLOADS:
        obligation_add(
            commitment=commitment,
            by=operator,
            kind=Obligation.Kind.SUBSIDY,
            description=payload,
            condition="项目投产后",
            amount=Decimal("1200.50"),
            due_on=datetime.date(2026, 12, 31),
        )
    client.force_login(operator)

    rows = csv_cells(
        client.get(reverse("commitments_obligation:export"), {"format": "csv"}).content
    )

    assert_neutralised(rows[1:])
    assert {row[rows[0].index("金额（元）")] for row in rows[1:]} == {"1200.50"}
