"""The fast import path for large commitment lists (used by the Celery task).

It reads the same columns with the same widgets as :class:`CommitmentResource`,
checks every row first (nothing is written while any row is wrong), then writes
the commitments and their ``commitment.imported`` event rows in bulk inside one
transaction. Progress is stored on the :class:`ImportJob` row while rows are
checked, so a progress bar can poll it from another process.
"""

from collections.abc import Callable

import tablib

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import widgets

from integrity.core.bulk import insert_dicts
from integrity.core.chain import seal_after_commit
from integrity.core.importing import RowProblem, read_dataset
from integrity.core.models import Event
from integrity.core.spreadsheet import formula_columns, formula_message, is_numeric_widget

from .models import Commitment, ImportJob
from .resources import CommitmentResource
from .services import EventType

BATCH = 2000
LENGTHS = {f.name: f.max_length for f in Commitment._meta.fields if getattr(f, "max_length", 0)}


def _required_messages() -> dict[str, str]:
    return {
        "title": _("The commitment is required."),
        "kind": _("The kind is required."),
        "deadline": _("The deadline is required."),
        "organisation": _("The responsible organisation is required."),
    }


class RowReader:
    """Turns one row (a dict by header) into Commitment field values, or messages."""

    def __init__(self, user, headers: list[str]) -> None:
        resource = CommitmentResource(user=user)
        self.fields = [
            f for f in resource.get_import_fields() if not f.readonly and f.column_name in headers
        ]
        missing = [h for h in ("承诺事项", "承诺类型", "承诺时限", "责任单位") if h not in headers]
        self.missing_headers = missing
        self.text_columns = {f.column_name for f in self.fields if not is_numeric_widget(f.widget)}
        self.required = _required_messages()
        self.too_long = _("At most %(n)d characters.")
        self.plan = [
            (
                f,
                type(f.widget) is widgets.CharWidget,
                LENGTHS.get(f.attribute) if type(f.widget) is widgets.CharWidget else None,
            )
            for f in self.fields
        ]

    def read(self, row: dict) -> tuple[dict, list[str]]:
        values, errors = {}, []
        for field, plain, limit in self.plan:
            raw = row.get(field.column_name)
            if plain:  # text columns: no widget round trip, this loop runs 100,000 times
                value = "" if raw is None else str(raw).strip()
            else:
                try:
                    value = field.widget.clean(raw)
                except ValueError as error:
                    errors.append(f"{field.column_name}：{error}")
                    continue
            if limit and value and len(value) > limit:
                errors.append(f"{field.column_name}：{self.too_long % {'n': limit}}")
            values[field.attribute] = value
        for name, message in self.required.items():
            if not values.get(name) and not any(e.startswith(self._header(name)) for e in errors):
                errors.append(f"{self._header(name)}：{message}")
        return values, errors

    def formulas(self, row: dict, line: int) -> list[str]:
        """A row error per cell a spreadsheet would run as a formula (the row is refused)."""
        refused = formula_columns(row, text_columns=self.text_columns)
        return [formula_message(line, column) for column in refused]

    def _header(self, attribute: str) -> str:
        return next((f.column_name for f in self.fields if f.attribute == attribute), attribute)


def check_rows(
    dataset: tablib.Dataset, user, progress: Callable[[int], None] | None = None
) -> tuple[list[dict], list[RowProblem]]:
    """Every row as the field values of a new Commitment, or the problems (line 1 is the
    header)."""
    reader = RowReader(user, list(dataset.headers or []))
    if reader.missing_headers:
        return [], [
            RowProblem(
                1, [_("Missing columns: %(cols)s") % {"cols": "、".join(reader.missing_headers)}]
            )
        ]
    rows, problems = [], []
    headers = dataset.headers
    for index, raw in enumerate(dataset._data):
        row = dict(zip(headers, raw, strict=False))
        errors = reader.formulas(row, index + 2)
        values, more = ({}, []) if errors else reader.read(row)
        errors += more
        if errors:
            problems.append(RowProblem(index + 2, errors))
        elif not problems:
            values["organisation_id"] = values.pop("organisation").pk
            rows.append(values)
        if progress and index % BATCH == 0:
            progress(index)
    return ([] if problems else rows), problems


@transaction.atomic
def write_rows(rows: list[dict], user, job_id: int | None = None) -> int:
    """Insert the checked commitments (as drafts) and one ``commitment.imported`` event
    row each: multi-row INSERTs of plain values (``integrity.core.bulk``), no model
    instances."""
    for row in rows:
        if row.get("amount_paid") is None:
            row.pop("amount_paid", None)  # the field's default, 0
    keys = insert_dicts(Commitment, rows, returning=True, created_by_id=getattr(user, "pk", None))
    actor = user if getattr(user, "is_authenticated", False) else None
    insert_dicts(
        Event,
        [
            {
                "object_id": str(key),
                "object_repr": row["title"][:255],
                "organisation_id": row["organisation_id"],
                "details": {"import": job_id, "kind": row["kind"]},
            }
            for key, row in zip(keys, rows, strict=True)
        ],
        type=EventType.IMPORTED,
        actor_id=actor.pk if actor else None,
        actor_name=actor.get_full_name() if actor else "",
        content_type_id=ContentType.objects.get_for_model(Commitment).pk,
    )
    transaction.on_commit(seal_after_commit)
    return len(keys)


def commitments_import(*, dataset: tablib.Dataset, by, job: ImportJob | None = None):
    """All-or-nothing import of a commitment list; returns ``(created, problems)``."""

    def progress(done: int) -> None:
        if job is not None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    rows, problems = check_rows(dataset, by, progress)
    if problems:
        return 0, problems
    return write_rows(rows, by, job.pk if job else None), []


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Run a stored import job and record its outcome on the row."""
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as handle:
            dataset = read_dataset(handle.read(), job.file.name)
    except Exception as error:  # unreadable file: report it, never crash the worker
        problems = [RowProblem(0, [str(error)])]
    else:
        job.total_rows = len(dataset)
        job.save(update_fields=["total_rows"])
        created, problems = commitments_import(dataset=dataset, by=job.user, job=job)
        job.created_rows = created
    job.problems = [{"line": p.line, "messages": p.messages} for p in problems]
    job.status = ImportJob.Status.FAILED if problems else ImportJob.Status.DONE
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.file.delete(save=False)  # applied or refused, the uploaded file is not kept
    job.save()
    return job
