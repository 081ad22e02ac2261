"""Issue 16, must-hold 1 at 360 px: the citizen's journey on a phone (menu behind its
button, header search, tables as cards, no page wider than the screen)."""

import pytest

from tests.browser.test_portal_citizen import assert_fits, citizen_journey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    "/units/",
    "/reports/answered/",
    "/site-map/",
    "/privacy/",
    "/records/",
    "/replies/",
    "/results/",
    "/policies/",
]


def test_the_citizen_journey_and_the_new_pages_fit_a_360_px_phone(page, tmp_path):
    citizen_journey(page, tmp_path, width=360)
    from integrity.core.models import Organisation

    township = Organisation.objects.filter(level="township").order_by("pk").first()
    for path in [*PAGES, f"/units/{township.pk}/", f"/units/{township.pk}/board/"]:
        page.goto(page.base_url + path)
        assert_fits(page, 360)
    page.goto(page.base_url + f"/units/{township.pk}/")
    cards = page.locator("main table.cards")
    assert cards.count() >= 1
    assert cards.first.locator("td[data-label]").count() >= 1
