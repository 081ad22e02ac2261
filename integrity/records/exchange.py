"""Exchange format for the provincial credit platform (归集). See EXCHANGE.md.

One row per record; the same columns in CSV (UTF-8 with BOM, for Excel) and JSON.
The public export contains only records on public view; personal data of
officials and reporters (names of civil servants, phones, ID numbers, addresses)
is never part of any row.
"""

import io
import json

from django.core.serializers.json import DjangoJSONEncoder

from integrity.core.spreadsheet import SafeDictWriter

COLUMNS = (
    "id",
    "uscc",
    "subject",
    "subject_type",
    "source",
    "source_label",
    "severity",
    "severity_label",
    "title",
    "legal_basis",
    "deciding_body",
    "decision_number",
    "determination_date",
    "publication_start",
    "repairable_from",
    "publication_end",
    "status",
    "under_objection",
)


def public_subject(record) -> str:
    """The unit; for a civil servant the unit and post, never the person's name."""
    if record.official_id:
        return f"{record.organisation.name}·{record.official.post or '公务员'}"
    return record.organisation.name


def record_row(record) -> dict:
    return {
        "id": record.pk,
        "uscc": record.organisation.uscc,
        "subject": public_subject(record),
        "subject_type": "civil_servant" if record.official_id else "organisation",
        "source": record.source,
        "source_label": str(record.get_source_display()),
        "severity": record.severity,
        "severity_label": str(record.get_severity_display()),
        "title": record.title,
        "legal_basis": record.legal_basis,
        "deciding_body": record.deciding_body,
        "decision_number": record.decision_number,
        "determination_date": record.determination_date,
        "publication_start": record.determination_date,
        "repairable_from": record.min_end_date,
        "publication_end": record.max_end_date,
        "status": record.status,
        "under_objection": bool(getattr(record, "under_objection", False)),
    }


def to_csv(records) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeDictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow(record_row(record))
    return buffer.getvalue()


def to_json(records) -> str:
    rows = [record_row(record) for record in records]
    payload = {"format": "integrity-records/1", "columns": list(COLUMNS), "records": rows}
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)
