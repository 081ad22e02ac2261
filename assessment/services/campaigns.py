"""The campaign workflow: open → auto scores → self-assessment → review → provisional →
objections → final → published."""

import datetime
from decimal import Decimal

import pandas as pd

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import scoring
from assessment.bulkwrite import read_frame, update_rows
from assessment.events import EventType
from assessment.models import (
    AssessmentRules,
    Campaign,
    CampaignUnit,
    Indicator,
    Objection,
    PeerGroup,
    Scheme,
    Score,
    ScoreChange,
)
from assessment.services.compute import enrol_scores, leaf_frame
from assessment.services.rectification import rectification_request
from assessment.services.schemes import scheme_validate
from integrity.core.display import cn_date
from integrity.core.events import record_event
from integrity.core.locking import lock, share
from integrity.core.models import Organisation
from integrity.core.permissions import require_perm
from integrity.core.services import notice_send, notices_send
from integrity.core.uploads import ATTACHMENT, DOCUMENT, UploadKind, check_upload
from integrity.core.workdays import add_working_days

Status = Campaign.Status
SELF_ASSESSED = (Indicator.Method.MANUAL, Indicator.Method.BONUS)
EVIDENCE = UploadKind(
    tuple(dict.fromkeys(ATTACHMENT.extensions + DOCUMENT.extensions)), "UPLOAD_MAX_BYTES"
)


def rules_for(campaign_or_org, on: datetime.date) -> AssessmentRules:
    org = getattr(campaign_or_org, "organisation", campaign_or_org)
    return AssessmentRules.objects.resolve(on=on, organisation=org) or AssessmentRules()


def require_status(campaign: Campaign, *allowed: str) -> None:
    if campaign.status not in allowed:
        raise ValidationError(_("This step is not possible in the campaign's current stage."))


def _peer_group_for(org: Organisation, groups: list[PeerGroup]) -> PeerGroup | None:
    return next((g for g in groups if org.kind in g.kinds), None)


def _create_units(campaign: Campaign, scheme: Scheme) -> list[CampaignUnit]:
    groups = list(scheme.peer_groups.all())
    children = Organisation.objects.active().filter(parent=scheme.organisation)
    units = [
        CampaignUnit(campaign=campaign, organisation=org, peer_group=group)
        for org in children
        if (group := _peer_group_for(org, groups)) is not None
    ]
    units = CampaignUnit.objects.bulk_create(units)
    enrol_scores(units, scheme.indicators.filter(children__isnull=True))
    return units


