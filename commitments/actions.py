"""The lifecycle actions of commitments and change requests, for the back office and the API.

Each form turns the back-office input into the service's keyword arguments (the inspect
page posts ``note`` for every reason); the API's input serializers give the same keys,
so both run the same :class:`~integrity.core.actions.ObjectAction`. The services decide
who may do what (role and status) and say why in Chinese.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from integrity.core.actions import MultipleFileField, ObjectAction, input_form, optional_text

from . import services
from .models import ChangeRequest, Commitment

CHANGE = "commitments.change_commitment"
DECIDE = "commitments.change_changerequest"


class NoteAsReasonForm(forms.Form):
    """The reason of a rejection or withdrawal (posted as ``note``)."""

    note = optional_text()

    def clean(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data.get("note", "")}


class LawfulChangeForm(NoteAsReasonForm):
    compensation = optional_text()

    def clean(self) -> dict[str, Any]:
        return {**super().clean(), "compensation": self.cleaned_data.get("compensation", "")}


class ProgressForm(forms.Form):
    note = optional_text()
    percent = forms.CharField(required=False, label=_("percent complete"))
    evidence = MultipleFileField(label=_("evidence files"))

    def clean_percent(self) -> int | None:
        percent = self.cleaned_data["percent"].strip().rstrip("%％")
        if percent and not (percent.isdigit() and int(percent) <= 100):
            raise forms.ValidationError(_("The percentage must be a whole number from 0 to 100."))
        return int(percent) if percent else None

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data.get("note", ""),
            "percent": data.get("percent"),
            "files": data.get("evidence", []),
        }


NoteForm = input_form("NoteForm", note=optional_text())
ChangeRequestForm = input_form(
    "ChangeRequestForm",
    justification=optional_text(),
    new_deadline=forms.DateField(required=False, label=_("requested deadline")),
    new_target=optional_text(),
)


def _commitment(name: str, service, form: type[forms.Form] | None = None, **kwargs) -> ObjectAction:
    return ObjectAction[Commitment](
        name=name,
        service=lambda c, user, data: service(commitment=c, by=user, **kwargs, **data),
        form=form,
        permission=CHANGE,
    )


COMMITMENT_ACTIONS: dict[str, ObjectAction[Commitment]] = {
    action.name: action
    for action in (
        _commitment("submit", services.commitment_submit),
        _commitment("publish", services.commitment_publish),
        _commitment("reject", services.commitment_reject, NoteAsReasonForm),
        _commitment("start", services.commitment_start),
        _commitment("progress", services.progress_add, ProgressForm),
        _commitment("fulfil", services.commitment_fulfil, NoteForm),
        _commitment("partly_fulfil", services.commitment_fulfil, NoteForm, partly=True),
        _commitment("break", services.commitment_break, NoteForm),
        _commitment("change_lawfully", services.commitment_change_lawfully, LawfulChangeForm),
        _commitment("withdraw", services.commitment_withdraw, NoteAsReasonForm),
        _commitment("change_request", services.change_request_create, ChangeRequestForm),
    )
}


def _decision(name: str, service) -> ObjectAction:
    return ObjectAction[ChangeRequest](
        name=name,
        service=lambda change, user, data: service(request=change, by=user, **data),
        form=NoteForm,
        permission=DECIDE,
    )


CHANGE_REQUEST_ACTIONS: dict[str, ObjectAction[ChangeRequest]] = {
    "approve": _decision("approve", services.change_request_approve),
    "reject": _decision("reject", services.change_request_reject),
}
