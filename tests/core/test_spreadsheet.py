"""No formula in anything we write as CSV/XLSX; imports refuse formula-like cells."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
import tablib
from openpyxl import Workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.admin.viewsets import viewsets as wagtail_viewsets

from integrity.core.importing import read_dataset, run_import
from integrity.core.models import Event, Organisation
from integrity.core.resources import OrganisationResource
from integrity.core.spreadsheet import (
    NeutralisingResourceMixin,
    NeutralisingSpreadsheetExportMixin,
    SafeCsvWriter,
    SafeDictWriter,
    append_row,
    neutralise,
    safe_dataset,
    safe_row,
)
from tests.core.test_organisation_import import HEADERS, village
from tests.factories import SysadminFactory, TownshipFactory
from tests.formulas import (
    PAYLOADS,
    assert_neutralised,
    csv_cells,
    text_csv,
    text_xlsx,
    xlsx_cells,
    xlsx_types,
)

APPS = ("integrity", "commitments", "assessment", "cms", "portal")

# --- the helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_starting_a_formula_gets_a_leading_quote(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", [-2, -1.5, Decimal("-2.50"), datetime.date(2026, 1, 1), True, None, "北塘县", ""]
)
def test_numbers_dates_and_plain_text_are_left_as_they_are(value):
    assert neutralise(value) == value


def test_a_number_column_keeps_a_plain_negative_number_but_not_a_formula():
    assert neutralise("-2.50", numeric=True) == "-2.50"
    assert neutralise("-1,200.50", numeric=True) == "-1,200.50"
    assert neutralise("-1+2", numeric=True) == "'-1+2"
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("-2.50") == "'-2.50"  # in a text column even this is text


def test_the_csv_writers_neutralise_every_row():
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, numeric=[1])
    writer.writerow(["标题", "金额"])
    writer.writerows([[p, "-3.5"] for p in PAYLOADS])
    rows = csv_cells(buffer.getvalue())
    assert_neutralised(rows[1:])
    assert {row[1] for row in rows[1:]} == {"-3.5"}

    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=["title", "amount"], numeric=["amount"])
    writer.writeheader()
    for payload in PAYLOADS:
        writer.writerow({"title": payload, "amount": -4})
    rows = csv_cells(buffer.getvalue())
    assert_neutralised(rows[1:])
    assert {row[1] for row in rows[1:]} == {"-4"}


def test_an_openpyxl_row_holds_text_not_a_formula_and_numbers_stay_numbers():
    book = Workbook()
    for payload in PAYLOADS:
        append_row(book.active, [payload, -2.5])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = xlsx_cells(buffer.getvalue())
    assert_neutralised(rows)
    assert {row[1] for row in rows} == {-2.5}
    assert "f" not in xlsx_types(buffer.getvalue())


def test_a_tablib_dataset_is_copied_neutralised():
    dataset = tablib.Dataset(*[(p, -7) for p in PAYLOADS], headers=["标题", "数"])
    safe = safe_dataset(dataset)
    assert safe.headers == ["标题", "数"]
    assert_neutralised([list(r) for r in safe])
    assert safe["数"] == [-7] * len(PAYLOADS)
    assert safe_row(dataset[0]) == list(safe[0])


def test_every_back_office_listing_neutralises_its_spreadsheet_export(client, operator):
    """Wagtail writes the CSV/XLSX of a listing (``list_export``) itself."""
    client.force_login(operator)  # the registry is filled once the admin URLs load
    client.get(reverse("wagtailadmin_home"))
    index_views = {
        type(vs).__name__: vs.index_view_class
        for vs in wagtail_viewsets.viewsets
        if getattr(vs, "index_view_class", None) and vs.__module__.split(".")[0] != "wagtail"
    }
    assert index_views
    unsafe = [
        name
        for name, view in index_views.items()
        if not issubclass(view, NeutralisingSpreadsheetExportMixin)
    ]
    assert unsafe == []


# --- organisations: back-office export, template and import ----------------------------


@pytest.fixture
def villages(township):
    return [
        TownshipFactory(name=payload, parent=township, level=Organisation.Level.VILLAGE)
        for payload in PAYLOADS
    ]


def test_the_organisation_export_neutralises_names_in_csv_and_xlsx(client, operator, villages):
    client.force_login(operator)
    url = reverse("organisations:export")
    as_csv = client.get(url, {"format": "csv"})
    as_xlsx = client.get(url, {"format": "xlsx"})

    assert as_csv.status_code == as_xlsx.status_code == 200
    assert_neutralised(csv_cells(as_csv.content)[1:])
    assert_neutralised(xlsx_cells(as_xlsx.content)[1:])
    assert "f" not in xlsx_types(as_xlsx.content)


def test_another_organisations_export_holds_none_of_them(client, other_operator, villages):
    client.force_login(other_operator)
    response = client.get(reverse("organisations:export"), {"format": "csv"})
    names = {row[0] for row in csv_cells(response.content)}
    assert not names & (set(PAYLOADS) | {"'" + p for p in PAYLOADS})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_organisation_import_with_a_formula_is_refused_and_writes_nothing(
    operator, township, payload
):
    rows = [village("上湾村村民委员会", "石桥镇"), village(payload, "石桥镇")]
    dataset = read_dataset(text_csv(HEADERS, rows), "v.csv")
    before = Event.objects.count()

    result, problems = run_import(OrganisationResource(user=operator), dataset, dry_run=False)

    assert [(p.line, p.messages) for p in problems] == [
        (3, ["第3行「名称」以 = + - @ 等字符开头，可能是公式，已拒绝"])
    ]
    assert not Organisation.objects.filter(level="village").exists()
    assert Event.objects.count() == before


def test_a_formula_in_the_address_column_of_a_csv_is_refused_too(operator, township):
    row = village("柳树村村民委员会", "石桥镇")
    row[HEADERS.index("地址")] = "@SUM(A1)"
    text = ",".join(HEADERS) + "\n" + ",".join(row) + "\n"

    result, problems = run_import(
        OrganisationResource(user=operator), read_dataset(text.encode(), "v.csv"), dry_run=False
    )

    assert [p.messages for p in problems] == [
        ["第2行「地址」以 = + - @ 等字符开头，可能是公式，已拒绝"]
    ]
    assert not Organisation.objects.filter(name="柳树村村民委员会").exists()


def test_the_back_office_import_page_shows_the_row_error(client, operator, township):
    client.force_login(operator)
    payload = '=HYPERLINK("http://x","y")'
    upload = SimpleUploadedFile("v.xlsx", text_xlsx(HEADERS, [village(payload, "石桥镇")]))

    preview = client.post(reverse("organisations:import"), {"import_file": upload})

    assert preview.status_code == 200
    assert "第2行「名称」以 = + - @ 等字符开头，可能是公式，已拒绝" in preview.content.decode()
    assert not Organisation.objects.filter(level="village").exists()


def test_wagtails_own_site_history_download_is_neutralised_too(client, city):
    from wagtail.models import Page, PageLogEntry

    admin = SysadminFactory(organisation=city)
    root = Page.get_first_root_node()
    for payload in PAYLOADS:
        page = root.add_child(instance=Page(title=payload, slug=f"p{PAYLOADS.index(payload)}"))
        PageLogEntry.objects.log_action(instance=page, action="wagtail.create", user=admin)
    client.force_login(admin)

    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})

    assert response.status_code == 200
    assert_neutralised(csv_cells(b"".join(response.streaming_content))[1:])


def test_every_import_export_resource_of_ours_neutralises_and_refuses():
    import importlib

    from import_export.resources import Resource

    for module in ("integrity.core", "commitments", "commitments.proposals"):
        importlib.import_module(f"{module}.resources")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {c for c in subclasses(Resource) if c.__module__.split(".")[0] in APPS}
    assert len(ours) >= 5
    assert [c.__name__ for c in ours if not issubclass(c, NeutralisingResourceMixin)] == []


def test_no_module_writes_csv_around_the_safe_writers():
    """csv.writer / csv.DictWriter appear only in integrity/core/spreadsheet.py."""
    root = Path(__file__).resolve().parents[2]
    raw = [
        str(path.relative_to(root))
        for app in APPS
        for path in (root / app).rglob("*.py")
        if path.name != "spreadsheet.py"
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    ]
    assert raw == []
