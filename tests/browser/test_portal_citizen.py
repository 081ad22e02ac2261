"""Issue 16, must-hold 1 (1366 px): a citizen finds a commitment through the header
search, reports it with an attachment, receives the status update by e-mail and text
message, follows the unit's feed and subscribes to it by e-mail.

``citizen_journey`` is shared with the 360 px test (test_portal_phone.py).
"""

import re
import struct
import zlib

import pytest

from django.core import mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL, PHONE = "citizen-16@example.cn", "13612345678"


def tiny_png() -> bytes:
    """A valid 1×1 white PNG, made here (no file in the repository)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _township_commitment():
    from commitments.models import Commitment

    return (
        Commitment.objects.published()
        .filter(organisation__level="township")
        .select_related("organisation")
        .order_by("deadline", "pk")
        .first()
    )


def assert_fits(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def _search_from_the_header(page, commitment, *, phone: bool) -> None:
    page.goto(page.base_url + "/")
    assert_fits(page, page.viewport_size["width"])
    if phone:  # the menu folds away behind its button
        assert not page.locator("#main-nav").is_visible()
        page.click(".menu-toggle")
        assert page.locator("#main-nav").is_visible()
    page.fill("#header-q", commitment.title)
    page.locator(".header-search button").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert_fits(page, page.viewport_size["width"])
    page.locator(f"main a[href='/commitments/{commitment.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/commitments/{commitment.pk}/$"))
    assert_fits(page, page.viewport_size["width"])
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.locator("main").inner_text())


def _report(page, commitment, tmp_path) -> str:
    page.locator("a.report-this").first.click()
    page.wait_for_url(re.compile(r"/report/\?commitment="))
    assert_fits(page, page.viewport_size["width"])
    assert page.input_value("#id_commitment") == str(commitment.pk)
    offered = page.locator("#id_commitment option[value]:not([value=''])").count()
    from commitments.models import Commitment

    assert (
        offered
        == Commitment.objects.published().filter(organisation=commitment.organisation).count()
    )
    assert page.locator("label[for=id_title] + .required-mark").count() == 1
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(tiny_png())
    page.select_option("#id_topic", "promise")
    page.fill("#id_title", "承诺到期仍未兑现")
    page.fill("#id_text", "该承诺已超过完成时限，现场仍未见进展，请核实。")
    page.fill("#id_reporter_email", EMAIL)
    page.fill("#id_reporter_phone", PHONE)
    page.set_input_files("#id_attachments", str(photo))
    page.fill("#id_captcha_1", "PASSED")  # CAPTCHA_TEST_MODE in the test settings
    page.locator("main form [type=submit]").last.click()
    number = page.locator(".tracking-number").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,20}", number)
    return number


def _attachment_is_private(page, number: str) -> None:
    from django.conf import settings

    from integrity.records.models import ComplaintAttachment

    attachment = ComplaintAttachment.objects.get(complaint__tracking_number=number)
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    response = page.request.get(page.base_url + f"/files/reports/attachments/{attachment.pk}/")
    assert response.status in (302, 403, 404)
    assert b"PNG" not in response.body()


def _staff_answer(number: str) -> None:
    """The credit office routes the report and the unit answers (their own journey is
    tested in tests/browser/test_citizen_report.py and the records tests)."""
    from integrity.core.models import User
    from integrity.records import services
    from integrity.records.models import Complaint

    complaint = Complaint.objects.get(tracking_number=number)
    admin = User.objects.get(username="admin")
    services.complaint_route(complaint=complaint, by=admin)
    services.complaint_answer(complaint=complaint, by=admin, answer="已督促镇政府本月内完工。")


def _receive_the_update(page, number: str) -> None:
    from portal import sms
    from portal.notifications import reporter_updates_send

    mail.outbox.clear()
    sms.outbox.clear()
    reporter_updates_send()  # the beat task portal-reporter-updates
    _staff_answer(number)
    reporter_updates_send()
    mine = [m for m in mail.outbox if m.to == [EMAIL]]
    assert [number in m.subject for m in mine] == [True, True]
    assert "已督促镇政府本月内完工" in mine[-1].body
    assert [m.phone for m in sms.outbox if number in m.text] == [PHONE, PHONE]
    link = re.search(r"https?://\S+/report/track/\S+/", mine[-1].body).group()
    page.goto(page.base_url + re.sub(r"^https?://[^/]+", "", link))
    assert "已督促镇政府本月内完工" in page.content()
    assert_fits(page, page.viewport_size["width"])


def _follow_the_unit(page, commitment) -> None:
    unit = commitment.organisation
    page.goto(page.base_url + f"/commitments/{commitment.pk}/")
    page.locator(f"main a[href='/units/{unit.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/units/{unit.pk}/$"))
    assert_fits(page, page.viewport_size["width"])
    assert unit.name in page.locator("h1").inner_text()
    feed_url = page.locator(f"main a[href='/feeds/units/{unit.pk}/']").first.get_attribute("href")
    feed = page.request.get(page.base_url + feed_url)
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert commitment.title in feed.text()

    mail.outbox.clear()
    page.locator(f"main a[href='/subscribe/?unit={unit.pk}']").click()
    page.fill("#id_email", EMAIL)
    page.fill("#id_captcha_1", "PASSED")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    confirm = re.search(r"/subscribe/confirm/[\w-]+/", mail.outbox[-1].body).group()
    page.goto(page.base_url + confirm)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert "订阅已确认" in page.content()
    from portal.models import Subscription

    assert Subscription.objects.get(email=EMAIL, unit=unit).active


def citizen_journey(page, tmp_path, *, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 740})
    commitment = _township_commitment()
    assert commitment is not None, "the demo has a published township commitment"
    _search_from_the_header(page, commitment, phone=width < 640)
    number = _report(page, commitment, tmp_path)
    _attachment_is_private(page, number)
    _receive_the_update(page, number)
    _follow_the_unit(page, commitment)


def test_a_citizen_searches_reports_with_a_photo_is_told_the_answer_and_follows_the_unit(
    page, tmp_path
):
    citizen_journey(page, tmp_path, width=1366)
