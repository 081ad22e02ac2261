"""The home page's key figures and alerts, read from the registries' published-only queries.

Each provider imports its registry lazily and returns None when the registry is missing,
so the portal works (and is tested) without every app.
"""

import importlib.util

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.selectors import Alert, KeyFigure, register_alert, register_key_figure


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@register_key_figure
def published_commitments() -> KeyFigure | None:
    if not _installed("commitments.models"):
        return None
    from portal.summary import published_count  # summary rows (issue 17), not a count

    return KeyFigure(label=_("Published commitments"), value=published_count(), url="/commitments/")


@register_key_figure
def overdue_commitments() -> KeyFigure | None:
    if not _installed("commitments.models"):
        return None
    from portal.summary import overdue_count

    count = overdue_count(timezone.localdate())
    return KeyFigure(label=_("Overdue commitments"), value=count, url="/commitments/")


@register_key_figure
def public_records() -> KeyFigure | None:
    if not _installed("integrity.records.selectors"):
        return None
    from integrity.records.models import DishonestyRecord

    count = DishonestyRecord.objects.public().count()
    return KeyFigure(label=_("Dishonesty records on public view"), value=count, url="/records/")


@register_key_figure
def published_replies() -> KeyFigure | None:
    if not _installed("commitments.proposals.models"):
        return None
    from commitments.proposals.models import Reply

    count = Reply.objects.published().count()
    return KeyFigure(label=_("NPC/CPPCC replies published"), value=count, url="/replies/")


@register_key_figure
def latest_assessment_year() -> KeyFigure | None:
    if not _installed("assessment.models"):
        return None
    from assessment.models import Campaign

    campaign = Campaign.objects.filter(status=Campaign.Status.PUBLISHED).order_by("-year").first()
    if campaign is None:
        return KeyFigure(label=_("Latest assessment year"), value=None, url="/results/")
    return KeyFigure(label=_("Latest assessment year"), value=str(campaign.year), url="/results/")


@register_alert
def overdue_alert() -> Alert | None:
    if not _installed("commitments.models"):
        return None
    from portal.summary import overdue_count

    count = overdue_count(timezone.localdate())
    return Alert(
        label=str(_("commitments are past their deadline")), count=count, url="/commitments/"
    )


@register_alert
def broken_alert() -> Alert | None:
    if not _installed("commitments.models"):
        return None
    from commitments.models import Commitment
    from portal.summary import status_counts

    count = status_counts().get(Commitment.Status.BROKEN, 0)
    return Alert(
        label=str(_("commitments were broken")), count=count, url="/commitments/", level="danger"
    )
