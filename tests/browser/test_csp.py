"""Under the Content-Security-Policy the browser refuses nothing, and the scripts still work.

Chromium reports every refusal in the console ("Refused to execute inline script because
it violates the following Content Security Policy directive ..."). The portal, the
citizen's report form, the API docs (Swagger UI), the back office, a page editor (its
date picker and live preview) and the import progress page (it polls and reloads) are
used with the console watched.
"""

import re

import pytest
from playwright.sync_api import expect

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Demo@2026zw"


def watch_csp(page) -> list[str]:
    """Collects the browser's CSP refusals, and every page served without the policy."""
    refusals: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            refusals.append(f"{page.url}: {message.text}")

    def on_response(response):
        if response.request.resource_type == "document" and response.status == 200:
            policy = response.headers.get("content-security-policy", "")
            if "script-src 'self';" not in policy + ";":
                refusals.append(f"{response.url}: served without the policy")

    page.on("console", on_console)
    page.on("response", on_response)
    return refusals


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def use_the_portal(page) -> None:
    page.goto(page.base_url + "/")
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + "/report/")
    expect(page.locator("main form")).to_be_visible()
    page.goto(page.base_url + "/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API")


def use_the_page_editor(page) -> None:
    from portal.models import NewsPage

    news = NewsPage.objects.live().first()
    page.goto(page.base_url + f"/admin/pages/{news.pk}/edit/")
    page.locator("#id_date").click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("[data-side-panel-toggle=preview]").first.click()
    frame = page.frame_locator("[data-w-preview-target=iframe]").first
    expect(frame.locator("h1").first).to_contain_text(news.title)


def follow_an_import(page) -> None:
    from commitments.models import ImportJob
    from integrity.core.models import User

    operator = User.objects.get(username="jingban")
    job = ImportJob.objects.create(
        user=operator,
        organisation=operator.organisation,
        file=SimpleUploadedFile("清单.csv", "名称\n".encode()),
        status="running",
        total_rows=10,
    )
    sign_in(page, "jingban")
    page.goto(page.base_url + reverse("commitments_admin_import_job", args=[job.pk]))
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=4, created_rows=3)
    expect(page.locator('[data-field="created"]')).to_have_text("3")
    assert page.locator("[data-progress]").evaluate("bar => bar.value") == 40
    ImportJob.objects.filter(pk=job.pk).update(status="done", processed_rows=10)
    expect(page.locator("#import-job")).to_have_attribute("data-running", "false")


def test_the_browser_refuses_nothing_and_the_scripts_still_work(page, browser):
    refusals = watch_csp(page)
    use_the_portal(page)
    sign_in(page, "admin")
    page.goto(page.base_url + "/admin/")
    expect(page.locator("#wagtail-sidebar")).to_be_attached()
    use_the_page_editor(page)
    use_the_portal(page)  # now with the Wagtail userbar

    operator = browser.new_context(viewport={"width": 1280, "height": 900})
    operator_page = operator.new_page()
    operator_page.base_url = page.base_url
    refusals += watch_csp(operator_page)
    follow_an_import(operator_page)
    operator.close()
    assert refusals == [], "\n".join(refusals)
