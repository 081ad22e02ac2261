"""Forms of the back-office workflow screens. Validation of the workflow stays in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integrity.core.permissions import org_scope

from . import services
from .models import Communication, Item, Rating, Reply

DATE = forms.DateInput(attrs={"type": "date"})


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (unknown fields as non-field errors)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class AssignForm(forms.Form):
    mode = forms.ChoiceField(label=_("handling mode"), choices=Item.Mode.choices)
    first_unit = forms.ModelChoiceField(
        label=_("Handling unit (lead unit in lead mode)"), queryset=None
    )
    other_units = forms.ModelMultipleChoiceField(
        label=_("Further units (co-handling or separate handling)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    task = forms.CharField(label=_("task"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = org_scope(user).order_by("path")
        self.fields["first_unit"].queryset = units
        self.fields["other_units"].queryset = units

    def units(self) -> list:
        data = self.cleaned_data
        task = data.get("task", "")
        return [(unit, task) for unit in [data["first_unit"], *data["other_units"]]]

    def clean(self) -> dict:
        data = super().clean() or {}
        if "first_unit" in data and "other_units" in data:
            data["units"] = self.units()  # what the service takes: (unit, task) pairs
        return data


class MergeForm(AssignForm):
    """Handle the selected items together (并案办理): a main item plus the assignment."""

    main = forms.TypedChoiceField(
        label=_("Main item"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_(
            "The other items are merged into the main item. Only the main item is assigned;"
            " its reply goes to the authors of every item, and each of them may rate it."
        ),
    )

    field_order = ["main"]

    def __init__(self, *args, user, items: list[Item], **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.items = items
        self.fields["main"].choices = [(item.pk, f"{item.number} {item.title}") for item in items]
        if items:
            self.fields["main"].initial = items[0].pk

    def ordered_items(self) -> list[Item]:
        """The main item first, then the others in the order they were selected."""
        main = self.cleaned_data["main"]
        return sorted(self.items, key=lambda item: item.pk != main)


class KeyForm(forms.Form):
    is_key = forms.BooleanField(label=_("key item under supervision"), required=False)
    supervisor_name = forms.CharField(label=_("supervising leader"), required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    note = forms.CharField(label=_("decision note"), required=False)

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class PublishForm(forms.Form):
    publication = forms.ChoiceField(
        label=_("publication"),
        choices=[c for c in Reply.Publication.choices if c[0]],
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea({"rows": 3})
    )
    reason = forms.CharField(label=_("reason for not publishing"), required=False)


class CommunicationForm(forms.Form):
    day = forms.DateField(label=_("date"), widget=DATE)
    method = forms.ChoiceField(label=_("method"), choices=Communication.Method.choices)
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea({"rows": 2}))


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("co-handler opinion"), widget=forms.Textarea({"rows": 4}))


class ReplyForm(forms.Form):
    category = forms.ChoiceField(label=_("category"))
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(
        label=_("body"),
        widget=forms.Textarea({"rows": 8}),
        help_text=_("Mark parts not to be published as 【不公开】…【/不公开】."),
    )
    summary = forms.CharField(
        label=_("summary for publication"), required=False, widget=forms.Textarea({"rows": 3})
    )
    promised_on = forms.DateField(
        label=_("promised date (category B)"), required=False, widget=DATE
    )
    submit = forms.BooleanField(label=_("Submit to the unit leader now"), required=False)

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        if body := self.initial.get("body"):  # older replies were marked [secret]…[/secret]
            self.initial["body"] = body.replace("[secret]", "【不公开】").replace(
                "[/secret]", "【/不公开】"
            )
        organisation = assignment.item.organisation
        self.fields["category"].choices = [
            (c.code, str(c)) for c in services.categories_for(organisation, services.today())
        ]


class ExtensionForm(forms.Form):
    months = forms.IntegerField(label=_("months"), min_value=1, max_value=6)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class ApproveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("approve", _("Approve and send")), ("send_back", _("Send back"))],
    )
    reason = forms.CharField(label=_("reason"), required=False)


class RatingForm(forms.Form):
    process = forms.ChoiceField(label=_("handling process"), choices=Rating.Level.choices)
    result = forms.ChoiceField(label=_("handling result"), choices=Rating.Level.choices)
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea({"rows": 2})
    )
