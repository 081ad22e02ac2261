import re
import subprocess
from decimal import Decimal

import pytest

from django.urls import reverse

from assessment import reports
from assessment.models import CampaignUnit, ReportJob
from tests.formulas import PAYLOADS, assert_neutralised, xlsx_cells, xlsx_types

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    line = next(row for row in fonts.splitlines() if "MicroHei" in row or "Bousung" in row)
    assert " yes yes " in line  # embedded (subset): no system Chinese font needed
    render = subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], capture_output=True
    )
    assert render.returncode == 0 and list(tmp_path.glob("p*.png"))
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_the_score_sheet_renders_chinese_with_the_embedded_font(
    published_campaign, county, tmp_path
):
    unit = CampaignUnit.objects.get(campaign=published_campaign, organisation=county)
    content = pdf_text(reports.score_sheet_pdf(unit), tmp_path)
    assert "北塘县" in content and "得分表" in content and "制度建设" in content


def test_the_bulletin_ranks_by_peer_group(published_campaign, tmp_path):
    content = pdf_text(reports.bulletin_pdf(published_campaign), tmp_path)
    assert "通报" in content and "县（市、区）" in content and "澜江市住房和城乡建设局" in content


def test_the_excel_has_every_unit_and_leaf(published_campaign):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(reports.scores_xlsx(published_campaign))).active
    assert sheet.max_row == 4 and "1.2 失信记录扣分" in [c.value for c in sheet[1]]


def test_the_assessor_requests_a_report_and_downloads_it(
    client,
    published_campaign,
    assessor,
    other_county_operator,
    django_capture_on_commit_callbacks,
):
    client.force_login(assessor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assessment_admin:report", args=[published_campaign.pk]), {"kind": "sheets"}
        )
    job = ReportJob.objects.get()
    assert job.progress == 100 and job.file.name.endswith(".zip")
    url = reverse("assessment_admin:download", args=[job.pk])
    assert client.get(url).status_code == 200
    client.force_login(other_county_operator)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_another_organisation_or_anonymous_cannot_request_reports(
    client, published_campaign, other_county_operator
):
    url = reverse("assessment_admin:report", args=[published_campaign.pk])
    assert client.post(url, {"kind": "excel"}).status_code == 302  # to login
    client.force_login(other_county_operator)
    assert client.post(url, {"kind": "excel"}).status_code == 404
    assert not ReportJob.objects.exists()


def test_the_excel_report_neutralises_names_and_keeps_negative_numbers(
    client, published_campaign, assessor, django_capture_on_commit_callbacks
):
    from assessment.models import PeerGroup
    from integrity.core.models import Organisation

    units = list(published_campaign.units.order_by("id"))
    for unit, payload in zip(units, PAYLOADS, strict=False):
        Organisation.objects.filter(pk=unit.organisation_id).update(name=payload)
    groups = PeerGroup.objects.filter(pk__in=[u.peer_group_id for u in units]).order_by("id")
    used = list(PAYLOADS[: len(units)])
    for group, payload in zip(groups, PAYLOADS[len(units) :], strict=False):
        PeerGroup.objects.filter(pk=group.pk).update(name=payload)
        used.append(payload)
    CampaignUnit.objects.filter(pk=units[0].pk).update(deductions=Decimal("-2.50"))
    client.force_login(assessor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assessment_admin:report", args=[published_campaign.pk]), {"kind": "excel"}
        )
    job = ReportJob.objects.get()
    response = client.get(reverse("assessment_admin:download", args=[job.pk]))
    content = b"".join(response.streaming_content)

    rows = xlsx_cells(content)
    assert_neutralised(rows[1:], payloads=used)
    assert "f" not in xlsx_types(content)
    deductions = rows[0].index("扣分")
    assert rows[1][deductions] == -2.5


def test_a_report_file_is_an_attachment_for_its_campaign_and_404_for_anyone_else(
    client, published_campaign, assessor, other_county_operator
):
    from assessment.services.reports import report_generate

    job = report_generate(job=ReportJob.objects.create(campaign=published_campaign, kind="excel"))
    url = reverse("assessment:report_file", args=[job.pk])
    assert client.get(url).status_code == 404
    client.force_login(other_county_operator)
    assert client.get(url).status_code == 404
    client.force_login(assessor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert re.fullmatch(r"assessment/reports/\d{4}/[0-9a-f]{32}\.xlsx", job.file.name)


def test_the_bulletin_is_an_official_document_with_last_years_totals(published_campaign, tmp_path):
    """GB/T 9704: red issuer flag, 文号, title, body, 落款 and date; the shipped Song face."""
    import os
    from pathlib import Path

    content = reports.bulletin_pdf(published_campaign)
    if os.environ.get("ASSESS_PDF_DIR"):
        (Path(os.environ["ASSESS_PDF_DIR"]) / "tongbao.pdf").write_bytes(content)
    words = pdf_text(content, tmp_path)
    assert "澜江市文件" in words and "诚考〔" in words
    assert "关于2025年度政务诚信考核结果的通报" in words.replace("\n", "")
    assert "附件" in words and "2024年度总分" in words and "— 1 —" in words
    path = tmp_path / "out.pdf"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert any("Bousung" in row and " yes yes " in row for row in fonts.splitlines())


def test_a_vetoed_units_score_sheet_says_one_vote_veto(campaign, assessor, county, tmp_path):
    from assessment import services
    from assessment.models import Score

    services.campaign_start_review(campaign=campaign, by=assessor)
    veto = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="V"
    )
    services.score_review(score=veto, by=assessor, value=Decimal(1), reason="重大失信", version=1)
    services.campaign_publish_provisional(campaign=campaign, by=assessor)
    unit = CampaignUnit.objects.get(campaign=campaign, organisation=county)
    words = pdf_text(reports.score_sheet_pdf(unit), tmp_path).replace("\n", "")
    assert "一票否决" in words and "不合格" in words


def test_a_running_report_shows_its_progress_and_ends_with_a_message_and_a_link(
    client, published_campaign, assessor, other_county_operator
):
    from assessment.services.reports import report_generate

    job = ReportJob.objects.create(campaign=published_campaign, kind="excel", progress=40)
    status_url = reverse("assessment_admin:report_status", args=[job.pk])
    dashboard = reverse("assessment_admin:campaign", args=[published_campaign.pk])
    client.force_login(assessor)
    assert client.get(status_url).json() == {"status": "running", "percent": 40, "download_url": ""}
    page = client.get(dashboard).content.decode()
    assert 'data-running="true"' in page and "生成中" in page and "core/js/job-progress.js" in page

    report_generate(job=job)
    download = reverse("assessment_admin:download", args=[job.pk])
    answer = client.get(status_url).json()
    assert answer == {"status": "done", "percent": 100, "download_url": download}
    page = client.get(dashboard).content.decode()
    assert 'data-running="true"' not in page and "已生成" in page and download in page

    ReportJob.objects.filter(pk=job.pk).update(error="boom")
    assert client.get(status_url).json()["status"] == "failed"
    assert "报告生成失败" in client.get(dashboard).content.decode()

    client.force_login(other_county_operator)
    assert client.get(status_url).status_code == 404
    client.logout()
    assert client.get(status_url).status_code == 302
