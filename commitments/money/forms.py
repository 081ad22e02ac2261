"""Forms of the money screens: Chinese messages, nothing written on bad input."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": _("Enter the amount paid."),
            "invalid": _("Enter the amount as a number, for example 12500.00."),
            "min_value": _("A payment must be more than zero."),
        },
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the payment."),
            "invalid": _("Enter a date such as 2026-12-31."),
        },
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class WorkdayForm(forms.Form):
    start = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter a start date."),
            "invalid": _("Enter a date such as 2026-12-31."),
        },
    )
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=-366,
        max_value=366,
        error_messages={
            "required": _("Enter a number of working days."),
            "invalid": _("Enter a whole number of working days."),
            "min_value": _("At most 366 working days before."),
            "max_value": _("At most 366 working days after."),
        },
    )
