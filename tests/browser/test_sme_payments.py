"""Must-hold 2: a township clerk registers an SME contract from the back-office home,
the alarm fires when it falls due, the supplier's report about the unpaid debt is linked
to it, a payment closes it and the portal figures change."""

import datetime
import re
from decimal import Decimal

import pytest

from django.utils import timezone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AMOUNT = Decimal("86000.00")


def _portal_row(page) -> dict[str, str]:
    """The 石桥镇人民政府 row of /sme-payments/ (zeros when the unit has no row)."""
    page.goto(page.base_url + "/sme-payments/")
    row = page.locator("table.sme-figures tbody tr", has_text="石桥镇人民政府")
    if row.count() == 0:
        return {"owed": "0.00 元", "overdue": "0.00 元", "paid": "0.00 元"}
    return {
        name: row.locator(f".sme-{name}").inner_text().strip()
        for name in ("owed", "overdue", "paid")
    }


def _yuan(text: str) -> Decimal:
    return Decimal(text.replace("元", "").replace(",", "").strip())


def test_a_clerk_registers_a_contract_the_alarm_fires_a_payment_closes_it(page):
    from commitments.money.alarms import money_alarms_sweep
    from commitments.money.models import SMEContract
    from integrity.core.models import Notice

    before = _portal_row(page)
    today = timezone.localdate()
    accepted = today - datetime.timedelta(days=31)

    # From the back-office home (the clerk's dashboard) through the menu to the register.
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "jingban")
    page.fill("#id_password", "Demo@2026zw")
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.get_by_role("button", name="政府欠款").click()
    page.get_by_role("link", name="中小企业款项支付").click()
    page.wait_for_url(re.compile(r"/admin/money_smecontract/$"))
    page.locator("a[href$='/admin/money_smecontract/new/']").first.click()

    page.fill("#id_delivered_on", accepted.isoformat())
    page.fill("#id_accepted_on", accepted.isoformat())
    page.keyboard.press("Escape")  # close the date picker
    page.fill("#id_contract_no", "SQ-2026-018")
    page.fill("#id_contract_name", "石桥镇污水管网维护")
    page.fill("#id_supplier_name", "北塘环保科技有限公司")
    page.fill("#id_supplier_uscc", "91350100M000100Y43")
    page.fill("#id_amount", str(AMOUNT))
    page.press("#id_amount", "Enter")  # submit (the date picker's layer covers the button)
    page.wait_for_url(re.compile(r"/admin/money_smecontract/inspect/\d+/$"))
    assert "默认30个自然日" in page.locator(".money-due-explained").inner_text()

    contract = SMEContract.objects.get(contract_name="石桥镇污水管网维护")
    assert contract.organisation.name == "石桥镇人民政府"
    registered = _portal_row(page)
    assert _yuan(registered["owed"]) - _yuan(before["owed"]) == AMOUNT

    # The daily sweep runs the day after the due date: the unit and its county are alarmed.
    money_alarms_sweep(on=contract.due_on + datetime.timedelta(days=1))
    alarm = Notice.objects.get(
        organisation=contract.organisation, key__startswith=f"sme:{contract.pk}:"
    )
    assert alarm.title == "中小企业款项逾期未付"
    assert Notice.objects.filter(
        organisation_id=contract.organisation.parent_id,
        key__startswith=f"sme:{contract.pk}:",
        key__endswith=":escalated",
    ).exists()
    page.goto(page.base_url + "/admin/notice/")
    assert "中小企业款项逾期未付" in page.content()

    # The supplier complains about the unpaid debt; the clerk links the report on the card.
    from integrity.records.services import complaint_submit

    report = complaint_submit(
        organisation=contract.organisation,
        topic="debt",
        title="污水管网维护款逾期未付",
        text="验收已满一个月，款项仍未支付。",
    )
    page.goto(page.base_url + f"/admin/money_smecontract/inspect/{contract.pk}/")
    page.select_option("#id_complaint", str(report.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="保存关联").click()
    assert "污水管网维护款逾期未付" in page.locator(".money-complaint-linked").inner_text()

    # The clerk pays the rest from the contract's card, in two parts.
    page.fill("#id_amount", "6000")
    page.fill("#id_paid_on", today.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="登记付款").click()
    assert "80,000.00 元" in page.locator(".money-outstanding").inner_text()
    page.fill("#id_amount", "80000")
    page.fill("#id_paid_on", today.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="登记付款").click()
    state = page.locator(".money-state").inner_text()
    assert "已于" in state, page.locator(".messages").all_inner_texts()
    contract.refresh_from_db()
    assert contract.is_settled

    after = _portal_row(page)
    assert _yuan(after["owed"]) == _yuan(before["owed"])
    assert _yuan(after["paid"]) - _yuan(before["paid"]) == AMOUNT
