"""Import and export through django-import-export, from the Wagtail back office.

Every import is previewed (a dry run in a rolled-back transaction) and then
confirmed; import-export's transaction mode makes it all-or-nothing: one bad
row and nothing is written. Problems are reported per line of the file.
"""

import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path

import tablib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from integrity.core.bulk import csv_dataset
from integrity.core.permissions import scope_queryset
from integrity.core.spreadsheet import FormulaRefused, safe_dataset
from integrity.core.storage import private_storage
from integrity.core.uploads import IMPORT, check_upload

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
UPLOAD_DIR = "imports"
ABANDONED_AFTER = datetime.timedelta(days=1)  # a preview left open longer is dropped


class ImportFileError(Exception):
    """The uploaded file cannot be read as a table."""


@dataclass
class RowProblem:
    line: int
    messages: list[str]


def read_dataset(content: bytes, filename: str) -> tablib.Dataset:
    """Load an uploaded xlsx or csv (UTF-8, UTF-8 with BOM or GB18030) into a dataset.

    Raises ImportFileError for an unreadable file or one over ``IMPORT_MAX_ROWS`` rows.
    """
    return check_row_limit(_load_dataset(content, filename))


def check_row_limit(dataset: tablib.Dataset) -> tablib.Dataset:
    limit = settings.IMPORT_MAX_ROWS
    if len(dataset) > limit:
        raise ImportFileError(
            _("The file has %(rows)s rows; at most %(limit)s rows can be imported at once.")
            % {"rows": len(dataset), "limit": limit}
        )
    return dataset


def check_import_upload(upload) -> None:
    """Refuse (ImportFileError) a file too large, of the wrong type or not what it claims."""
    try:
        check_upload(upload, kind=IMPORT)
    except ValidationError as error:
        raise ImportFileError(" ".join(error.messages)) from error


def _load_dataset(content: bytes, filename: str) -> tablib.Dataset:
    suffix = Path(filename).suffix.lower().lstrip(".")
    try:
        if suffix == "xlsx":
            return tablib.Dataset().load(content, format="xlsx")
        if suffix == "csv":
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return csv_dataset(content.decode(encoding))  # tablib's, faster
                except UnicodeDecodeError:
                    continue
            raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030 encoded."))
    except ImportFileError:
        raise
    except Exception as error:  # a corrupt file: tell the clerk, never a 500
        raise ImportFileError(
            _("The file could not be read: %(error)s") % {"error": error}
        ) from error
    raise ImportFileError(_("Only .xlsx and .csv files can be imported."))


def _messages_of(error) -> list[str]:
    if isinstance(error, ValidationError | FormulaRefused):
        return [force_str(m) for m in error.messages]
    return [force_str(error)]


def _column(resource, field: str) -> str:
    column = getattr(resource.fields.get(field), "column_name", None) if resource else None
    return column or field


def row_problems(result, resource=None) -> list[RowProblem]:
    """Every bad row with its line in the file (line 1 is the header), by column name."""
    problems: dict[int, list[str]] = {}
    for invalid in result.invalid_rows:
        found = problems.setdefault(invalid.number + 1, [])
        for field, errors in invalid.field_specific_errors.items():
            found += [f"{_column(resource, field)}：{force_str(e)}" for e in errors]
        found += [force_str(e) for e in invalid.non_field_specific_errors]
    for number, errors in result.row_errors():
        problems.setdefault(number + 1, []).extend(m for e in errors for m in _messages_of(e.error))
    for error in result.base_errors:
        problems.setdefault(0, []).extend(_messages_of(error.error))
    return [RowProblem(line, msgs) for line, msgs in sorted(problems.items())]


def run_import(resource, dataset: tablib.Dataset, *, dry_run: bool):
    """Import ``dataset`` in one transaction; returns ``(result, problems)``."""
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        collect_failed_rows=True,
    )
    return result, row_problems(result, resource)


def export_response(resource, queryset, fmt: str, filename: str) -> HttpResponse:
    dataset = resource.export(queryset=queryset)
    return dataset_response(dataset, fmt, filename)


def dataset_response(dataset: tablib.Dataset, fmt: str, filename: str) -> HttpResponse:
    if fmt not in FORMATS:
        fmt = "xlsx"
    data = safe_dataset(dataset).export(fmt)  # no cell may be a formula
    if fmt == "csv":
        data = "\ufeff" + data  # so that Excel opens Chinese text correctly
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return response


def purge_abandoned_imports(max_age: datetime.timedelta = ABANDONED_AFTER) -> int:
    """Delete preview files nobody confirmed or cancelled within ``max_age``; returns how many."""
    storage = private_storage()
    try:
        names = storage.listdir(UPLOAD_DIR)[1]
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - max_age
    stale = [f"{UPLOAD_DIR}/{n}" for n in names]
    stale = [name for name in stale if storage.get_modified_time(name) < cutoff]
    for name in stale:
        storage.delete(name)
    return len(stale)


class ResourceViewMixin:
    viewset = None
    resource_class = None

    def get_resource(self):
        return self.resource_class(user=self.request.user)

    def check(self, action: str) -> None:
        opts = self.viewset.model._meta
        if not self.request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            raise PermissionDenied


