"""Formula (CSV) injection: one place that neutralises what we write and refuses what we read.

A spreadsheet program treats a cell that starts with ``= + - @`` (or a tab or carriage
return, which some of them strip first) as a formula: ``=HYPERLINK(...)`` or
``=cmd|' /C calc'!A0`` typed into a title by a citizen or a clerk would run on the
machine of whoever opens our export. So:

* every CSV/XLSX the system writes passes its cells through :func:`neutralise`, which
  prefixes such a *text* with a single quote (Excel shows it as text; the quote is
  visible in other programs, which is the point). Numbers, dates and booleans are not
  text and stay as they are, so a negative number stays a number. A column declared
  ``numeric`` also keeps a text that is a plain number (``-2.50`` from an API that
  serialises decimals as strings) - but never ``-2+3``.
* every import refuses such a cell in a text column with a row error
  (:func:`formula_message`), and so writes nothing.

Writers use the helpers here (:class:`SafeCsvWriter`, :class:`SafeDictWriter`,
:func:`append_row`, :func:`safe_dataset`, :class:`NeutralisingResourceMixin`,
:class:`NeutralisingSpreadsheetExportMixin`) rather than calling the libraries directly;
:func:`guard_wagtail_exports` covers Wagtail's own report downloads.
"""

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any

import tablib

from django.utils.translation import gettext as _
from import_export import widgets

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FIRST_CHARACTERS = frozenset(TRIGGERS)
PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?$")
# import-export widgets whose rendered text is a number or a date, never free text.
NUMERIC_WIDGETS: tuple[type, ...] = (
    widgets.NumberWidget,
    widgets.DateWidget,
    widgets.DateTimeWidget,
    widgets.TimeWidget,
    widgets.DurationWidget,
    widgets.BooleanWidget,
)


def is_formula(value: Any, *, numeric: bool = False) -> bool:
    """True if a spreadsheet could read ``value`` as a formula.

    Only text can be one. With ``numeric=True`` (a number column) a text that is a
    plain signed number (``-2``, ``-1,200.50``) is accepted as the number it is.
    """
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return False
    return not (numeric and PLAIN_NUMBER.match(value))


def neutralise(value: Any, *, numeric: bool = False) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run; else as is."""
    return "'" + value if is_formula(value, numeric=numeric) else value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`neutralise`."""
    return [neutralise(value) for value in values]


def safe_mapping(row: Mapping[str, Any], numeric: Iterable[str] = ()) -> dict[str, Any]:
    """A row by column name through :func:`neutralise`; ``numeric`` names number columns."""
    numbers = set(numeric)
    return {key: neutralise(value, numeric=key in numbers) for key, value in row.items()}


# --- writers ----------------------------------------------------------------------------


class SafeCsvWriter:
    """``csv.writer`` whose every row is neutralised (``writerow`` returns what it wrote).

    ``numeric``: positions of number columns (their plain-number text is kept).
    """

    def __init__(self, stream: Any, numeric: Iterable[int] = (), **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)
        self.numeric = frozenset(numeric)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(
            [neutralise(v, numeric=i in self.numeric) for i, v in enumerate(row)]
        )

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every row is neutralised; ``numeric`` names number columns."""

    def __init__(self, stream: Any, fieldnames: Iterable[str], numeric: Iterable[str] = ()):
        super().__init__(stream, fieldnames=list(fieldnames))
        self.numeric = tuple(numeric)

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow(safe_mapping(rowdict, self.numeric))


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """``sheet.append`` for an openpyxl worksheet, neutralised.

    openpyxl stores a text starting with ``=`` as a *formula*; neutralised it is text.
    """
    sheet.append(safe_row(values))


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of a tablib dataset with every cell neutralised (headers are ours)."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append(safe_row(row))
    return safe


def is_numeric_widget(widget: Any) -> bool:
    """A widget whose cells are numbers or dates (ours say so with ``numeric = True``)."""
    return isinstance(widget, NUMERIC_WIDGETS) or getattr(widget, "numeric", False)


class NeutralisingResourceMixin:
    """For import-export resources: exported text is neutralised, imported formulas refused.

    Number and date widgets render numbers as text; their output stays as it is if it
    is a plain number, so a negative amount is still a number in the file. On import a
    formula-like cell in any column (other than a plain number in a number column) fails
    the row with :class:`FormulaRefused`, an *error* row: the whole import rolls back.
    """

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)  # type: ignore[misc]
        return neutralise(value, numeric=is_numeric_widget(field.widget))

    def before_import_row(self, row, **kwargs):
        texts = [
            f.column_name
            for f in self.get_import_fields()  # type: ignore[attr-defined]
            if not is_numeric_widget(f.widget)
        ]
        refused = formula_columns(row, text_columns=texts)
        if refused:
            line = int(kwargs.get("row_number") or 0) + 1  # line 1 is the header
            raise FormulaRefused([formula_message(line, column) for column in refused])
        super().before_import_row(row, **kwargs)  # type: ignore[misc]


class NeutralisingSpreadsheetExportMixin:
    """For Wagtail listing views (``SpreadsheetExportMixin``): neutralise every cell.

    Wagtail passes numbers and dates through untouched (``force_str(strings_only=True)``),
    so only text is ever prefixed.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        return neutralise(value)


def guard_wagtail_exports() -> None:
    """Neutralise the spreadsheets of Wagtail's *own* listings too (called once at start-up).

    Site history, page and workflow reports and form submissions export through
    ``SpreadsheetExportMixin`` in views we do not own or route, so its value hook is
    wrapped in place. Our viewsets use :class:`NeutralisingSpreadsheetExportMixin`
    explicitly; neutralising twice changes nothing.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralising", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralising = True  # type: ignore[attr-defined]
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value  # type: ignore[method-assign]


# --- readers ----------------------------------------------------------------------------


class FormulaRefused(ValueError):
    """A file cell looks like a formula; ``messages`` are the row errors for the clerk."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def formula_message(line: int, column: str) -> str:
    """The row error shown to a clerk for a refused cell."""
    return _(
        "Line %(line)d: “%(column)s” starts with = + - @ or a similar character and "
        "could be a formula; it was refused."
    ) % {"line": line, "column": column}


def formula_columns(
    row: Mapping[str, Any], *, text_columns: Iterable[str] | None = None
) -> list[str]:
    """The columns of ``row`` (by header) whose cell looks like a formula.

    ``text_columns``: only these are checked as text; any other column is checked as a
    number column (a plain signed number is fine there). ``None`` checks every column as
    text.
    """
    texts = text_columns if isinstance(text_columns, set | frozenset | None) else set(text_columns)
    return [
        column
        for column, value in row.items()
        # the cheap test first: the fast commitment import runs this 100,000 times
        if isinstance(value, str)
        and value[:1] in FIRST_CHARACTERS
        and is_formula(value, numeric=texts is not None and column not in texts)
    ]
