"""Charts drawn by Chart.js from their data tables, and key pages on a 360 px phone."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _canvas_drawn(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => {
            const canvas = document.querySelector(sel);
            return !!(canvas && window.Chart && window.Chart.getChart(canvas));
        }""",
        selector,
    )


PHONE_PAGES = ["/", "/commitments/", "/records/", "/results/", "/report/", "/search/?q=停车"]


def _too_wide_on_a_phone(page) -> dict[str, int]:
    page.set_viewport_size({"width": 360, "height": 740})
    too_wide = {}
    for path in PHONE_PAGES:
        page.goto(page.base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = width
    page.set_viewport_size({"width": 1280, "height": 900})
    return too_wide


def test_key_pages_fit_a_phone_and_the_charts_are_drawn_from_their_data_tables(page):
    assert _too_wide_on_a_phone(page) == {}

    page.goto(page.base_url + "/")
    page.wait_for_selector("table[data-chart-ready]")
    assert _canvas_drawn(page, ".chart-canvas canvas")
    assert page.locator("table[data-chart] caption").first.is_visible()  # data stays readable

    page.goto(page.base_url + "/results/")
    page.locator("main a[href^='/results/']").first.click()
    page.wait_for_load_state()
    assert page.locator("table[data-chart]").count() >= 1  # the grade distribution
    page.wait_for_selector("table[data-chart-ready]")
    assert _canvas_drawn(page, ".chart-canvas canvas")