class ExportView(ResourceViewMixin, View):
    """The rows of the list as the user filtered and searched it, inside their scope."""

    def get(self, request, *args, **kwargs):
        self.check("export")
        queryset = scope_queryset(request.user, self.listed_queryset(request))
        return export_response(
            self.get_resource(),
            queryset,
            request.GET.get("format", "xlsx"),
            force_str(self.viewset.model._meta.verbose_name_plural),
        )

    def listed_queryset(self, request):
        """The listing's own queryset: its filters, search and order from the query string."""
        view_function = self.viewset.construct_view(
            self.viewset.index_view_class, **self.viewset.get_index_view_kwargs()
        )
        view = view_function.view_class(**view_function.view_initkwargs)
        view.setup(request)
        try:
            return view.get_queryset()
        except AttributeError:  # a listing that is not a generic index view
            return self.viewset.model._default_manager.all()


class TemplateDownloadView(ResourceViewMixin, View):
    def get(self, request, *args, **kwargs):
        self.check("add")
        resource = self.get_resource()
        dataset = tablib.Dataset(headers=resource.get_export_headers())
        for row in getattr(resource, "template_rows", lambda: [])():
            dataset.append(row)
        name = _("%(name)s import template") % {"name": self.viewset.model._meta.verbose_name}
        return dataset_response(dataset, request.GET.get("format", "xlsx"), name)


class ImportView(ResourceViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/import.html"
    page_title = gettext_lazy("Import")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.check("add")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.viewset.model._meta.verbose_name_plural

    def _store(self, upload) -> str:
        """Keep the checked upload in private storage until it is confirmed or dropped."""
        check_import_upload(upload)
        purge_abandoned_imports()
        name = f"{UPLOAD_DIR}/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
        return Path(private_storage().save(name, upload)).name

    def _load(self, token: str) -> tuple[bytes, str]:
        name = f"{UPLOAD_DIR}/{Path(token).name}"  # never trust a path from the form
        with private_storage().open(name, "rb") as handle:
            return handle.read(), name

    @staticmethod
    def _discard(token: str) -> None:
        if Path(token).name:
            private_storage().delete(f"{UPLOAD_DIR}/{Path(token).name}")

    def post(self, request, *args, **kwargs):
        if "cancel" in request.POST:
            self._discard(request.POST.get("token", ""))
            return redirect(self.viewset.get_url_name("index"))
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        token = ""
        try:
            upload = request.FILES.get("import_file")
            if not upload:
                raise ImportFileError(_("Choose a file to import."))
            token = self._store(upload)
            content, name = self._load(token)
            result, problems = run_import(
                self.get_resource(), read_dataset(content, name), dry_run=True
            )
        except (ImportFileError, FileNotFoundError) as error:
            self._discard(token)
            return self.render_to_response(self.get_context_data(file_error=str(error)))
        if problems:  # nothing to confirm: the file is not kept
            self._discard(token)
        return self.render_to_response(
            self.get_context_data(
                result=result,
                problems=problems,
                token=token,
                totals=result.totals,
                preview=not problems,
            )
        )

    def confirm(self, token: str):
        try:
            content, name = self._load(token)
            result, problems = run_import(
                self.get_resource(), read_dataset(content, name), dry_run=False
            )
        except (ImportFileError, FileNotFoundError) as error:
            return self.render_to_response(self.get_context_data(file_error=str(error)))
        finally:
            self._discard(token)  # applied or not, the uploaded file is gone
        if problems:
            return self.render_to_response(
                self.get_context_data(result=result, problems=problems, totals=result.totals)
            )
        messages.success(
            self.request,
            _("Import finished: %(new)d created, %(update)d updated.")
            % {"new": result.totals.get("new", 0), "update": result.totals.get("update", 0)},
        )
        return redirect(self.viewset.get_url_name("index"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse(self.viewset.get_url_name("import_template"))
        context["headers"] = self.get_resource().get_export_headers()
        return context


class ImportExportViewSetMixin:
    """Adds import (with preview), export and template-download URLs to a viewset."""

    resource_class = None

    def get_urlpatterns(self):
        kwargs = {"viewset": self, "resource_class": self.resource_class}
        return super().get_urlpatterns() + [
            path("import/", ImportView.as_view(**kwargs), name="import"),
            path(
                "import/template/", TemplateDownloadView.as_view(**kwargs), name="import_template"
            ),
            path("export/", ExportView.as_view(**kwargs), name="export"),
        ]


class ImportExportIndexMixin:
    """Header buttons for import and export on the listing."""

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        opts = self.model._meta
        perm = f"{opts.app_label}.%s_{opts.model_name}"
        user = self.request.user
        if user.has_perm(perm % "add"):
            buttons.append(
                Button(
                    _("Import"),
                    url=reverse(f"{self.viewset_url_prefix}:import"),
                    icon_name="upload",
                    priority=50,
                )
            )
        if user.has_perm(perm % "export"):
            export = reverse(f"{self.viewset_url_prefix}:export")
            buttons.append(
                Button(
                    _("Export Excel"),
                    url=f"{export}?{self.export_query('xlsx')}",
                    icon_name="download",
                    priority=60,
                )
            )
            buttons.append(
                Button(
                    _("Export CSV"),
                    url=f"{export}?{self.export_query('csv')}",
                    icon_name="download",
                    priority=61,
                )
            )
        return buttons

    def export_query(self, fmt: str) -> str:
        """The list's current filters and search, so the export holds what the list shows."""
        query = self.request.GET.copy()
        for name in ("p", "page", "format", "export"):
            query.pop(name, None)
        query["format"] = fmt
        return query.urlencode()

    @property
    def viewset_url_prefix(self) -> str:
        return self.index_url_name.rsplit(":", 1)[0]
