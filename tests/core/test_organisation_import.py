import io

import openpyxl
import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from integrity.core.importing import read_dataset, run_import
from integrity.core.models import Event, Organisation
from integrity.core.resources import OrganisationResource
from integrity.core.uscc import make_uscc

HEADERS = [
    "名称",
    "简称",
    "层级",
    "类型",
    "上级单位",
    "统一社会信用代码",
    "行政区划代码",
    "地址",
    "办公电话",
]


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def label(choice) -> str:
    with translation.override("zh-hans"):
        return str(choice.label)


def village(name, parent, code=""):
    level, kind = label(Organisation.Level.VILLAGE), label(Organisation.Kind.VILLAGE_COMMITTEE)
    return [name, "", level, kind, parent, code, "", "", ""]


@pytest.fixture
def resource(operator):
    return OrganisationResource(user=operator)


def test_villages_are_imported_under_the_township_with_events(resource, township, operator):
    code = make_uscc("N2", "390122", "00000042")
    dataset = read_dataset(
        xlsx(
            [
                village("上湾村村民委员会", "石桥镇", code),
                village("下湾村村民委员会", township.uscc),
            ]
        ),
        "villages.xlsx",
    )
    result, problems = run_import(resource, dataset, dry_run=False)
    assert problems == []
    created = Organisation.objects.filter(parent=township, level="village")
    assert set(created.values_list("name", flat=True)) == {"上湾村村民委员会", "下湾村村民委员会"}
    assert all(o.path.startswith(township.path) for o in created)
    assert (
        Event.objects.filter(
            type="organisation.created", actor=operator, object_id__in=[str(o.pk) for o in created]
        ).count()
        == 2
    )


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported(
    resource, township, other_township
):
    bad_code = make_uscc("N2", "390122", "00000042")[:-1] + "0"
    rows = [
        village("上湾村村民委员会", "石桥镇"),
        village("坏码村村民委员会", "石桥镇", bad_code),
        village("越界村村民委员会", "白沙镇"),
        village("无名村村民委员会", "不存在镇"),
    ]
    result, problems = run_import(resource, read_dataset(xlsx(rows), "v.xlsx"), dry_run=False)
    assert not Organisation.objects.filter(level="village").exists()
    lines = {p.line: " ".join(p.messages) for p in problems}
    assert set(lines) == {3, 4, 5}
    assert "校验码" in lines[3] or "Check character" in lines[3]
    assert "白沙镇" in lines[4]
    assert "不存在镇" in lines[5]


def test_a_single_invalid_row_rolls_back_the_valid_ones(resource, township):
    rows = [
        village("上湾村村民委员会", "石桥镇"),
        village("下湾村村民委员会", "石桥镇"),
        village("坏村村民委员会", "不存在镇"),
    ]
    result, problems = run_import(resource, read_dataset(xlsx(rows), "v.xlsx"), dry_run=False)
    assert [p.line for p in problems] == [4]
    assert not Organisation.objects.filter(level="village").exists()


def test_csv_in_gb18030_is_read(resource, township):
    text = ",".join(HEADERS) + "\n" + ",".join(village("柳树村村民委员会", "石桥镇")) + "\n"
    dataset = read_dataset(text.encode("gb18030"), "v.csv")
    result, problems = run_import(resource, dataset, dry_run=False)
    assert problems == []
    assert Organisation.objects.filter(name="柳树村村民委员会", parent=township).exists()


def test_the_back_office_previews_then_imports(client, operator, township):
    client.force_login(operator)
    url = reverse("organisations:import")
    upload = SimpleUploadedFile("v.xlsx", xlsx([village("茶园村村民委员会", "石桥镇")]))
    preview = client.post(url, {"import_file": upload})
    assert preview.status_code == 200
    assert preview.context["preview"] is True
    assert not Organisation.objects.filter(name="茶园村村民委员会").exists()
    confirm = client.post(url, {"token": preview.context["token"]})
    assert confirm.status_code == 302
    assert Organisation.objects.filter(name="茶园村村民委员会", parent=township).exists()


def test_the_template_has_the_chinese_headers(client, operator):
    client.force_login(operator)
    response = client.get(reverse("organisations:import_template"), {"format": "csv"})
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)


def test_an_anonymous_visitor_cannot_import_or_export(client):
    for name in ("import", "export", "import_template"):
        response = client.get(reverse(f"organisations:{name}"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
