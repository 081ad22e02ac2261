"""Forms of the online submission screens (Chinese errors, nothing saved on error)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Member


class SubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("title"),
        max_length=200,
        error_messages={"required": _("Give the title of the suggestion.")},
    )
    content = forms.CharField(
        label=_("content"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": _("Write the suggestion itself.")},
    )
    co_signers = forms.ModelMultipleChoiceField(
        label=_("co-signers"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["co_signers"].queryset = choices


class RegisterSubmissionForm(forms.Form):
    number = forms.CharField(
        label=_("number"),
        max_length=30,
        error_messages={"required": _("Give the registration number.")},
    )
    session = forms.CharField(label=_("session"), max_length=60, required=False)


class ReturnSubmissionForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for return"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for returning it.")},
    )
