import io

import pytest
from openpyxl import load_workbook

from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import services
from assessment.scheme_io import scheme_export_xlsx, scheme_import_xlsx

pytestmark = pytest.mark.django_db


def tree(scheme):
    return sorted(
        scheme.indicators.values_list(
            "code", "parent__code", "name", "points", "method", "per_item", "cap"
        )
    )


def test_a_scheme_survives_export_and_import(scheme, assessor, city):
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    assert scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor) == 7
    assert tree(target) == tree(scheme)
    assert services.scheme_problems(target) == []


def test_a_bad_line_is_named_and_nothing_is_imported(scheme, assessor, city):
    book = load_workbook(io.BytesIO(scheme_export_xlsx(scheme)))
    book["指标"]["E3"] = "瞎写"
    buffer = io.BytesIO()
    book.save(buffer)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    with pytest.raises(ValidationError, match="第3行"):
        scheme_import_xlsx(scheme=target, content=buffer.getvalue(), by=assessor)


def test_importing_into_a_frozen_scheme_is_refused(campaign, assessor):
    with pytest.raises(ValidationError, match="冻结"):
        scheme_import_xlsx(scheme=campaign.scheme, content=b"", by=assessor)


def test_the_assessor_downloads_and_uploads_the_workbook(client, scheme, assessor, city):
    client.force_login(assessor)
    response = client.get(reverse("assessment_admin:scheme_xlsx", args=[scheme.pk]))
    assert response.status_code == 200
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    upload = io.BytesIO(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    upload.name = "scheme.xlsx"
    client.post(reverse("assessment_admin:scheme_import", args=[target.pk]), {"file": upload})
    assert tree(target) == tree(scheme)


def test_another_organisation_and_anonymous_cannot_use_the_workbook(
    client, scheme, other_county_operator
):
    urls = [
        reverse("assessment_admin:scheme_xlsx", args=[scheme.pk]),
        reverse("assessment_admin:scheme_import", args=[scheme.pk]),
    ]
    for url in urls:
        assert "/login/" in client.get(url).url
    client.force_login(other_county_operator)
    for url in urls:
        assert client.get(url).status_code == 404


def test_a_workbook_over_the_row_limit_is_refused_and_nothing_changes(
    scheme, assessor, city, settings
):
    settings.IMPORT_MAX_ROWS = 3
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    with pytest.raises(ValidationError, match="一次最多导入 3 行"):
        scheme_import_xlsx(scheme=target, content=scheme_export_xlsx(scheme), by=assessor)
    assert not target.indicators.exists()


def test_an_upload_that_is_not_a_workbook_is_refused_in_chinese(client, scheme, assessor, city):
    client.force_login(assessor)
    target = services.scheme_create(organisation=city, year=2030, name="导入", by=assessor)
    fake = io.BytesIO(b"%PDF-1.4\n<html><script>x()</script>")
    fake.name = "scheme.xlsx"
    url = reverse("assessment_admin:scheme_import", args=[target.pk])
    response = client.post(url, {"file": fake}, follow=True)
    assert "网页代码" in response.content.decode()
    assert not target.indicators.exists()
