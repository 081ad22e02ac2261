"""Demo money registers: SME contracts (paid, overdue, due soon), obligation payments, fiscal years.

Called from :func:`commitments.demo.load` after the commitments (and their obligations)
exist. Everything goes through the services, so due dates are computed by the rule in
force and every write has its event row. Suppliers and their codes are invented; the
codes are valid USCCs (registration authority 9, enterprise 1).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from integrity.core.models import Organisation
from integrity.core.uscc import make_uscc

from ..models import Obligation
from . import services
from .models import SMEContract

# (supplier, division code of its registration)
SUPPLIERS = [
    ("澜江市路桥建设有限公司", "390100"),
    ("澜江市东湖园林绿化工程有限公司", "390102"),
    ("西岭区信达办公用品有限公司", "390103"),
    ("南浦县白沙建筑劳务有限公司", "390121"),
    ("北塘县恒通电子科技有限公司", "390122"),
    ("澜江市安泰物业服务有限公司", "390100"),
    ("澜江市清源环保科技有限公司", "390100"),
    ("澜江市智联软件开发有限公司", "390100"),
]
# (contract name, amount in yuan)
WORKS = [
    ("村道硬化工程", Decimal("486000.00")),
    ("办公家具采购", Decimal("128500.00")),
    ("政务服务中心物业服务", Decimal("356000.00")),
    ("污水管网维修工程", Decimal("872300.50")),
    ("公共区域绿化养护", Decimal("96400.00")),
    ("信息系统运维服务", Decimal("215000.00")),
    ("学校食堂设备采购", Decimal("178900.00")),
    ("防汛物资采购", Decimal("64250.00")),
]
# The units whose demo users work with the register come first.
PAYERS = [
    "石桥镇人民政府",
    "市住房和城乡建设局",
    "北塘县人民政府",
    "东湖区人民政府",
    "龙山镇人民政府",
    "市交通运输局",
]
# (days before today the goods were accepted, agreed term, share paid, paid how long after)
# paid in full on time / partly paid and overdue / unpaid and overdue / due soon / not yet due
PLANS = [
    (120, 30, Decimal("1"), 25),
    (95, 60, Decimal("1"), 58),
    (100, 30, Decimal("0.4"), 20),
    (75, None, Decimal("0"), 0),
    (26, 30, Decimal("0"), 0),
    (3, 30, Decimal("0"), 0),
    (40, 45, Decimal("0.5"), 10),
    (150, 60, Decimal("1"), 70),
]
# unit: (debt balance, comprehensive fiscal capacity) in 亿元 for last year and this year
FISCAL = {
    "澜江市人民政府": ((186, 150), (178, 152)),
    "东湖区人民政府": ((95, 80), (90, 82)),
    "西岭区人民政府": ((160, 70), (171, 72)),
    "南浦县人民政府": ((88, 40), (96, 41)),
    "北塘县人民政府": ((140, 42), (133, 44)),
}
YI = Decimal(10) ** 8


def supplier_uscc(n: int, division: str) -> str:
    return make_uscc("91", division, f"MA{n:06d}")


def _contracts(orgs: list[Organisation], today: datetime.date) -> list[SMEContract]:
    contracts = []
    n = 0
    for org in orgs:
        for plan_index, (accepted_ago, term, share, paid_after) in enumerate(PLANS):
            which = (n + plan_index) % len(SUPPLIERS)
            supplier, division = SUPPLIERS[which]
            work, amount = WORKS[(n + 3 * plan_index) % len(WORKS)]
            accepted = today - datetime.timedelta(days=accepted_ago)
            contract = services.sme_contract_create(
                by=None,
                organisation=org,
                contract_no=f"LJ-CG-{today.year}-{n + 1:04d}",
                contract_name=f"{org.short_name or org.name}{work}合同",
                supplier_name=supplier,
                supplier_uscc=supplier_uscc(which + 1, division),
                sme_at_signing=True,
                signed_on=accepted - datetime.timedelta(days=90),
                delivered_on=accepted - datetime.timedelta(days=7),
                accepted_on=accepted,
                agreed_term_days=term,
                amount=amount,
                note="演示数据",
            )
            if share:
                paid_on = min(accepted + datetime.timedelta(days=paid_after), today)
                services.sme_payment_record(
                    contract=contract,
                    by=None,
                    amount=(amount * share).quantize(Decimal("0.01")),
                    paid_on=paid_on,
                    note="国库集中支付",
                )
            contracts.append(contract)
            n += 1
    return contracts


def _obligation_payments(today: datetime.date) -> None:
    """Pay some incentives and PPP payments that fell due: in full, in part, or not at all."""
    due = Obligation.objects.filter(due_on__lt=today, amount_paid=0).order_by("pk")[:30]
    for index, obligation in enumerate(due):
        if index % 3 == 2:
            continue  # left unpaid: overdue
        share = Decimal("1") if index % 3 == 0 else Decimal("0.5")
        services.obligation_payment_record(
            obligation=obligation,
            by=None,
            amount=(obligation.amount * share).quantize(Decimal("0.01")),
            paid_on=min(obligation.due_on + datetime.timedelta(days=10), today),
            note="按协议拨付",
        )


def _fiscal_years(orgs: dict[str, Organisation], today: datetime.date) -> None:
    for name, years in FISCAL.items():
        org = orgs.get(name)
        if org is None:
            continue
        for offset, (balance, capacity) in zip((1, 0), years, strict=True):
            budget = Decimal(capacity) * YI * Decimal("0.8")
            services.fiscal_year_save(
                by=None,
                organisation=org,
                year=today.year - offset,
                debt_balance=Decimal(balance) * YI,
                fiscal_capacity=Decimal(capacity) * YI,
                overdue_debt=Decimal("0"),
                general_budget=budget,
                ppp_spending=(budget * Decimal("0.072")).quantize(Decimal("0.01")),
                new_government_pays=name == "北塘县人民政府",
            )


def _link_complaints(contracts: list[SMEContract], today: datetime.date) -> None:
    """Citizen reports about unpaid debts are linked to an overdue contract of their unit."""
    from integrity.records.models import Complaint

    overdue = {}
    for contract in contracts:
        if contract.is_overdue(today):
            overdue.setdefault(contract.organisation_id, contract)
    reports = Complaint.objects.filter(
        topic=Complaint.Topic.UNPAID_DEBT, organisation_id__in=list(overdue)
    ).order_by("pk")
    for report in reports:
        contract = overdue.pop(report.organisation_id, None)
        if contract is not None:
            services.sme_contract_link_complaint(contract=contract, by=None, complaint=report)


def load(context: dict) -> None:
    today = timezone.localdate()
    orgs = context.get("orgs", {})
    payers = [orgs[name] for name in PAYERS if name in orgs]
    if not payers:  # a partial demo (tests): the first units given
        payers = sorted({o.pk: o for o in orgs.values()}.values(), key=lambda o: o.pk)[:3]
    contracts = _contracts(payers, today)
    _obligation_payments(today)
    _fiscal_years(orgs, today)
    _link_complaints(contracts, today)