@transaction.atomic
def campaign_open(*, scheme: Scheme, by, on: datetime.date | None = None) -> Campaign:
    """Validate and freeze the scheme, enrol the assessor's direct subordinates by peer
    group, compute the auto scores on the data as of now. Raises ValidationError."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if hasattr(scheme, "campaign"):
        raise ValidationError(_("An assessment has already been opened for this scheme."))
    scheme_validate(scheme=scheme)
    on = on or timezone.localdate()
    scheme.status = Scheme.Status.FROZEN
    scheme.save(update_fields=["status"])
    days = rules_for(scheme.organisation, on).self_assessment_working_days
    campaign = Campaign.objects.create(
        scheme=scheme,
        organisation=scheme.organisation,
        year=scheme.year,
        self_assessment_deadline=add_working_days(on, days).value,
    )
    units = _create_units(campaign, scheme)
    record_event(type=EventType.SCHEME_FROZEN, actor=by, obj=scheme)
    record_event(
        type=EventType.CAMPAIGN_OPENED, actor=by, obj=campaign, details={"units": len(units)}
    )
    campaign_compute_auto(campaign=campaign, by=by, on=on)
    return campaign


def campaign_period(campaign: Campaign) -> tuple[datetime.date, datetime.date]:
    return datetime.date(campaign.year, 1, 1), datetime.date(campaign.year, 12, 31)


def _metric_frame(
    campaign: Campaign, units: pd.DataFrame, leaf: Indicator, rules: AssessmentRules
) -> pd.DataFrame:
    from assessment.metrics import METRICS

    metric = METRICS[leaf.metric_code]
    orgs = Organisation.objects.filter(pk__in=campaign.units.values("organisation_id"))
    values = metric.compute(orgs, campaign_period(campaign))
    frame = units.merge(values, left_on="organisation_id", right_index=True, how="left")
    if metric.kind == "rate":
        frame = scoring.small_sample_fallback(
            frame,
            minimum=rules.minimum_sample_size,
            rule=rules.small_sample_fallback,
            fixed=float(rules.fallback_rate),
        )
    frame = frame.assign(value=frame["value"].fillna(0), cases=frame["cases"].fillna(0))
    return frame.assign(indicator_id=leaf.pk)


@transaction.atomic
def campaign_compute_auto(*, campaign: Campaign, by, on: datetime.date) -> int:
    """Store raw values and case counts of every leaf with a metric (auto rates, and
    deduction, bonus or veto items counted from the data) for every unit: one aggregate
    per metric, one write for all scores (set-wise)."""
    from assessment.metrics import shared_unit_map

    lock(campaign)
    rules = rules_for(campaign, on)
    leaves = campaign.scheme.indicators.filter(children__isnull=True).exclude(metric_code="")
    units = pd.DataFrame(
        campaign.units.values_list("id", "organisation_id", "peer_group_id"),
        columns=["unit_id", "organisation_id", "peer_group_id"],
    )
    with shared_unit_map():
        frames = [_metric_frame(campaign, units, leaf, rules) for leaf in leaves]
    auto = pd.DataFrame(columns=["unit_id", "indicator_id", "value", "cases"])
    if frames:
        auto = pd.concat(frames, ignore_index=True)[["unit_id", "indicator_id", "value", "cases"]]
    record_event(
        type=EventType.AUTO_COMPUTED, actor=by, obj=campaign, details={"scores": len(auto)}
    )
    # one write per score: the new raw values go out with the scores they give
    campaign_compute(campaign=campaign, auto=auto)
    return len(auto)


# --- computation ------------------------------------------------------------------------


def _frames(campaign: Campaign) -> tuple[pd.DataFrame, ...]:
    raw = read_frame(
        Score.objects.filter(unit__campaign=campaign).order_by(),
        ["id", "unit_id", "indicator_id", "raw_value"],
        floats=("raw_value",),
    ).rename(columns={"raw_value": "value"})
    leaves = leaf_frame(campaign.scheme.indicators.filter(children__isnull=True))
    units = pd.DataFrame(
        campaign.units.values("id", "peer_group_id"), columns=["id", "peer_group_id"]
    ).rename(columns={"id": "unit_id"})
    bands = pd.DataFrame(
        campaign.scheme.bands.values("name", "min_score", "quota"),
        columns=["name", "min_score", "quota"],
    )
    return raw, leaves, units, bands


def _with_auto(raw: pd.DataFrame, auto: pd.DataFrame) -> pd.DataFrame:
    """The stored raw values with the newly computed ones in place (``raw_value``,
    ``cases`` and ``auto`` set on the rows computed from the data)."""
    auto = auto.assign(
        raw_value=auto["value"].astype(float).round(4), cases=auto["cases"].astype(int)
    )
    frame = raw.merge(
        auto[["unit_id", "indicator_id", "raw_value", "cases"]],
        on=["unit_id", "indicator_id"],
        how="left",
        indicator="auto",
    )
    frame["auto"] = frame["auto"] == "both"
    frame["value"] = frame["raw_value"].where(frame["auto"], frame["value"])
    return frame


@transaction.atomic
def campaign_compute(*, campaign: Campaign, auto: pd.DataFrame | None = None) -> pd.DataFrame:
    """Recompute every leaf score and every unit's total, rank and grade. ``auto``: new
    raw values and case counts (``unit_id, indicator_id, value, cases``) to store with
    the scores they give. Only rows whose values change are written."""
    raw, leaves, units, bands = _frames(campaign)
    if units.empty:
        return units
    if auto is not None:
        raw = _with_auto(raw, auto)
    scored = scoring.leaf_scores(raw, leaves)
    result = scoring.grades(scoring.peer_ranks(scoring.unit_totals(scored), units), bands)
    scored["score"] = (scored["score"] - scored["deducted"] + scored["bonus"]).round(2)
    if auto is not None:
        computed = scored[scored["auto"]].astype({"cases": int})  # NaN elsewhere: floats
        update_rows(Score, computed, ["raw_value", "cases", "score"])
        scored = scored[~scored["auto"]]
    update_rows(Score, scored, ["score"])
    written = result.round({"base": 2, "deductions": 2, "bonus": 2, "total": 2}).astype(
        {"vetoed": bool, "rank": int}
    )
    if not campaign.results_visible_to_units:
        # Ranks and grades exist only from the provisional results on: before that a
        # half-filled score sheet would read as 不合格.
        written = written.astype({"rank": object}).assign(rank=None, grade="")
    update_rows(
        CampaignUnit,
        written,
        ["base", "deductions", "bonus", "total", "vetoed", "rank", "grade"],
        key="unit_id",
    )
    return result


# --- self-assessment and review ---------------------------------------------------------


def _is_unit_user(user, unit: CampaignUnit) -> bool:
    return bool(user and user.is_authenticated and user.organisation_id == unit.organisation_id)


@transaction.atomic
def score_self_assess(
    *, score: Score, by, self_score: Decimal, evidence: str, evidence_file=None
) -> Score:
    """The unit's own proposal for a manual or bonus item, with its evidence (text and,
    optionally, one file: PDF, image or office document, checked and stored privately;
    a new file replaces the previous one)."""
    unit = score.unit
    share(unit.campaign)  # the stage cannot change under us
    lock(unit)
    lock(score)
    require_status(unit.campaign, Status.SELF_ASSESSMENT)
    if not _is_unit_user(by, unit):
        raise ValidationError(_("Only the assessed unit can assess itself."))
    if score.indicator.method not in SELF_ASSESSED:
        raise ValidationError(_("This item is not self-assessed."))
    if unit.self_submitted_at:
        raise ValidationError(_("The self-assessment has already been submitted."))
    if score.indicator.method == Indicator.Method.MANUAL and not (
        0 <= self_score <= score.indicator.points
    ):
        raise ValidationError(_("The score must lie between 0 and the item's points."))
    score.self_score, score.evidence = self_score, evidence
    fields = ["self_score", "evidence", "updated_at"]
    if evidence_file is not None:
        check_upload(evidence_file, kind=EVIDENCE)
        score.evidence_file.save(evidence_file.name, evidence_file, save=False)
        fields.append("evidence_file")
    score.save(update_fields=fields)
    record_event(
        type=EventType.SELF_ASSESSED,
        actor=by,
        obj=score,
        organisation=unit.organisation,
        details={"self_score": str(self_score), "file": bool(evidence_file)},
    )
    return score


@transaction.atomic
def unit_self_submit(*, unit: CampaignUnit, by) -> CampaignUnit:
    """Submit the self-assessment, once (a second submission is refused)."""
    share(unit.campaign)
    lock(unit)
    require_status(unit.campaign, Status.SELF_ASSESSMENT)
    if not _is_unit_user(by, unit):
        raise ValidationError(_("Only the assessed unit can assess itself."))
    if unit.self_submitted_at:
        raise ValidationError(_("The self-assessment has already been submitted."))
    unit.self_submitted_at = timezone.now()
    unit.save(update_fields=["self_submitted_at"])
    record_event(type=EventType.SELF_SUBMITTED, actor=by, obj=unit)
    return unit


@transaction.atomic
def campaign_start_review(*, campaign: Campaign, by) -> Campaign:
    """Close the self-assessment; proposed scores become the reviewers' starting values."""
    require_perm(by, "assessment.change_campaign", campaign)
    lock(campaign)
    require_status(campaign, Status.SELF_ASSESSMENT)
    proposed = Score.objects.filter(
        unit__campaign=campaign,
        raw_value__isnull=True,
        self_score__isnull=False,
        indicator__method__in=SELF_ASSESSED,
    )
    for score in proposed:
        score.raw_value = score.self_score
    Score.objects.bulk_update(proposed, ["raw_value"])
    campaign.status = Status.REVIEW
    campaign.save(update_fields=["status"])
    record_event(type=EventType.REVIEW_STARTED, actor=by, obj=campaign)
    campaign_compute(campaign=campaign)
    return campaign


