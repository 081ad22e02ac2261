import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import services
from assessment.scheme_io import scheme_export_xlsx, scheme_import_xlsx
from tests.formulas import PAYLOADS, assert_neutralised, xlsx_cells, xlsx_types

pytestmark = pytest.mark.django_db


def tree(scheme):
    return sorted(
        scheme.indicators.values_list(
            "code", "parent__code", "name", "points", "method", "per_item", "cap"
        )
    )


def test_a_scheme_survives_export_and_import(scheme, assessor, city):
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    assert scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor) == 7
    assert tree(target) == tree(scheme)
    assert services.scheme_problems(target) == []


def test_a_bad_line_is_named_and_nothing_is_imported(scheme, assessor, city):
    book = load_workbook(io.BytesIO(scheme_export_xlsx(scheme)))
    book["指标"]["E3"] = "瞎写"
    buffer = io.BytesIO()
    book.save(buffer)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    with pytest.raises(ValidationError, match="第3行"):
        scheme_import_xlsx(scheme=target, content=buffer.getvalue(), by=assessor)


def test_importing_into_a_frozen_scheme_is_refused(campaign, assessor):
    with pytest.raises(ValidationError, match="冻结"):
        scheme_import_xlsx(scheme=campaign.scheme, content=b"", by=assessor)


def test_the_assessor_downloads_and_uploads_the_workbook(client, scheme, assessor, city):
    client.force_login(assessor)
    response = client.get(reverse("assessment_admin:scheme_xlsx", args=[scheme.pk]))
    assert response.status_code == 200
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    upload = io.BytesIO(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    upload.name = "scheme.xlsx"
    client.post(reverse("assessment_admin:scheme_import", args=[target.pk]), {"file": upload})
    assert tree(target) == tree(scheme)


def test_another_organisation_and_anonymous_cannot_use_the_workbook(
    client, scheme, other_county_operator
):
    urls = [
        reverse("assessment_admin:scheme_xlsx", args=[scheme.pk]),
        reverse("assessment_admin:scheme_import", args=[scheme.pk]),
    ]
    for url in urls:
        assert "/login/" in client.get(url).url
    client.force_login(other_county_operator)
    for url in urls:
        assert client.get(url).status_code == 404


# --- no formula in the workbook (issue 11) ---------------------------------------------


def formula_scheme(city, assessor):
    target = services.scheme_create(organisation=city, year=2031, name="公式", by=assessor)
    for n, payload in enumerate(PAYLOADS):
        services.indicator_add(
            scheme=target,
            by=assessor,
            code=f"{n + 1}",
            name=payload,
            description=payload,
            points=Decimal(5),
        )
    return target


def test_the_workbook_download_neutralises_names_and_keeps_points_numbers(client, assessor, city):
    target = formula_scheme(city, assessor)
    client.force_login(assessor)
    response = client.get(reverse("assessment_admin:scheme_xlsx", args=[target.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content

    rows = xlsx_cells(content, "指标")
    assert_neutralised(rows[1:])
    assert "f" not in xlsx_types(content)
    assert {row[3] for row in rows[1:]} == {5}


def test_an_uploaded_workbook_with_a_formula_is_refused_and_nothing_changes(
    client, scheme, assessor, city
):
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor)
    before = tree(target)
    book = load_workbook(io.BytesIO(scheme_export_xlsx(scheme)))
    book["指标"]["C4"] = '=HYPERLINK("http://x","y")'  # openpyxl stores a formula
    book["等次"]["A2"] = "@SUM(A1)"
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "scheme.xlsx"
    client.force_login(assessor)

    response = client.post(
        reverse("assessment_admin:scheme_import", args=[target.pk]), {"file": upload}
    )

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["第4行「名称」以 = + - @ 等字符开头，可能是公式，已拒绝"]
    assert tree(target) == before


@pytest.mark.parametrize("payload", ["-2+3", "+1", "\tcmd"])
def test_a_formula_like_text_cell_is_refused_but_a_negative_number_is_not(
    scheme, assessor, city, payload
):
    book = load_workbook(io.BytesIO(scheme_export_xlsx(scheme)))
    book["指标"]["I2"] = payload
    book["指标"]["G2"] = -2  # points per item: a number
    buffer = io.BytesIO()
    book.save(buffer)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)

    with pytest.raises(ValidationError) as refused:
        scheme_import_xlsx(scheme=target, content=buffer.getvalue(), by=assessor)

    assert refused.value.messages == ["第2行「评分标准」以 = + - @ 等字符开头，可能是公式，已拒绝"]
    assert not target.indicators.exists()


def test_a_formula_in_the_grade_sheet_is_refused_too(scheme, assessor, city):
    book = load_workbook(io.BytesIO(scheme_export_xlsx(scheme)))
    book["等次"].append(["@SUM(A1)", 90, None])
    buffer = io.BytesIO()
    book.save(buffer)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    bands = list(target.bands.values_list("name", flat=True))

    with pytest.raises(ValidationError) as refused:
        scheme_import_xlsx(scheme=target, content=buffer.getvalue(), by=assessor)

    line = book["等次"].max_row
    assert refused.value.messages == [
        f"第{line}行「等次」以 = + - @ 等字符开头，可能是公式，已拒绝"
    ]
    assert not target.indicators.exists()
    assert list(target.bands.values_list("name", flat=True)) == bands


def test_a_workbook_over_the_row_limit_is_refused_and_nothing_changes(
    scheme, assessor, city, settings
):
    settings.IMPORT_MAX_ROWS = 3
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    with pytest.raises(ValidationError, match="一次最多导入 3 行"):
        scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor)
    assert not target.indicators.exists()


def test_an_upload_that_is_not_a_workbook_is_refused_in_chinese(client, scheme, assessor, city):
    client.force_login(assessor)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    fake = io.BytesIO(b"%PDF-1.4\n<html><script>x()</script>")
    fake.name = "scheme.xlsx"
    url = reverse("assessment_admin:scheme_import", args=[target.pk])
    response = client.post(url, {"file": fake}, follow=True)
    assert "网页代码" in response.content.decode()
    assert not target.indicators.exists()


def test_the_third_party_mark_survives_export_and_import(scheme, assessor, city):
    leaf = scheme.indicators.get(code="2.1")
    services.indicator_update(indicator=leaf, by=assessor, data={"third_party": True})
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor)
    assert list(target.indicators.filter(third_party=True).values_list("code", flat=True)) == [
        "2.1"
    ]


def test_the_scheme_page_links_export_and_import(client, scheme, assessor):
    client.force_login(assessor)
    html = client.get(reverse("assessment_admin:tree", args=[scheme.pk])).content.decode()
    assert reverse("assessment_admin:scheme_xlsx", args=[scheme.pk]) in html
    assert reverse("assessment_admin:scheme_import", args=[scheme.pk]) in html


def test_the_scheme_listing_links_each_scheme_to_its_page(client, scheme, assessor):
    client.force_login(assessor)
    html = client.get("/admin/assessment/schemes/").content.decode()
    assert reverse("assessment_admin:tree", args=[scheme.pk]) in html
