import io

import openpyxl
import pytest

from commitments.proposals import services
from commitments.proposals.models import Item, Reply

from .conftest import send_reply
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
