"""Every write of the assessment app goes through these services."""

from assessment.services.campaigns import (
    campaign_compute,
    campaign_compute_auto,
    campaign_finalise,
    campaign_open,
    campaign_publish,
    campaign_publish_provisional,
    campaign_start_review,
    objection_answer,
    objection_submit,
    score_bulk_review,
    score_review,
    score_self_assess,
    unit_self_submit,
)
from assessment.services.schemes import (
    indicator_add,
    indicator_delete,
    indicator_update,
    scheme_copy,
    scheme_create,
    scheme_problems,
    scheme_update,
    scheme_validate,
)

__all__ = [
    "campaign_compute",
    "campaign_compute_auto",
    "campaign_finalise",
    "campaign_open",
    "campaign_publish",
    "campaign_publish_provisional",
    "campaign_start_review",
    "indicator_add",
    "indicator_delete",
    "indicator_update",
    "objection_answer",
    "objection_submit",
    "scheme_copy",
    "scheme_create",
    "scheme_problems",
    "scheme_update",
    "scheme_validate",
    "score_bulk_review",
    "score_review",
    "score_self_assess",
    "unit_self_submit",
]

from assessment.services.reports import report_generate, report_request  # noqa: E402

__all__ += ["report_generate", "report_request"]
