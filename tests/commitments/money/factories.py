import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from commitments.money.models import FiscalYear, SMEContract
from integrity.core.uscc import make_uscc
from tests.factories import TownshipFactory


class SMEContractFactory(DjangoModelFactory):
    """An SME contract accepted on 2026-03-02 (a Monday): due 2026-04-01 by default."""

    class Meta:
        model = SMEContract

    organisation = factory.SubFactory(TownshipFactory)
    contract_no = factory.Sequence(lambda n: f"HT-2026-{n:03d}")
    contract_name = factory.Sequence(lambda n: f"道路养护合同{n}")
    supplier_name = factory.Sequence(lambda n: f"澜江建材有限公司{n}")
    supplier_uscc = factory.Sequence(lambda n: make_uscc("91", "350100", f"{70_000 + n:08d}"))
    delivered_on = datetime.date(2026, 2, 27)
    accepted_on = datetime.date(2026, 3, 2)
    amount = Decimal("100000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from commitments.money.services import sme_contract_create

        return sme_contract_create(by=None, **kwargs)


class FiscalYearFactory(DjangoModelFactory):
    class Meta:
        model = FiscalYear

    organisation = factory.SubFactory(TownshipFactory)
    year = 2025
    debt_balance = Decimal("150000000.00")
    fiscal_capacity = Decimal("100000000.00")
