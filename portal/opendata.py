"""Open data: CSV and JSON downloads of everything published, with a documented schema.

Each dataset reuses the serializer of its public API endpoint, so a download and the API
carry the same rows under the same field names. Rows stream out (UTF-8 with BOM for
CSV, so Excel opens Chinese correctly), however large the table. No personal data is
part of any dataset: the public serializers already leave out phones, ID numbers,
addresses, authors' contact details and everything about reporters. Schema: docs/opendata.md.
"""

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from assessment.models import CampaignUnit
from commitments import selectors as commitment_selectors
from commitments.api import PublicCommitmentSerializer
from commitments.proposals import selectors as proposal_selectors
from commitments.proposals.api import PublishedReplySerializer
from integrity.core.pagination import IdCursorPagination
from integrity.core.spreadsheet import SafeCsvWriter
from integrity.records import selectors as record_selectors
from integrity.records.api import PublicRecordSerializer

LICENCE = _(
    "Open data of this platform is provided under the Creative Commons Attribution 4.0 "
    "International licence (CC BY 4.0): you may copy, share, adapt and use it, also "
    "commercially, provided you name the source (政务诚信监督评价平台) and the date of "
    "download. It contains no personal data."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"


class PublicResultSerializer(serializers.ModelSerializer):
    """One unit's published result in an annual assessment."""

    year = serializers.IntegerField(source="campaign.year")
    campaign = serializers.IntegerField(source="campaign_id")
    assessing_organisation = serializers.CharField(source="campaign.organisation.name")
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    uscc = serializers.CharField(source="organisation.uscc")
    peer_group = serializers.CharField(source="peer_group.name", default="")

    class Meta:
        model = CampaignUnit
        fields = [
            "id",
            "year",
            "campaign",
            "assessing_organisation",
            "organisation",
            "organisation_name",
            "uscc",
            "peer_group",
            "base",
            "deductions",
            "bonus",
            "total",
            "vetoed",
            "rank",
            "grade",
        ]


def public_results() -> QuerySet:
    return CampaignUnit.objects.published().select_related(
        "campaign__organisation", "organisation", "peer_group"
    )


class PublicResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Published assessment results (open data), one row per assessed unit."""

    permission_classes = [AllowAny]
    serializer_class = PublicResultSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self):
        return public_results().order_by("-campaign__year", "campaign_id", "rank", "id")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: Any


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    api: str
    rows: Callable[[], QuerySet]
    serializer: type[serializers.BaseSerializer]
    fields: tuple[Field, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def numeric_positions(self) -> list[int]:
        """Columns of numbers: their text (``-2.50``) is a number, not a formula."""
        return [i for i, f in enumerate(self.fields) if f.type in NUMERIC_TYPES]


F = Field
NUMERIC_TYPES = ("integer", "decimal")
COMMITMENT_FIELDS = (
    F("id", "integer", _("Identifier of the commitment")),
    F("organisation", "integer", _("Identifier of the promising organisation")),
    F("organisation_name", "string", _("Name of the promising organisation")),
    F("kind", "string", _("Kind of commitment (code)")),
    F("status", "string", _("Status (code): published, in_progress, fulfilled, …")),
    F("title", "string", _("The commitment")),
    F("content", "string", _("Content")),
    F("target", "string", _("Measurable target in force")),
    F("deadline", "date", _("Deadline in force (YYYY-MM-DD)")),
    F("original_deadline", "date", _("Deadline as first published")),
    F("original_target", "string", _("Target as first published")),
    F("change_count", "integer", _("Number of approved changes")),
    F("responsible_leader", "string", _("Responsible leader (post holder)")),
    F("responsible_person", "string", _("Responsible person (post holder)")),
    F("source_document", "string", _("Source document")),
    F("progress", "list", _("Progress updates: reported_on, text, percent (JSON in CSV)")),
)
RECORD_FIELDS = (
    F("id", "integer", _("Identifier of the record")),
    F("uscc", "string", _("Unified social credit code of the unit")),
    F("subject", "string", _("Unit, or unit and post for a civil servant (never a name)")),
    F("subject_type", "string", _("organisation or civil_servant")),
    F("source", "string", _("Source type (code)")),
    F("source_label", "string", _("Source type")),
    F("severity", "string", _("Severity (code)")),
    F("severity_label", "string", _("Severity")),
    F("title", "string", _("Title")),
    F("legal_basis", "string", _("Legal basis")),
    F("deciding_body", "string", _("Deciding body")),
    F("decision_number", "string", _("Decision number")),
    F("determination_date", "date", _("Determination date")),
    F("publication_start", "date", _("Publication starts")),
    F("repairable_from", "date", _("Credit repair possible from")),
    F("publication_end", "date", _("Publication ends at the latest")),
    F("status", "string", _("Status (code)")),
    F("under_objection", "boolean", _("An objection is pending")),
)
REPLY_FIELDS = (
    F("id", "integer", _("Identifier of the reply")),
    F("year", "integer", _("Year of the suggestion or proposal")),
    F("item_number", "string", _("Number of the suggestion or proposal")),
    F("item_title", "string", _("Title of the suggestion or proposal")),
    F("unit", "string", _("Handling unit")),
    F("category", "string", _("Reply category (A/B/C…)")),
    F("title", "string", _("Title of the reply")),
    F("text", "string", _("Published text (contact details and secret parts withheld)")),
    F("publication", "string", _("full or summary")),
    F("sent_on", "date", _("Date the reply was sent")),
)
RESULT_FIELDS = (
    F("id", "integer", _("Identifier of the result row")),
    F("year", "integer", _("Assessed year")),
    F("campaign", "integer", _("Identifier of the assessment")),
    F("assessing_organisation", "string", _("Organisation that assessed")),
    F("organisation", "integer", _("Identifier of the assessed unit")),
    F("organisation_name", "string", _("Assessed unit")),
    F("uscc", "string", _("Unified social credit code of the unit")),
    F("peer_group", "string", _("Peer group the unit is ranked in")),
    F("base", "decimal", _("Base score")),
    F("deductions", "decimal", _("Deductions")),
    F("bonus", "decimal", _("Bonus points")),
    F("total", "decimal", _("Total score")),
    F("vetoed", "boolean", _("Veto applied (lowest grade)")),
    F("rank", "integer", _("Rank in the peer group")),
    F("grade", "string", _("Grade")),
)

DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "commitments",
            _("Commitments"),
            _("Published commitments of every unit with their progress."),
            "/api/v1/public/commitments/",
            lambda: commitment_selectors.public_commitments().order_by("id"),
            PublicCommitmentSerializer,
            COMMITMENT_FIELDS,
        ),
        Dataset(
            "records",
            _("Dishonesty records"),
            _("Government dishonesty records on public view today."),
            "/api/v1/records/public/",
            lambda: record_selectors.public_records().order_by("id"),
            PublicRecordSerializer,
            RECORD_FIELDS,
        ),
        Dataset(
            "replies",
            _("NPC/CPPCC replies"),
            _("Published replies to NPC suggestions and CPPCC proposals."),
            "/api/v1/proposal-replies/",
            lambda: proposal_selectors.published_replies().order_by("id"),
            PublishedReplySerializer,
            REPLY_FIELDS,
        ),
        Dataset(
            "results",
            _("Assessment results"),
            _("Published results of the annual government integrity assessment."),
            "/api/v1/public/results/",
            lambda: public_results().order_by("id"),
            PublicResultSerializer,
            RESULT_FIELDS,
        ),
    )
}


def dataset_rows(dataset: Dataset) -> Iterator[dict]:
    """Serialised rows, exactly as the API gives them, fetched in chunks."""
    serializer = dataset.serializer()
    for obj in dataset.rows().iterator(chunk_size=500):
        yield serializer.to_representation(obj)


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(dataset: Dataset) -> Iterator[str]:
    """Header and rows; text a spreadsheet would run as a formula is neutralised."""
    writer = SafeCsvWriter(_Echo(), numeric=dataset.numeric_positions)
    yield "\ufeff" + writer.writerow(dataset.field_names)
    for row in dataset_rows(dataset):
        yield writer.writerow([csv_value(row.get(name)) for name in dataset.field_names])


def json_chunks(dataset: Dataset) -> Iterator[str]:
    head = {"dataset": dataset.slug, "licence": "CC BY 4.0", "licence_url": LICENCE_URL}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "records": ['
    for index, row in enumerate(dataset_rows(dataset)):
        yield ("," if index else "") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "]}"


# --- generated files (issue 17) ----------------------------------------------------------


def files_root() -> Path:
    """Where the generated files live (``OPENDATA_ROOT``, default ``var/opendata``)."""
    return Path(getattr(settings, "OPENDATA_ROOT", settings.BASE_DIR / "var" / "opendata"))


def file_path(slug: str, fmt: str) -> Path:
    return files_root() / f"{slug}.{fmt}"


def generate(slugs: Iterator[str] | None = None) -> dict[str, int]:
    """Write every dataset as CSV and JSON files (see ``write_file``); returns bytes
    written per file. Run by the daily task ``opendata_generate_task`` and ``manage.py
    opendata_generate``."""
    sizes = {}
    for slug in slugs or DATASETS:
        for fmt in ("csv", "json"):
            sizes[f"{slug}.{fmt}"] = write_file(DATASETS[slug], fmt)
    return sizes


def write_file(dataset: Dataset, fmt: str) -> int:
    """Write one dataset in one format, beside its file and renamed into place (a
    download never sees half a file); returns the file's size in bytes."""
    target = file_path(dataset.slug, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    chunks = csv_lines(dataset) if fmt == "csv" else json_chunks(dataset)
    with partial.open("w", encoding="utf-8", newline="") as out:
        buffer: list[str] = []
        for chunk in chunks:
            buffer.append(chunk)
            if len(buffer) >= 2000:
                out.write("".join(buffer))
                buffer.clear()
        out.write("".join(buffer))
    os.replace(partial, target)
    return target.stat().st_size


def _etag(stat: os.stat_result) -> str:
    return (
        '"' + hashlib.sha256(f"{stat.st_mtime_ns}-{stat.st_size}".encode()).hexdigest()[:32] + '"'
    )


def _file_response(request: HttpRequest, path: Path, slug: str, fmt: str) -> HttpResponseBase:
    """The generated file: ``304`` when the client has it (ETag), else the file itself —
    handed to the web server by ``X-Accel-Redirect`` when ``OPENDATA_ACCEL_REDIRECT`` is
    set (nginx sends it, no worker reads it), else a ``FileResponse`` (sendfile through
    the WSGI server's file wrapper)."""
    stat = path.stat()
    etag = _etag(stat)
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponseBase = HttpResponseNotModified()
    elif accel := getattr(settings, "OPENDATA_ACCEL_REDIRECT", ""):
        # an empty *streamed* body: the page cache keeps no copy of it, whose ETag would
        # outlive the next generation of the file (and answer 200 where 304 is due)
        response = StreamingHttpResponse((), content_type=_content_type(fmt))
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{path.name}"
    else:
        response = FileResponse(path.open("rb"), content_type=_content_type(fmt))
        response["Content-Length"] = str(stat.st_size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


def _content_type(fmt: str) -> str:
    return "text/csv; charset=utf-8" if fmt == "csv" else "application/json; charset=utf-8"


def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """/open-data/<slug>.<csv|json>: the generated file (see ``generate``); until the
    first generation, the whole published dataset streamed."""
    dataset = DATASETS.get(slug)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404
    path = file_path(slug, fmt)
    if path.exists():
        return _file_response(request, path, slug, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(dataset), content_type=_content_type(fmt))
    else:
        response = StreamingHttpResponse(json_chunks(dataset), content_type=_content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    """/open-data/: every dataset, its fields, types and meaning, and the licence."""
    context = {"datasets": DATASETS.values(), "licence": LICENCE, "licence_url": LICENCE_URL}
    return render(request, "portal/opendata/index.html", context)
