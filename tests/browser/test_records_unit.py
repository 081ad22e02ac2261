"""A record's whole life across three dashboards.

The credit office publishes a notified record and dispatches two joint measures; the
unit explains in writing and applies for credit repair from its own dashboard; the credit
office approves; the record leaves every public surface and the measures end.
"""

import datetime
import re
from pathlib import Path

import pytest

from integrity.core.demo_files import sample_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TITLE = "石桥镇拖欠便民服务中心工程款"
PASSWORD = "Demo@2026zw"


def _notified_record():
    from integrity.core.models import Organisation, User
    from integrity.records import services

    office = User.objects.get(username="xinyong")
    unit = Organisation.objects.get(name="石桥镇人民政府")
    record = services.record_create(
        by=office,
        organisation=unit,
        title=TITLE,
        source="arrears",
        severity="general",
        determination_date=datetime.date.today() - datetime.timedelta(days=130),
        facts="便民服务中心工程竣工验收后逾期未支付工程款。",
        legal_basis="《保障中小企业款项支付条例》第八条",
        decision_number="澜信认〔2026〕88号",
    )
    services.record_confirm(record=record, by=office)
    return services.record_notify(record=record, by=office)


def _sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def _menu(page, label: str) -> None:
    """Open a screen from the dashboard: its to-do item if shown, else the sidebar entry."""
    page.get_by_role("link", name=label).first.click()
    page.wait_for_load_state()


def _public_surfaces(browser, base: str, record) -> dict[str, str]:
    """What an anonymous visitor gets from each public surface (empty when refused)."""
    anonymous = browser.new_context()
    surfaces = {}
    for name, path in (
        ("register", "/records/"),
        ("search", "/search/?q=便民服务中心"),
        ("open data", "/open-data/records.csv"),
        ("api", "/api/v1/records/public/"),
        ("export", "/records/export.json"),
        ("unit filter", f"/records/?organisation={record.organisation_id}"),
        ("unit page", f"/units/{record.organisation_id}/"),
        ("register feed", "/feeds/records/"),
        ("unit feed", f"/feeds/units/{record.organisation_id}/"),
    ):
        response = anonymous.request.get(base + path)
        surfaces[name] = response.text() if response.ok else ""
    detail = anonymous.request.get(base + f"/records/{record.pk}/")
    surfaces["detail"] = detail.text() if detail.ok else ""
    anonymous.close()
    return surfaces


def test_publish_explain_repair_and_the_record_leaves_every_public_surface(page, browser, tmp_path):
    from integrity.records.models import DispatchStatus, SanctionDispatch

    record = _notified_record()

    # The credit office publishes it from its to-do and dispatches two joint measures.
    _sign_in(page, "xinyong")
    _menu(page, "信用办待办")
    page.locator("#notified").get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="公示").click()
    page.wait_for_load_state()
    page.locator("#dispatch-link").click()
    page.select_option("#id_measure", label="CJ-04 限制申请财政性资金项目")
    page.get_by_label("澜江市财政局", exact=True).check()
    page.get_by_label("澜江市住房和城乡建设局", exact=True).check()
    page.locator("#dispatch-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/records/dispatches/$"))
    assert SanctionDispatch.objects.filter(record=record).count() == 2
    for name, text in _public_surfaces(browser, page.base_url, record).items():
        assert TITLE in text or f"/records/{record.pk}/" in text, f"not yet on {name}"

    # The unit answers from its own dashboard, in another browser.
    unit_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    unit = unit_context.new_page()
    unit.base_url = page.base_url
    _sign_in(unit, "jingban")
    _menu(unit, "本单位失信记录")
    unit.get_by_role("link", name=TITLE).click()
    evidence = Path(tmp_path) / "付款凭证.pdf"
    evidence.write_bytes(sample_pdf().read())
    unit.fill("#explain-text", "工程款已于十一月全部结清，附付款凭证。")
    unit.set_input_files("#explain-files", str(evidence))
    unit.locator("#explain-form [type=submit]").click()
    unit.wait_for_load_state()
    assert "工程款已于十一月全部结清" in unit.locator("#explanation-done").inner_text()
    unit.fill("#repair-commitment", "本单位承诺今后按合同约定及时支付款项。")
    unit.fill("#repair-performance", "欠付工程款已全部支付。")
    unit.set_input_files("#repair-evidence", str(evidence))
    unit.locator("#repair-form [type=submit]").click()
    unit.wait_for_load_state()
    assert "已提交" in unit.locator("#repairs").inner_text()

    # The credit office approves the repair from its to-do.
    _menu(page, "信用办待办")
    page.locator("#repairs").get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(rf"/inspect/{record.pk}/$"))
    assert "工程款已于十一月全部结清" in page.content()
    page.get_by_role("button", name="同意修复").click()
    page.wait_for_load_state()
    page.get_by_text("操作成功。").first.wait_for()
    record.refresh_from_db()
    assert record.status == "repaired"

    # Gone from every public surface; the measures have ended.
    for name, text in _public_surfaces(browser, page.base_url, record).items():
        assert TITLE not in text and f"/records/{record.pk}/" not in text, f"still on {name}"
    statuses = set(SanctionDispatch.objects.filter(record=record).values_list("status", flat=True))
    assert statuses == {DispatchStatus.ENDED}

    # The implementing department sees the measure ended; the unit sees the repair approved.
    unit.reload()
    assert "已同意" in unit.locator("#repairs").inner_text()
    department = unit_context.browser.new_context(viewport={"width": 1280, "height": 900})
    dept = department.new_page()
    dept.base_url = page.base_url
    _sign_in(dept, "bumen")
    _menu(dept, "联合奖惩")
    assert "已解除" in dept.locator("#dispatches").inner_text()
    department.close()
    unit_context.close()


