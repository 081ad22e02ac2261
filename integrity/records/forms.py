"""Public forms: the citizen report (with captcha, attachment checks) and the lookup."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integrity.core.models import Organisation
from integrity.core.uploads import check_upload, max_attachments

from .captcha import captcha_check
from .models import Complaint


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


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
    captcha = forms.CharField(label=_("Verification code"), max_length=10, required=False)

    def __init__(self, *args, session=None, **kwargs):
        from commitments.models import Commitment

        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["organisation"].queryset = Organisation.objects.active()
        self.fields["commitment"].queryset = Commitment.objects.published()

    def clean_captcha(self):
        answer = self.cleaned_data.get("captcha", "")
        if not answer:
            raise ValidationError(_("Enter the verification code."))
        if not captcha_check(self.session, answer):
            raise ValidationError(_("The verification code is wrong. Try the new one."))
        return answer

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


class FeedbackForm(forms.Form):
    feedback = forms.ChoiceField(
        label=_("Did the answer solve your problem?"),
        choices=[c for c in Complaint.Feedback.choices if c[0]],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=2000
    )
