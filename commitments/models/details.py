"""What particular kinds of commitment need beyond the shared core."""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import MONEY, Commitment


class Obligation(models.Model):
    """Money or a benefit owed under a commitment, with its amount and due date.

    Used for the incentives of an investment agreement, the government payment
    schedule of a PPP project and the repayment schedule of local debt.
    """

    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", _("Subsidy")
        TAX_REBATE = "tax_rebate", _("Tax rebate")
        LAND = "land", _("Land")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        GOVERNMENT_PAYMENT = "government_payment", _("Government payment")
        REPAYMENT = "repayment", _("Debt repayment")
        OTHER = "other", _("Other")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="obligations",
        verbose_name=_("commitment"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    condition = models.CharField(_("condition"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount due (yuan)"), **MONEY)
    due_on = models.DateField(_("due on"))
    amount_paid = models.DecimalField(_("amount paid (yuan)"), default=Decimal("0"), **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    performance_review = models.CharField(_("performance review"), max_length=200, blank=True)

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount_paid__gte=0),
                name="commitment_obligation_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    def scope_organisation(self):
        return self.commitment.organisation

    @property
    def outstanding(self) -> Decimal:
        return max(self.amount - self.amount_paid, Decimal("0"))

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.outstanding > 0 and self.due_on < (on or timezone.localdate())


class SMEPayment(models.Model):
    """An SME payment commitment: contract, supplier, delivery/acceptance, payment."""

    commitment = models.OneToOneField(
        Commitment,
        on_delete=models.CASCADE,
        related_name="sme_payment",
        verbose_name=_("commitment"),
    )
    contract_name = models.CharField(_("contract"), max_length=200)
    contract_no = models.CharField(_("contract number"), max_length=60, blank=True)
    supplier_name = models.CharField(_("supplier"), max_length=200)
    supplier_uscc = models.CharField(_("supplier USCC"), max_length=18, blank=True)
    sme_at_signing = models.BooleanField(_("SME when the contract was signed"), default=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    agreed_term_days = models.PositiveSmallIntegerField(
        _("agreed payment term (calendar days)"), null=True, blank=True
    )
    agreed_daily_rate = models.DecimalField(
        _("agreed late-interest rate per day"),
        max_digits=7,
        decimal_places=6,
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("contract amount (yuan)"), **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    amount_paid = models.DecimalField(_("amount paid (yuan)"), default=Decimal("0"), **MONEY)

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("SME payment")
        verbose_name_plural = _("SME payments")

    def __str__(self) -> str:
        return f"{self.contract_name} / {self.supplier_name}"

    def scope_organisation(self):
        return self.commitment.organisation


class PPPProject(models.Model):
    class PaymentMechanism(models.TextChoices):
        USER_PAYS = "user_pays", _("User pays")
        VIABILITY_GAP = "viability_gap", _("Viability gap funding")
        GOVERNMENT_PAYS = "government_pays", _("Government pays")

    commitment = models.OneToOneField(
        Commitment,
        on_delete=models.CASCADE,
        related_name="ppp",
        verbose_name=_("commitment"),
    )
    payment_mechanism = models.CharField(
        _("payment mechanism"), max_length=20, choices=PaymentMechanism.choices
    )
    total_investment = models.DecimalField(_("total investment (yuan)"), **MONEY)
    is_new = models.BooleanField(_("new project"), default=False)
    annual_spending = models.DecimalField(
        _("annual government spending (yuan)"), default=Decimal("0"), **MONEY
    )
    general_budget = models.DecimalField(
        _("general public budget expenditure of the level (yuan)"),
        null=True,
        blank=True,
        **MONEY,
    )

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("PPP project")
        verbose_name_plural = _("PPP projects")

    def __str__(self) -> str:
        return str(self.commitment)

    def scope_organisation(self):
        return self.commitment.organisation


class LocalDebt(models.Model):
    commitment = models.OneToOneField(
        Commitment,
        on_delete=models.CASCADE,
        related_name="local_debt",
        verbose_name=_("commitment"),
    )
    balance = models.DecimalField(_("debt balance (yuan)"), **MONEY)
    fiscal_capacity = models.DecimalField(_("comprehensive fiscal capacity (yuan)"), **MONEY)
    overdue_balance = models.DecimalField(_("overdue debt (yuan)"), default=Decimal("0"), **MONEY)
    as_of = models.DateField(_("as of"))

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("local government debt")
        verbose_name_plural = _("local government debt")

    def __str__(self) -> str:
        return str(self.commitment)

    def scope_organisation(self):
        return self.commitment.organisation