def test_a_department_feeds_back_the_office_publishes_a_list_and_hr_prints_a_check(page, browser):
    from integrity.records.models import DispatchStatus, Official, SanctionDispatch

    # The implementing department works through its measures from its dashboard.
    _sign_in(page, "bumen")
    _menu(page, "联合奖惩")
    dispatch = SanctionDispatch.objects.filter(
        department__name="澜江市住房和城乡建设局", status=DispatchStatus.DISPATCHED
    ).first()
    page.goto(page.base_url + f"/admin/records/dispatches/{dispatch.pk}/")
    page.locator("#confirm-dispatch").click()
    page.fill("#implement-text", "已暂停该单位的住建领域项目申报。")
    page.locator("#implement-text ~ button").click()
    page.fill("#feedback-text", "措施已落实。")
    page.locator("#feedback-text ~ button").click()
    page.get_by_text("已反馈").first.wait_for()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.FED_BACK

    # The credit office compiles and publishes this month's red and black list.
    office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    credit = office.new_page()
    credit.base_url = page.base_url
    _sign_in(credit, "xinyong")
    _menu(credit, "红黑榜")
    credit.fill("#id_title", "浏览器测试红黑榜")
    credit.locator("#issue-form [type=submit]").click()
    credit.get_by_role("button", name="按评定标准生成榜单").click()
    credit.get_by_role("button", name="在门户网站发布").click()
    credit.get_by_text("在门户网站查看").click()
    credit.wait_for_url(re.compile(r"/records/lists/\d+/$"))
    assert "浏览器测试红黑榜" in credit.content()
    anonymous = browser.new_context()
    assert "浏览器测试红黑榜" in anonymous.request.get(page.base_url + "/records/lists/").text()
    anonymous.close()
    office.close()

    # HR records a training, runs the recruitment check and prints it.
    hr_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    hr = hr_context.new_page()
    hr.base_url = page.base_url
    _sign_in(hr, "renshi")
    _menu(hr, "诚信教育培训覆盖率")
    assert hr.locator("#coverage tbody tr").count() >= 1
    hr.locator("#officials-link").click()
    official = Official.objects.order_by("pk").first()
    hr.get_by_text(official.name).first.wait_for()
    hr.goto(page.base_url + f"/admin/records_official/inspect/{official.pk}/")
    hr.select_option("#entry-form select[name=kind]", value="training")
    hr.fill("#entry-form input[name=date]", datetime.date.today().isoformat())
    hr.fill("#entry-form input[name=title]", "新任职干部诚信教育")
    hr.fill("#entry-form input[name=hours]", "6")
    hr.locator("#entry-form [type=submit]").click()
    hr.get_by_text("新任职干部诚信教育").first.wait_for()
    hr.select_option("select[name=purpose]", value="recruitment")
    hr.get_by_role("button", name="进行诚信核查").click()
    link = hr.locator("#credit-checks a").first
    link.wait_for()
    pdf = hr_context.request.get(page.base_url + link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    hr_context.close()
