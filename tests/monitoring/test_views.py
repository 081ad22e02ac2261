"""The public monitoring pages and PDF, for anyone."""

import shutil
import subprocess

import pytest

from portal.monitoring.services import monitoring_build
from tests.factories import UserFactory
from tests.monitoring.conftest import OCTOBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(october_data):
    return monitoring_build(month=OCTOBER)


def test_anonymous_visitors_see_the_latest_report_with_charts_and_tables(client, report, county):
    body = client.get("/monitoring/").content.decode()

    assert "<svg" in body and "<table" in body
    assert county.name in body
    assert "/monitoring/2026-10/report.pdf" in body


def test_the_month_page_has_a_data_table_beside_each_chart(client, report):
    response = client.get("/monitoring/2026-10/")
    body = response.content.decode()

    assert response.status_code == 200
    assert body.count('class="chart-with-table"') == body.count("<svg")
    assert body.count("<svg") == 4


def test_an_unknown_month_is_not_found(client, report):
    assert client.get("/monitoring/2026-09/").status_code == 404
    assert client.get("/monitoring/2026-13/").status_code == 404


def test_the_pdf_downloads_and_renders(client, report, tmp_path):
    response = client.get("/monitoring/2026-10/report.pdf")
    content = b"".join(response.streaming_content)

    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-")
    if shutil.which("pdftoppm"):
        (tmp_path / "r.pdf").write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", str(tmp_path / "r.pdf"), str(tmp_path / "p")],
            check=True,
        )
        assert list(tmp_path.glob("p*.png"))


def test_a_user_of_another_organisation_sees_the_same_public_page(
    client, report, quiet_county, county
):
    client.force_login(UserFactory(organisation=quiet_county, role="operator"))
    body = client.get("/monitoring/2026-10/").content.decode()

    assert county.name in body
    assert client.get("/monitoring/2026-10/report.pdf").status_code == 200


def test_the_public_api_lists_reports(client, report):
    rows = client.get("/api/v1/public/monitoring-reports/").json()["results"]

    assert [r["month"] for r in rows] == ["2026-10"]
    assert rows[0]["totals"]["overdue_commitments"] == 2


def test_a_user_of_another_organisation_gets_the_same_public_api(client, report, quiet_county):
    anonymous = client.get("/api/v1/public/monitoring-reports/").json()
    client.force_login(UserFactory(organisation=quiet_county, role="operator"))

    assert client.get("/api/v1/public/monitoring-reports/").json() == anonymous


def test_the_published_pdf_is_an_attachment_from_private_storage(client, report, settings):
    response = client.get("/monitoring/2026-10/report.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not report.pdf.path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + report.pdf.name).status_code == 404
