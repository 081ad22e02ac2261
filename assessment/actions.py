"""The assessment's object actions (campaign steps, start, reports, scores, self-assessment,
objections, units, indicators), run by the one ``ObjectActionView`` of the back office and,
for starting a campaign, by the API. The services check the stage and the actor's role."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessment import services
from assessment.models import (
    Campaign,
    CampaignUnit,
    Indicator,
    Objection,
    ReportJob,
    Scheme,
    Score,
)
from assessment.services import opening
from assessment.services.schemes import indicator_weights_set
from integrity.core.actions import (
    ObjectAction,
    ObjectActionView,
    ObjectForm,
    input_form,
    optional_text,
)

NUMBER_ERRORS = {"required": _("Please enter a number."), "invalid": _("Please enter a number.")}
SAVED = _("Saved.")


def _action(
    name: str, service: Callable[..., object], on: str, form=None, *, actor: str = "by", **kw
) -> ObjectAction:
    """``service(<on>=obj, <actor>=user, **data)`` with the form's data."""
    return ObjectAction(
        name=name,
        service=lambda obj, user, data: service(**{on: obj, actor: user}, **data),
        form=form,
        **kw,
    )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportJob.Kind.choices)


class ReviewForm(forms.Form):
    value = forms.DecimalField(label=_("score"), error_messages=NUMBER_ERRORS)
    version = forms.IntegerField(label=_("version"), error_messages=NUMBER_ERRORS)
    reason = optional_text()


class SelfAssessForm(forms.Form):
    self_score = forms.DecimalField(label=_("self score"), error_messages=NUMBER_ERRORS)
    evidence = optional_text()
    evidence_file = forms.FileField(required=False)


class AnswerForm(forms.Form):
    upheld, answer = optional_text(), optional_text()

    def clean(self) -> dict[str, Any]:
        return {**self.cleaned_data, "upheld": self.cleaned_data.get("upheld") == "1"}


TextForm = input_form("TextForm", text=optional_text())
ReasonForm = input_form("ReasonForm", reason=optional_text())

CHANGE_CAMPAIGN = "assessment.change_campaign"

CAMPAIGN_STEPS = {
    "review": _action("review", services.campaign_start_review, "campaign", success=SAVED),
    "provisional": _action(
        "provisional", services.campaign_publish_provisional, "campaign", success=SAVED
    ),
    "finalise": _action("finalise", services.campaign_finalise, "campaign", success=SAVED),
    "publish": _action("publish", services.campaign_publish, "campaign", success=SAVED),
}
START = _action(
    "start",
    opening.start_campaign,
    "campaign",
    actor="actor",
    permission=CHANGE_CAMPAIGN,
    success=_("The self-assessment is open."),
)
REPORT = _action(
    "report",
    services.report_request,
    "campaign",
    ReportForm,
    permission=CHANGE_CAMPAIGN,
    success=_("The report is being generated; it appears below when ready."),
)
REVIEW = _action(
    "review",
    services.score_review,
    "score",
    ReviewForm,
    permission="assessment.change_score",
    success=SAVED,
)
SELF_ASSESS = _action(
    "self",
    services.score_self_assess,
    "score",
    SelfAssessForm,
    permission="assessment.selfassess_score",
    success=SAVED,
)
UNIT_SUBMIT = _action("submit", services.unit_self_submit, "unit", success=SAVED)
OBJECT = _action(
    "object",
    services.objection_submit,
    "unit",
    TextForm,
    permission="assessment.add_objection",
    success=SAVED,
)
ANSWER = _action(
    "answer",
    services.objection_answer,
    "objection",
    AnswerForm,
    permission="assessment.change_objection",
    success=SAVED,
)
UNIT_REMOVE = _action(
    "unit_remove",
    opening.campaign_unit_remove,
    "unit",
    ReasonForm,
    actor="actor",
    permission=lambda user, unit: user.has_perm(CHANGE_CAMPAIGN, unit.campaign),
)