@transaction.atomic
def score_review(*, score: Score, by, value: Decimal, reason: str, version: int) -> Score:
    """Set the reviewed value of a score (rate, points or items, by method).

    Refuses a change without a reason, and a change based on a stale ``version``
    (someone else saved in between): no silent lost update. Logs a ScoreChange.
    """
    require_perm(by, "assessment.change_score", score)
    if not (reason or "").strip():
        raise ValidationError(_("Every change to a score needs a reason."))
    lock(score.unit.campaign)  # campaign first, then the score: the order every writer uses
    locked = Score.objects.select_for_update().select_related("unit__campaign").get(pk=score.pk)
    require_status(locked.unit.campaign, Status.REVIEW, Status.PROVISIONAL)
    if locked.version != version:
        raise ValidationError(
            _("Someone else has changed this score in the meantime; reload it and try again.")
        )
    if value is None or value < 0:
        raise ValidationError(_("The value cannot be negative."))
    old = locked.raw_value
    locked.raw_value, locked.version = value, locked.version + 1
    locked.save(update_fields=["raw_value", "version", "updated_at"])
    ScoreChange.objects.create(
        score=locked,
        old_value=old,
        new_value=value,
        reason=reason,
        by=by if getattr(by, "pk", None) else None,
        version=locked.version,
    )
    record_event(
        type=EventType.SCORE_CHANGED,
        actor=by,
        obj=locked,
        reason=reason,
        organisation=locked.unit.organisation,
        details={"old": str(old), "new": str(value), "version": locked.version},
    )
    campaign_compute(campaign=locked.unit.campaign)
    return locked


