"""Formula-injection payloads and readers of what an export wrote (shared by the tests)."""

import csv
import io
import re

import openpyxl

PAYLOADS = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-\d+(\.\d+)?$")  # a negative number written as text (CSV)


def csv_cells(content: bytes | str) -> list[list[str]]:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def xlsx_cells(content: bytes, sheet: str | None = None) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    worksheet = book[sheet] if sheet else book.active
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def xlsx_types(content: bytes) -> set[str]:
    """Every cell's data type in the first sheet ("f" would be a formula)."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return {cell.data_type for row in sheet.iter_rows() for cell in row}


def _lines(value):
    # XML (xlsx) stores a carriage return as a line feed; compare them as one.
    return value.replace("\r", "\n") if isinstance(value, str) else value


def assert_neutralised(rows: list[list], payloads=PAYLOADS) -> None:
    """Each payload is in the file, quoted; no text cell starts a formula."""
    cells = [_lines(cell) for row in rows for cell in row]
    for payload in payloads:
        assert _lines("'" + payload) in cells, payload
    dangerous = [
        c for c in cells if isinstance(c, str) and c.startswith(TRIGGERS) and not NUMBER.match(c)
    ]
    assert dangerous == []


def text_xlsx(headers: list[str], rows: list[list]) -> bytes:
    """A workbook whose text cells are stored as text even when they start with "=".

    (What a user gets typing '=HYPERLINK(...) in Excel; openpyxl would store a formula.)
    """
    book = openpyxl.Workbook()
    sheet = book.active
    for values in [headers, *rows]:
        sheet.append(values)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text_csv(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([headers, *rows])
    return buffer.getvalue().encode("utf-8")
