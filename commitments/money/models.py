"""Registers of money owed: SME contracts and payments, obligation payments, fiscal years.

Part of the ``commitments`` app (imported by ``commitments.models``).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.uscc import validate_uscc

from ..models.core import MONEY
from ..models.details import Obligation


class SMEContractQuerySet(models.QuerySet):
    def open(self) -> "SMEContractQuerySet":
        """Not yet paid in full."""
        return self.filter(settled_on__isnull=True)

    def overdue(self, *, on: datetime.date | None = None) -> "SMEContractQuerySet":
        """Unpaid after the due date (derived from the stored, computed due date)."""
        return self.open().filter(due_on__lt=on or timezone.localdate())

    def due_between(self, first: datetime.date, last: datetime.date) -> "SMEContractQuerySet":
        return self.open().filter(due_on__gte=first, due_on__lte=last)

    def within(self, organisation) -> "SMEContractQuerySet":
        return self.filter(organisation__path__startswith=organisation.path)


class SMEContract(models.Model):
    """A contract under which a public body owes a small or medium enterprise money.

    ``due_on`` is computed by the service from the dates, the agreed term and the rule in
    force (:func:`commitments.derived.sme_due`); it is never typed in. ``amount_paid`` is
    the sum of the payments; ``settled_on`` the day the last of it was paid.
    """

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="sme_contracts",
        verbose_name=_("paying organisation"),
    )
    contract_no = models.CharField(_("contract number"), max_length=60, blank=True)
    contract_name = models.CharField(_("contract"), max_length=200)
    supplier_name = models.CharField(_("supplier"), max_length=200)
    supplier_uscc = models.CharField(_("supplier USCC"), max_length=18, validators=[validate_uscc])
    sme_at_signing = models.BooleanField(_("SME when the contract was signed"), default=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    agreed_term_days = models.PositiveSmallIntegerField(
        _("agreed payment term (calendar days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the default term of the rule (30 days). Never more than 60."),
    )
    agreed_daily_rate = models.DecimalField(
        _("agreed late-interest rate per day"),
        max_digits=7,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Empty: the rule's default, 0.05 % per day (0.0005)."),
    )
    amount = models.DecimalField(_("contract amount (yuan)"), **MONEY)
    amount_paid = models.DecimalField(_("amount paid (yuan)"), default=Decimal("0"), **MONEY)
    due_on = models.DateField(_("payment due on"), null=True, blank=True, db_index=True)
    settled_on = models.DateField(_("paid in full on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    complaint = models.ForeignKey(
        "records.Complaint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sme_contracts",
        verbose_name=_("citizen report about the unpaid debt"),
        help_text=_("Set on the contract's card; only reports to the paying unit's subtree."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_path = "organisation__path"

    objects = SMEContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("SME payment contract")
        verbose_name_plural = _("SME payment contracts")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount_paid__gte=0),
                name="money_smecontract_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_name}（{self.supplier_name}）"

    def get_absolute_url(self) -> str:
        return reverse("money_smecontract:inspect", args=[self.pk])

    @property
    def outstanding(self) -> Decimal:
        return max(self.amount - self.amount_paid, Decimal("0"))

    @property
    def is_settled(self) -> bool:
        return self.settled_on is not None

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return not self.is_settled and self.due_on is not None and self.due_on < day


class Payment(models.Model):
    """What every payment records: a day, a positive amount, a note, who recorded it."""

    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="money_%(class)s_amount_positive",
                violation_error_message=_("A payment must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class SMEPaymentRecord(Payment):
    """One payment (partial or final) on an SME contract."""

    contract = models.ForeignKey(
        SMEContract,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("contract"),
    )

    scope_path = "contract__organisation__path"

    class Meta(Payment.Meta):
        verbose_name = _("SME contract payment")
        verbose_name_plural = _("SME contract payments")

    def scope_organisation(self):
        return self.contract.organisation


class ObligationPayment(Payment):
    """One payment on an obligation (incentive of an agreement, PPP government payment)."""

    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("obligation"),
    )

    scope_path = "obligation__commitment__organisation__path"

    class Meta(Payment.Meta):
        verbose_name = _("obligation payment")
        verbose_name_plural = _("obligation payments")

    def scope_organisation(self):
        return self.obligation.commitment.organisation


class FiscalYear(models.Model):
    """A unit's debt and budget figures for one year (entered by screen or import)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="fiscal_years",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    debt_balance = models.DecimalField(_("debt balance (yuan)"), **MONEY)
    fiscal_capacity = models.DecimalField(_("comprehensive fiscal capacity (yuan)"), **MONEY)
    overdue_debt = models.DecimalField(_("overdue debt (yuan)"), default=Decimal("0"), **MONEY)
    general_budget = models.DecimalField(
        _("general public budget expenditure (yuan)"), null=True, blank=True, **MONEY
    )
    ppp_spending = models.DecimalField(
        _("PPP spending from the budget (yuan)"), default=Decimal("0"), **MONEY
    )
    new_government_pays = models.BooleanField(
        _("new government-pay PPP projects this year"), default=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("local debt and budget year")
        verbose_name_plural = _("local debt and budget years")
        ordering = ["-year", "organisation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="money_fiscalyear_once_per_unit_year",
                violation_error_message=_("This unit already has figures for this year."),
            ),
            models.CheckConstraint(
                condition=Q(debt_balance__gte=0)
                & Q(fiscal_capacity__gte=0)
                & Q(overdue_debt__gte=0)
                & Q(ppp_spending__gte=0),
                name="money_fiscalyear_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"
