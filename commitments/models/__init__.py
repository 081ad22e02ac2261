# The money registers live in their own package; imported here so the app loads them.
from commitments.money.models import (
    FiscalYear,
    ObligationPayment,
    SMEContract,
    SMEPaymentRecord,
)

from .core import (
    ChangeRequest,
    Commitment,
    CommitmentQuerySet,
    Evidence,
    Milestone,
    ProgressUpdate,
)
from .details import LocalDebt, Obligation, PPPProject, SMEPayment
from .imports import ImportJob
from .rules import DebtRiskRule, DueSoonRule, PPPLimitRule, SMEPaymentRule

__all__ = [
    "ChangeRequest",
    "Commitment",
    "CommitmentQuerySet",
    "DebtRiskRule",
    "DueSoonRule",
    "Evidence",
    "ImportJob",
    "LocalDebt",
    "Milestone",
    "Obligation",
    "PPPLimitRule",
    "PPPProject",
    "ProgressUpdate",
    "SMEPayment",
    "SMEPaymentRule",
    "FiscalYear",
    "ObligationPayment",
    "SMEContract",
    "SMEPaymentRecord",
]
