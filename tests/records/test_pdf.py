import datetime
import shutil
import subprocess

import pytest

from integrity.records import pdf, services

pytestmark = pytest.mark.django_db


def test_the_record_notice_embeds_the_chinese_font(make_record):
    data = pdf.record_notice_pdf(make_record(status="notified"))
    assert data.startswith(b"%PDF")
    assert b"FontFile2" in data and b"WenQuanYi" in data


def test_the_repair_decision_is_a_pdf(make_record, credit_officer):
    record = make_record(day=datetime.date(2025, 1, 1))
    application = services.repair_apply(
        record=record, by=credit_officer, credit_commitment="承诺", performance="已履行"
    )
    services.repair_approve(application=application, by=credit_officer, decision="同意")
    assert pdf.repair_decision_pdf(application).startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_chinese_text_renders_as_ink(make_record, tmp_path):
    target = tmp_path / "notice.pdf"
    target.write_bytes(pdf.record_notice_pdf(make_record(status="notified")))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target), str(tmp_path / "page")],
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:128])  # pixels darker than mid-grey
    assert dark > 500