# --- provisional results, objections, final, publication --------------------------------


@transaction.atomic
def campaign_publish_provisional(
    *, campaign: Campaign, by, on: datetime.date | None = None
) -> Campaign:
    """Show each unit its own provisional result and open the objection window."""
    require_perm(by, "assessment.change_campaign", campaign)
    lock(campaign)
    require_status(campaign, Status.REVIEW)
    on = on or timezone.localdate()
    days = rules_for(campaign, on).objection_working_days
    campaign.objection_deadline = add_working_days(on, days).value
    campaign.status = Status.PROVISIONAL
    campaign.save(update_fields=["status", "objection_deadline"])
    campaign_compute(campaign=campaign)
    for unit in campaign.units.select_related("organisation"):
        notice_send(
            organisation=unit.organisation,
            key=f"assessment-provisional-{campaign.pk}",
            title=_("Provisional assessment result"),
            body=_("Objections are accepted until %(day)s.")
            % {"day": cn_date(campaign.objection_deadline)},
        )
    record_event(
        type=EventType.PROVISIONAL,
        actor=by,
        obj=campaign,
        details={"objection_deadline": str(campaign.objection_deadline)},
    )
    return campaign


@transaction.atomic
def objection_submit(
    *,
    unit: CampaignUnit,
    by,
    text: str,
    score: Score | None = None,
    on: datetime.date | None = None,
) -> Objection:
    campaign = share(unit.campaign)  # finalising waits for objections being filed
    require_status(campaign, Status.PROVISIONAL)
    if not _is_unit_user(by, unit):
        raise ValidationError(_("Only the assessed unit can object to its result."))
    deadline = campaign.objection_deadline
    if deadline is not None and (on or timezone.localdate()) > deadline:
        raise ValidationError(_("The objection window has closed."))
    if score is not None and score.unit_id != unit.pk:
        raise ValidationError(_("That score belongs to another unit."))
    if not text.strip():
        raise ValidationError(_("Please state the objection."))
    objection = Objection.objects.create(unit=unit, score=score, text=text, submitted_by=by)
    record_event(
        type=EventType.OBJECTION_SUBMITTED, actor=by, obj=objection, organisation=unit.organisation
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: Objection, by, upheld: bool, answer: str) -> Objection:
    """Answer an objection; an upheld one is followed by a reasoned ``score_review``."""
    require_perm(by, "assessment.change_objection", objection)
    lock(objection)
    if objection.status != Objection.Status.OPEN:
        raise ValidationError(_("This objection has already been answered."))
    if not answer.strip():
        raise ValidationError(_("Please write an answer."))
    objection.status = Objection.Status.UPHELD if upheld else Objection.Status.REJECTED
    objection.answer, objection.answered_at = answer, timezone.now()
    objection.save(update_fields=["status", "answer", "answered_at"])
    record_event(
        type=EventType.OBJECTION_ANSWERED,
        actor=by,
        obj=objection,
        organisation=objection.unit.organisation,
        details={"status": objection.status},
    )
    return objection


