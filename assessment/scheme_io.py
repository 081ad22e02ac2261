"""A scheme as an Excel workbook: sheet 指标 (the tree) and sheet 等次 (grade bands)."""

import io
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook, load_workbook

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessment import services
from assessment.models import GradeBand, Indicator, Scheme
from assessment.services.schemes import ensure_editable
from integrity.core.spreadsheet import append_row, formula_columns, formula_message

HEADERS = [
    "编号",
    "上级编号",
    "名称",
    "分值",
    "计分方式",
    "自动指标",
    "每项分值",
    "上限",
    "评分标准",
    "第三方评价",
]
YES = {"是", "1", "true", "yes", "y"}
BAND_HEADERS = ["等次", "最低分", "名额比例"]
NUMBER_HEADERS = {"分值", "每项分值", "上限", "最低分", "名额比例"}
METHOD_BY_LABEL = {str(label): value for value, label in Indicator.Method.choices}


def scheme_export_xlsx(scheme: Scheme) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    append_row(sheet, HEADERS)
    for node in scheme.indicators.select_related("parent").order_by("level", "sort_order"):
        append_row(
            sheet,
            [
                node.code,
                node.parent.code if node.parent else "",
                node.name,
                node.points,
                node.get_method_display() if node.method else "",
                node.metric_code,
                node.per_item,
                node.cap,
                node.description,
                "是" if node.third_party else "",
            ],
        )
    bands = book.create_sheet("等次")
    append_row(bands, BAND_HEADERS)
    for band in scheme.bands.all():
        append_row(bands, [band.name, band.min_score, band.quota])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value, line: int, required: bool = False) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise ValidationError(_("Line %(line)s: a number is missing.") % {"line": line})
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError(_("Line %(line)s: not a number.") % {"line": line}) from error


def _refuse_formulas(headers: list[str], row: tuple, line: int) -> None:
    """A text cell that a spreadsheet would run as a formula fails the whole import."""
    cells = dict(zip(headers, row, strict=False))
    texts = [h for h in headers if h not in NUMBER_HEADERS]
    refused = formula_columns(cells, text_columns=texts)
    if refused:
        raise ValidationError([formula_message(line, column) for column in refused])


def _row_fields(row: tuple, line: int) -> dict:
    _refuse_formulas(HEADERS, row, line)
    code, parent, name, points, method, metric, per_item, cap, description, third = (
        list(row) + [None] * 10
    )[:10]
    method = METHOD_BY_LABEL.get(str(method or "").strip(), str(method or "").strip())
    if method and method not in Indicator.Method.values:
        raise ValidationError(_("Line %(line)s: unknown scoring method.") % {"line": line})
    return {
        "code": str(code or "").strip(),
        "parent": str(parent or "").strip(),
        "name": str(name or "").strip(),
        "points": _number(points, line, True) or 0,
        "method": method,
        "metric_code": str(metric or "").strip(),
        "per_item": _number(per_item, line),
        "cap": _number(cap, line),
        "description": str(description or ""),
        "third_party": str(third or "").strip().lower() in YES,
    }


def _import_row(scheme, by, fields: dict, added: dict, line: int, order: int) -> None:
    parent_code = fields.pop("parent")
    if parent_code and parent_code not in added:
        raise ValidationError(
            _("Line %(line)s: the parent must come on an earlier line.") % {"line": line}
        )
    try:
        added[fields["code"]] = services.indicator_add(
            scheme=scheme, by=by, parent=added.get(parent_code), sort_order=order, **fields
        )
    except ValidationError as error:
        raise ValidationError(
            _("Line %(line)s: %(problem)s") % {"line": line, "problem": " ".join(error.messages)}
        ) from error


@transaction.atomic
def scheme_import_xlsx(*, scheme: Scheme, content: bytes, by) -> int:
    """Replace the draft scheme's indicators (and bands, if the sheet is there) with the
    workbook's; all or nothing. Raises ValidationError naming the line."""
    ensure_editable(scheme)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True)
    except Exception as error:
        raise ValidationError(_("The file is not an Excel workbook.")) from error
    rows = list(book["指标"].iter_rows(min_row=2, values_only=True)) if "指标" in book else []
    if len(rows) > settings.IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has %(rows)s rows; at most %(limit)s rows can be imported at once.")
            % {"rows": len(rows), "limit": settings.IMPORT_MAX_ROWS}
        )
    scheme.indicators.all().delete()
    added: dict[str, Indicator] = {}
    for index, row in enumerate(rows, start=2):
        if any(cell not in (None, "") for cell in row):
            _import_row(scheme, by, _row_fields(row, index), added, index, index)
    if "等次" in book:
        scheme.bands.all().delete()
        for index, (name, minimum, quota) in enumerate(
            book["等次"].iter_rows(min_row=2, max_col=3, values_only=True), start=2
        ):
            _refuse_formulas(BAND_HEADERS, (name, minimum, quota), index)
            if name:
                GradeBand.objects.create(
                    scheme=scheme,
                    name=name,
                    min_score=_number(minimum, index, True),
                    quota=_number(quota, index),
                )
    return len(added)
