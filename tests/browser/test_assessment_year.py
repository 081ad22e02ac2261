"""Must hold 1: the assessment office runs a whole year with a unit, from the dashboards.

kaohe opens 2027 from 2026's scheme, changes a weight, enrols two peer groups and starts;
a city department assesses itself with a file; kaohe reviews; the department objects;
kaohe answers, finalises and publishes; the public ranking shows ranks, grades and the
method, and the method page agrees with the published scheme.
"""

import re

import pytest
from playwright.sync_api import expect

from django.urls import reverse

from assessment.models import Campaign, CampaignUnit, Indicator, Score

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "Demo@2026zw"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def to_campaigns(page):
    """From the back-office home through the menu to the assessment campaigns."""
    page.locator("a[href='/admin/assessment/']").first.click()
    page.wait_for_url(re.compile(r"/admin/assessment/$"))


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def assert_no_error(page):
    errors = page.locator(".messages .error, .help-critical, .errorlist").all_inner_texts()
    assert not errors, errors


def open_and_start_2027(page) -> Campaign:
    sign_in(page, "kaohe")
    to_campaigns(page)
    click_and_wait(page, "a[href='/admin/assessment/open/']")
    assert page.input_value("#id_year") == "2027"
    assert page.locator("#id_group_0_name").input_value()  # last year's two peer groups
    assert page.locator("#id_group_1_name").input_value()
    assert not page.locator("#kinds input[value='organ']").is_checked()
    click_and_wait(page, "form.assessment-open button[type=submit]")
    assert_no_error(page)
    campaign = Campaign.objects.get(year=2027)
    assert "工作日" in page.content() and "筹备中" in page.content()
    names = set(campaign.units.values_list("organisation__name", flat=True))
    assert not any("人大" in n or "政协" in n or "法院" in n for n in names)
    assert campaign.scheme.peer_groups.count() == 2
    assert set(campaign.units.values_list("peer_group__name", flat=True)) == set(
        campaign.scheme.peer_groups.values_list("name", flat=True)
    )

    click_and_wait(page, f"a[href='/admin/assessment/schemes/{campaign.scheme_id}/tree/']")
    page.fill("tr[data-code='1.1'] input", "6")
    page.fill("tr[data-code='1.2'] input", "4")
    click_and_wait(page, "button.save-weights")
    assert_no_error(page)
    click_and_wait(page, f"a[href='/admin/assessment/{campaign.pk}/prepare/']")
    click_and_wait(page, f"form[action='/admin/assessment/{campaign.pk}/start/'] button")
    assert_no_error(page)
    campaign.refresh_from_db()
    assert campaign.status == "self_assessment"
    return campaign


def self_assess(unit_page, campaign, tmp_path):
    sign_in(unit_page, "bumen")
    to_campaigns(unit_page)
    from integrity.core.models import User

    organisation = User.objects.get(username="bumen").organisation
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=organisation)
    click_and_wait(unit_page, f"a[href='/admin/assessment/units/{unit.pk}/']")
    assert "不合格" not in unit_page.content()
    evidence = tmp_path / "制度文件.pdf"
    evidence.write_bytes(PDF)
    row = unit_page.locator("tr[data-code='1.1']")
    row.locator("input[name=self_score]").fill("6")
    row.locator("input[name=evidence]").fill("制度文件已印发")
    row.locator("input[type=file]").set_input_files(str(evidence))
    with unit_page.expect_navigation():
        row.locator("button").click()
    assert_no_error(unit_page)
    click_and_wait(unit_page, "button.submit-self")
    assert_no_error(unit_page)
    score = Score.objects.get(unit=unit, indicator__code="1.1")
    assert score.self_score == 6 and score.evidence_file
    return unit


def review_and_show_provisional(page, campaign, unit):
    page.goto(page.base_url + "/admin/")
    to_campaigns(page)
    click_and_wait(page, f"a[href='/admin/assessment/{campaign.pk}/']")
    click_and_wait(page, f"button[formaction='/admin/assessment/{campaign.pk}/step/review/']")
    click_and_wait(page, f"a[href='/admin/assessment/units/{unit.pk}/']")
    row = page.locator("tr[data-code='1.1']")
    row.locator("input[name=value]").fill("5")
    row.locator("input[name=reason]").fill("制度未覆盖全部科室，扣1分")
    with page.expect_navigation():
        row.locator("button").click()
    assert_no_error(page)
    page.goto(page.base_url + f"/admin/assessment/{campaign.pk}/")
    click_and_wait(page, f"button[formaction='/admin/assessment/{campaign.pk}/step/provisional/']")
    assert_no_error(page)


def finalise_and_publish(page, campaign):
    page.goto(page.base_url + "/admin/")
    to_campaigns(page)
    click_and_wait(page, f"a[href='/admin/assessment/{campaign.pk}/']")
    answer = page.locator("form[action*='/answer/']").first
    answer.locator("textarea").fill("经复核，扣分依据充分，维持原评分。")
    with page.expect_navigation():
        answer.locator("button").click()
    click_and_wait(page, f"button[formaction='/admin/assessment/{campaign.pk}/step/finalise/']")
    assert_no_error(page)
    click_and_wait(page, f"button[formaction='/admin/assessment/{campaign.pk}/step/publish/']")
    assert_no_error(page)
    campaign.refresh_from_db()
    assert campaign.status == "published"
    # the 通报 as a long job: requested from the campaign page, it ends with a download link
    click_and_wait(page, "button[name=kind][value=bulletin]")
    job = page.locator("li[data-report-job]").first
    expect(job).to_contain_text("已生成")
    with page.expect_download() as download:
        job.locator("a").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_assessment_office_runs_a_whole_year(page, browser, tmp_path):
    campaign = open_and_start_2027(page)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    unit_page = context.new_page()
    unit_page.base_url = page.base_url
    unit = self_assess(unit_page, campaign, tmp_path)
    review_and_show_provisional(page, campaign, unit)

    unit_page.goto(page.base_url + f"/admin/assessment/units/{unit.pk}/")
    assert "制度未覆盖全部科室" in unit_page.content()  # the reason of the change
    unit_page.fill("textarea[name=text]", "本单位制度已覆盖全部科室，请复核第1.1项。")
    click_and_wait(unit_page, "button.submit-objection")
    assert_no_error(unit_page)
    context.close()

    finalise_and_publish(page, campaign)
    page.goto(page.base_url + reverse("assessment:results"))
    click_and_wait(page, f"a[href='{reverse('assessment:ranking', args=[campaign.pk])}']")
    html = page.content()
    unit.refresh_from_db()
    assert unit.organisation.name in html and unit.grade and unit.grade in html
    assert page.locator("table tbody tr").count() >= campaign.units.count()
    assert "method-summary" in html
    click_and_wait(page, f"a[href='{reverse('assessment:method', args=[campaign.pk])}']")
    shown = {
        row.get_attribute("data-code"): row.get_attribute("data-points")
        for row in page.locator("tr[data-code]").all()
    }
    scheme = {i.code: str(i.points) for i in Indicator.objects.filter(scheme=campaign.scheme)}
    assert shown == scheme
    assert shown["1.1"] == "6.00" and shown["1.2"] == "4.00"