class WeightsForm(ObjectForm):
    """The points of each indicator posted as ``points_<id>`` (those not posted stay)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for node in self.obj.indicators.all():
            name = f"points_{node.pk}"
            if name in self.data:
                label = f"{node.code} {node.name}"
                field = forms.DecimalField(label=label, error_messages=NUMBER_ERRORS)
                self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        weights = {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}
        return {"weights": weights}


WEIGHTS = _action(
    "weights",
    indicator_weights_set,
    "scheme",
    WeightsForm,
    permission=lambda user, scheme: (
        not scheme.is_frozen and user.has_perm("assessment.change_scheme", scheme)
    ),
    success=lambda n: gettext("%(n)s weights changed.") % {"n": n},
)
INDICATOR_DELETE = _action(
    "delete",
    services.indicator_delete,
    "indicator",
    permission=lambda user, node: user.has_perm("assessment.change_scheme", node.scheme),
    success=_("Deleted."),
)


class AssessmentActionView(ObjectActionView):
    """One action on one object; ``url_name`` takes the pk returned by ``target``."""

    def target(self, obj: Any) -> int:
        return obj.pk

    def get_success_url(self, obj: models.Model) -> str:
        return reverse(self.url_name, args=[self.target(obj)])


class CampaignStepView(AssessmentActionView):
    model, actions = Campaign, CAMPAIGN_STEPS
    permission, url_name = CHANGE_CAMPAIGN, "assessment_admin:campaign"


class CampaignStartView(AssessmentActionView):
    """Start a prepared campaign; a refusal goes back to the preparation page."""

    model, actions, action_name = Campaign, {"start": START}, "start"
    url_name = "assessment_admin:campaign"

    def get_failure_url(self, obj: models.Model) -> str:
        return reverse("assessment_admin:prepare", args=[obj.pk])


class ReportRequestView(CampaignStartView):
    actions, action_name = {"report": REPORT}, "report"

    def get_failure_url(self, obj: models.Model) -> str:
        return self.get_success_url(obj)


class ScoreActionView(AssessmentActionView):
    model, url_name = Score, "assessment_admin:unit"

    def target(self, obj: Any) -> int:
        return obj.unit_id

    def get_queryset(self) -> models.QuerySet:
        return Score.objects.select_related("unit__campaign", "unit__organisation", "indicator")


class ScoreReviewView(ScoreActionView):
    actions, action_name = {"review": REVIEW}, "review"


class ScoreSelfAssessView(ScoreActionView):
    actions, action_name = {"self": SELF_ASSESS}, "self"


class UnitSubmitView(AssessmentActionView):
    """The assessed unit submits its own self-assessment (another unit: 404)."""

    actions, action_name, url_name = {"submit": UNIT_SUBMIT}, "submit", "assessment_admin:unit"

    def get_queryset(self) -> models.QuerySet:
        own = getattr(self.request.user, "organisation_id", None)
        return (
            CampaignUnit.objects.filter(organisation_id=own) if own else CampaignUnit.objects.none()
        )


class ObjectionSubmitView(AssessmentActionView):
    model, url_name = CampaignUnit, "assessment_admin:unit"
    actions, action_name = {"object": OBJECT}, "object"


class ObjectionAnswerView(AssessmentActionView):
    actions, action_name, url_name = {"answer": ANSWER}, "answer", "assessment_admin:campaign"

    def get_queryset(self) -> models.QuerySet:
        return Objection.objects.select_related("unit__campaign")

    def target(self, obj: Any) -> int:
        return obj.unit.campaign_id


class UnitRemoveView(AssessmentActionView):
    actions, action_name = {"unit_remove": UNIT_REMOVE}, "unit_remove"
    url_name = "assessment_admin:prepare"

    def get_queryset(self) -> models.QuerySet:
        return CampaignUnit.objects.select_related("campaign", "organisation")

    def target(self, obj: Any) -> int:
        return obj.campaign_id

    def success_message(self, action: ObjectAction, obj: Any, result: object) -> str:
        return gettext("%(unit)s is left out.") % {"unit": obj.organisation.name}


class SchemeWeightsView(AssessmentActionView):
    model, url_name = Scheme, "assessment_admin:tree"
    actions, action_name = {"weights": WEIGHTS}, "weights"


class IndicatorDeleteView(AssessmentActionView):
    actions, action_name, url_name = {"delete": INDICATOR_DELETE}, "delete", "assessment_admin:tree"

    def get_queryset(self) -> models.QuerySet:
        return Indicator.objects.select_related("scheme")

    def target(self, obj: Any) -> int:
        return obj.scheme_id
