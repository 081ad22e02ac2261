"""A citizen finds an overdue township commitment, reports it and follows the case."""

import re

import pytest

from commitments.models import Commitment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _overdue_township_commitment() -> Commitment:
    return (
        Commitment.objects.published()
        .overdue()
        .filter(organisation__level="township")
        .select_related("organisation")
        .order_by("deadline", "pk")
        .first()
    )


def test_a_citizen_finds_an_overdue_commitment_reports_it_and_looks_the_case_up(page):
    commitment = _overdue_township_commitment()
    assert commitment is not None, "the demo has an overdue township commitment"
    words = commitment.title[:4]
    page.goto(page.base_url + "/")
    page.goto(page.base_url + "/search/")
    page.fill("#search-q", words)
    page.locator("form.search-form [type=submit]").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=commitment.title).first.click()
    page.wait_for_url(re.compile(rf"/commitments/{commitment.pk}/$"))
    assert commitment.organisation.name in page.content()

    page.goto(page.base_url + "/report/")
    page.select_option("#id_organisation", label=commitment.organisation.name)
    page.select_option("#id_commitment", value=str(commitment.pk))
    page.select_option("#id_topic", index=1)
    page.fill("#id_title", "承诺逾期未兑现")
    page.fill("#id_text", "该承诺已超过完成时限，现场仍未见进展，请核实。")
    page.check("#id_anonymous")
    page.fill("#id_captcha_1", "PASSED")  # CAPTCHA_TEST_MODE in the test settings
    page.locator("form [type=submit]").last.click()
    number = page.locator(".tracking-number").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,20}", number)

    page.goto(page.base_url + "/report/track/")
    page.fill("#id_tracking_number", number)
    page.fill("#id_captcha_1", "PASSED")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    assert number in page.content()
    assert "承诺逾期未兑现" in page.content()