@transaction.atomic
def campaign_finalise(*, campaign: Campaign, by, on: datetime.date | None = None) -> Campaign:
    """Close the objection window (all answered) and fix the results; deductions and
    不合格 each lead to a rectification task for the unit."""
    require_perm(by, "assessment.change_campaign", campaign)
    lock(campaign)
    require_status(campaign, Status.PROVISIONAL)
    if campaign.units.filter(objections__status=Objection.Status.OPEN).exists():
        raise ValidationError(_("Answer every objection before finalising."))
    campaign.status = Status.FINAL
    campaign.save(update_fields=["status"])
    campaign_compute(campaign=campaign)
    record_event(type=EventType.FINALISED, actor=by, obj=campaign)
    rectification_request(campaign=campaign, by=by, on=on or timezone.localdate())
    return campaign


@transaction.atomic
def campaign_publish(*, campaign: Campaign, by) -> Campaign:
    require_perm(by, "assessment.change_campaign", campaign)
    lock(campaign)
    require_status(campaign, Status.FINAL)
    campaign.status, campaign.published_at = Status.PUBLISHED, timezone.now()
    campaign.save(update_fields=["status", "published_at"])
    record_event(type=EventType.PUBLISHED, actor=by, obj=campaign)
    _notify_publication(campaign)
    return campaign


def _notify_publication(campaign: Campaign) -> int:
    """Every assessed unit learns that the results are public, with a link to its sheet."""
    from django.urls import reverse

    title = _("Assessment results published")
    body = _("The results of %(name)s are now public; your score sheet shows your rank and grade.")
    units = campaign.units.values_list("pk", "organisation_id")
    return notices_send(
        [
            {
                "organisation_id": organisation_id,
                "key": f"assessment-published-{campaign.pk}",
                "title": title,
                "body": body % {"name": campaign.scheme.name},
                "level": "info",
                "url": reverse("assessment_admin:unit", args=[pk]),
            }
            for pk, organisation_id in units
        ],
        subject=_("Assessment results published: %(n)d notice(s)"),
    )


@transaction.atomic
def score_bulk_review(*, campaign: Campaign, values: dict[int, Decimal], by, reason: str) -> int:
    """Set many reviewed values at once (``{score_id: value}``), one logged change each
    and one recomputation; for imports of review sheets and the demo."""
    require_perm(by, "assessment.change_campaign", campaign)
    if not (reason or "").strip():
        raise ValidationError(_("Every change to a score needs a reason."))
    lock(campaign)
    require_status(campaign, Status.REVIEW, Status.PROVISIONAL)
    scores = list(
        Score.objects.select_for_update().filter(unit__campaign=campaign, pk__in=list(values))
    )
    changes = []
    for score in scores:
        old, score.raw_value = score.raw_value, values[score.pk]
        score.version += 1
        changes.append(
            ScoreChange(
                score=score,
                old_value=old,
                new_value=score.raw_value,
                reason=reason,
                by=by if getattr(by, "pk", None) else None,
                version=score.version,
            )
        )
    Score.objects.bulk_update(scores, ["raw_value", "version"], batch_size=2000)
    ScoreChange.objects.bulk_create(changes, batch_size=2000)
    record_event(
        type=EventType.SCORE_CHANGED,
        actor=by,
        obj=campaign,
        reason=reason,
        details={"scores": len(scores)},
    )
    campaign_compute(campaign=campaign)
    return len(scores)
