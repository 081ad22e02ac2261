import datetime
import io

import openpyxl
import pytest

from commitments.proposals import services
from commitments.proposals.models import Item, Kind, Reply
from tests.factories import DepartmentFactory
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells, xlsx_cells, xlsx_types

from .conftest import ASSIGNED, send_reply
from .test_public import SECRET_BODY, assert_clean


@pytest.fixture
def published(sole, office):
    reply = send_reply(sole, body=SECRET_BODY)
    return services.reply_publish(by=office, reply=reply, publication=Reply.Publication.FULL)


def test_public_export_of_published_replies_is_redacted(client, published):
    response = client.get("/replies/export/?format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "增设车位" in text
    assert_clean(text)


def test_item_list_for_office_unit_other_and_anonymous(
    client, sole, office, housing_operator, other_operator
):
    url = "/admin/proposal_items/"
    assert client.get(url).status_code == 302  # anonymous → login
    for user, visible in ((office, True), (housing_operator, True), (other_operator, False)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert (sole.item.title in response.content.decode()) is visible


def test_item_inspect_refuses_other_organisation(client, sole, other_operator):
    client.force_login(other_operator)
    response = client.get(f"/admin/proposal_items/inspect/{sole.item.pk}/")
    assert response.status_code in (302, 403, 404)


def test_items_export_has_no_contact_details(client, sole, office):
    client.force_login(office)
    response = client.get("/admin/proposal_items/export/?format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "关于改善老旧小区停车的建议" in text and "13912345678" not in text


def test_reply_letter_pdf_for_unit_but_not_other_or_anonymous(
    client, sole, housing_operator, other_operator
):
    reply = send_reply(sole)
    url = f"/admin/proposals/replies/{reply.pk}/letter.pdf"
    assert client.get(url).status_code == 302
    client.force_login(other_operator)
    assert client.get(url).status_code == 404
    client.force_login(housing_operator)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_statistics_page_excel_and_pdf(client, sole, office, other_operator, deputy_user):
    send_reply(sole)
    url = "/admin/proposals/statistics/?year=2025"
    assert client.get(url).status_code == 302
    client.force_login(deputy_user)
    assert client.get(url).status_code in (302, 403)
    client.force_login(other_operator)
    assert "住房和城乡建设局" not in client.get(url).content.decode()
    client.force_login(office)
    html = client.get(url).content.decode()
    assert "<svg" in html and "住房和城乡建设局" in html
    xlsx = client.get(url + "&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == "住房和城乡建设局"
    assert client.get("/admin/proposals/statistics/report.pdf?year=2025").content[:4] == b"%PDF"


def test_import_a_session_all_or_nothing(office, city):
    import tablib

    from commitments.proposals.resources import ItemResource
    from integrity.core.importing import run_import

    headers = ["编号", "年度", "类别", "届次", "标题", "内容", "领衔人", "代表团/界别", "联名人"]
    good = [
        "201",
        "2025",
        "suggestion",
        "四次会议",
        "关于公交的建议",
        "内容",
        "周代表",
        "北塘县代表团",
        "吴代表",
    ]
    bad = ["202", "2025", "suggestion", "四次会议", "", "内容", "周代表", "", ""]
    result, problems = run_import(
        ItemResource(user=office), tablib.Dataset(good, bad, headers=headers), dry_run=True
    )
    assert problems and problems[0].line == 3
    assert not Item.objects.exists()
    result, problems = run_import(
        ItemResource(user=office), tablib.Dataset(good, headers=headers), dry_run=False
    )
    assert not problems
    item = Item.objects.get()
    assert item.lead_author.name == "周代表" and [m.name for m in item.co_authors.all()] == [
        "吴代表"
    ]


# --- no formula in any spreadsheet (issue 11) ------------------------------------------


@pytest.fixture
def formula_items(city, office, deputy):
    """One item per payload, titled with it, handled by a unit named with it; replied."""
    items = []
    for n, payload in enumerate(PAYLOADS):
        unit = DepartmentFactory(name=payload, parent=city)
        item = services.item_register(
            by=office,
            organisation=city,
            kind=Kind.SUGGESTION,
            year=2025,
            number=f"90{n}",
            title=payload,
            content=payload,
            lead_author=deputy,
            registered_on=datetime.date(2025, 3, 1),
        )
        [assignment] = services.item_assign(
            by=office, item=item, mode=Item.Mode.SOLE, units=[(unit, "")], on=ASSIGNED
        )
        reply = services.reply_draft(
            by=None, assignment=assignment, category="A", title=payload, body="答复正文"
        )
        services.reply_submit(by=None, reply=reply)
        reply = services.reply_approve(by=None, reply=reply, on=ASSIGNED + datetime.timedelta(30))
        services.reply_publish(by=office, reply=reply, publication=Reply.Publication.FULL)
        items.append(item)
    return items


def test_the_items_export_neutralises_formulas_in_csv_and_xlsx(client, office, formula_items):
    client.force_login(office)
    as_csv = client.get("/admin/proposal_items/export/?format=csv")
    as_xlsx = client.get("/admin/proposal_items/export/?format=xlsx")

    assert_neutralised(csv_cells(as_csv.content)[1:])
    assert_neutralised(xlsx_cells(as_xlsx.content)[1:])
    assert "f" not in xlsx_types(as_xlsx.content)


def test_the_items_export_of_another_organisation_has_none_of_them(
    client, other_operator, formula_items
):
    client.force_login(other_operator)
    rows = csv_cells(client.get("/admin/proposal_items/export/?format=csv").content)
    assert rows[1:] == []


def test_the_statistics_workbook_neutralises_unit_names_and_keeps_numbers(
    client, office, formula_items
):
    client.force_login(office)
    content = client.get("/admin/proposals/statistics/?year=2025&format=xlsx").content
    rows = xlsx_cells(content)

    assert_neutralised(rows[1:])
    assert "f" not in xlsx_types(content)
    assert [row[1] for row in rows[1:]] == ["1"] * len(PAYLOADS) + [str(len(PAYLOADS))]


def test_the_public_replies_download_neutralises_formulas(client, formula_items):
    as_csv = client.get("/replies/export/?format=csv")
    as_xlsx = client.get("/replies/export/?format=xlsx")

    assert as_csv.status_code == as_xlsx.status_code == 200
    assert_neutralised(csv_cells(as_csv.content)[1:])
    assert_neutralised(xlsx_cells(as_xlsx.content)[1:])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_item_import_with_a_formula_is_refused_and_writes_nothing(office, city, payload):
    import tablib

    from commitments.proposals.resources import ItemResource
    from integrity.core.importing import run_import
    from integrity.core.models import Event

    headers = ["编号", "年度", "类别", "届次", "标题", "内容", "领衔人", "代表团/界别", "联名人"]
    good = ["201", "2025", "suggestion", "", "关于公交的建议", "内容", "周代表", "", ""]
    bad = ["202", "2025", "suggestion", "", payload, "内容", "周代表", "", ""]
    before = Event.objects.count()

    result, problems = run_import(
        ItemResource(user=office), tablib.Dataset(good, bad, headers=headers), dry_run=False
    )

    assert [(p.line, p.messages) for p in problems] == [
        (3, ["第3行「标题」以 = + - @ 等字符开头，可能是公式，已拒绝"])
    ]
    assert not Item.objects.exists()
    assert Event.objects.count() == before
