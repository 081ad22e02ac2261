"""Public forms: the citizen report (with captcha, attachment checks) and the lookup."""

from captcha.fields import CaptchaField

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integrity.core.models import Organisation
from integrity.core.uploads import check_upload, max_attachments

from .models import Complaint
from .submissions import token_value

EXPIRED = _("This form has expired. Please check it and send it again.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def citizen_captcha() -> CaptchaField:
    """The image captcha of the public forms, with plain Chinese errors."""
    message = _("The verification code is wrong. Try the new one.")
    return CaptchaField(
        label=_("Verification code"),
        error_messages={
            "invalid": message,
            "required": _("Enter the verification code."),
            "incomplete": _("Enter the verification code."),
        },
    )


class ReportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Unit concerned"), queryset=Organisation.objects.none(), required=False
    )
    commitment = forms.ModelChoiceField(
        label=_("Commitment concerned"), queryset=None, required=False
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Complaint.Topic.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea, max_length=5000)
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    reporter_name = forms.CharField(label=_("Your name"), max_length=60, required=False)
    reporter_phone = forms.CharField(label=_("Your phone"), max_length=30, required=False)
    reporter_email = forms.EmailField(label=_("Your e-mail"), required=False)
    reporter_address = forms.CharField(label=_("Your address"), max_length=200, required=False)
    attachments = MultipleFileField(label=_("Attachments (images or PDF)"), required=False)
    captcha = citizen_captcha()
    # One-time token (integrity.records.submissions): a second POST makes no second report.
    submission_token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=200,
        error_messages={"required": EXPIRED},
    )

    def __init__(self, *args, **kwargs):
        from commitments.models import Commitment

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active()
        # The commitment choices follow the chosen unit (portal/js/portal.js reloads them
        # from /report/commitments/?unit=): never a list of every unit's commitments.
        unit = self.data.get("organisation") if self.is_bound else self.initial.get("organisation")
        rows = Commitment.objects.published().order_by("deadline", "pk")
        if str(unit or "").isdigit():
            rows = rows.filter(organisation_id=int(unit))
        elif not self.is_bound:
            rows = rows.none()
        self.fields["commitment"].queryset = rows
        self.fields["commitment"].widget.attrs.update(
            {"data-follows": "id_organisation", "data-source": "/report/commitments/"}
        )

    def clean_submission_token(self) -> str:
        token = token_value(self.cleaned_data.get("submission_token", ""))
        if token is None:
            raise ValidationError(EXPIRED)
        return token

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > max_attachments():
            raise ValidationError(
                _("At most %(n)s attachments are allowed.") % {"n": max_attachments()}
            )
        return [(upload, check_upload(upload)) for upload in files]

    def clean(self):
        data = super().clean()
        if data.get("commitment") and not data.get("organisation"):
            data["organisation"] = data["commitment"].organisation
        if not data.get("organisation") and not self.has_error("organisation"):
            self.add_error("organisation", _("Choose the unit or the commitment concerned."))
        if not data.get("anonymous") and not (
            data.get("reporter_phone") or data.get("reporter_email")
        ):
            self.add_error("reporter_phone", _("Give a phone or e-mail, or report anonymously."))
        return data


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=20)
    captcha = citizen_captcha()


class FeedbackForm(forms.Form):
    feedback = forms.ChoiceField(
        label=_("Did the answer solve your problem?"),
        choices=[c for c in Complaint.Feedback.choices if c[0]],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=2000
    )
