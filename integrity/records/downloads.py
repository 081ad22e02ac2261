"""Back-office downloads of record evidence, repair evidence and citizen attachments.

Each file is found through the permission scope of its row: the credit office and the
units above the responsible unit, or the unit itself; anyone else gets 404.
"""

from integrity.core.downloads import scoped_file_view

from .models import ComplaintAttachment, RecordEvidence, RepairApplication

record_evidence = scoped_file_view(
    RecordEvidence, "file", stem=lambda e: f"record-{e.record_id}-evidence-{e.pk}"
)
repair_evidence = scoped_file_view(
    RepairApplication, "evidence", stem=lambda a: f"record-{a.record_id}-repair-{a.pk}"
)
complaint_attachment = scoped_file_view(
    ComplaintAttachment, "file", stem=lambda a: f"report-{a.complaint_id}-attachment-{a.pk}"
)
