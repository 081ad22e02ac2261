"""Record evidence, repair evidence and citizen attachments: scoped downloads only."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrity.records import services
from integrity.records.models import ComplaintAttachment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def evidence(make_record, credit_officer):
    return services.record_evidence_add(
        record=make_record(), by=credit_officer, file=SimpleUploadedFile("决定书.pdf", PDF)
    )


@pytest.fixture
def repair(make_record, credit_officer):
    record = make_record()
    record.min_end_date = record.determination_date
    return services.repair_apply(
        record=record,
        by=credit_officer,
        credit_commitment="承诺",
        performance="已履行",
        evidence=SimpleUploadedFile("凭证.pdf", PDF),
        on=record.determination_date.replace(year=record.determination_date.year + 3),
    )


@pytest.fixture
def attachment(township):
    complaint = services.complaint_submit(
        organisation=township,
        topic="promise",
        title="路灯未修",
        text="承诺的路灯至今未修。",
        attachments=[(SimpleUploadedFile("现场.png", PNG), "image/png")],
    )
    return ComplaintAttachment.objects.get(complaint=complaint)


def assert_served(response, content_type: str) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"


def test_record_evidence_is_downloaded_by_its_office_only(
    client, evidence, credit_officer, other_credit_officer
):
    url = reverse("records:evidence_file", args=[evidence.pk])
    assert client.get(url).status_code == 404
    client.force_login(other_credit_officer)
    assert client.get(url).status_code == 404
    client.force_login(credit_officer)
    assert_served(client.get(url), "application/pdf")


def test_repair_evidence_is_downloaded_by_its_office_only(
    client, repair, credit_officer, other_credit_officer
):
    url = reverse("records:repair_file", args=[repair.pk])
    assert client.get(url).status_code == 404
    client.force_login(other_credit_officer)
    assert client.get(url).status_code == 404
    client.force_login(credit_officer)
    assert_served(client.get(url), "application/pdf")


def test_a_citizen_attachment_is_seen_by_the_handling_unit_and_the_credit_office_only(
    client, attachment, operator, credit_officer, other_operator, other_credit_officer
):
    url = reverse("records:attachment_file", args=[attachment.pk])
    assert client.get(url).status_code == 404
    for outsider in (other_operator, other_credit_officer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (operator, credit_officer):
        client.force_login(insider)
        assert_served(client.get(url), "image/png")


def test_the_stored_name_is_random_and_the_download_name_says_nothing_personal(
    client, attachment, credit_officer
):
    assert "现场" not in attachment.file.name
    client.force_login(credit_officer)
    response = client.get(reverse("records:attachment_file", args=[attachment.pk]))
    assert "现场" not in response["Content-Disposition"]


def test_refused_evidence_writes_nothing(make_record, credit_officer, tmp_path):
    from django.core.exceptions import ValidationError

    from integrity.core.models import Event

    record = make_record()
    events = Event.objects.count()
    polyglot = SimpleUploadedFile("决定书.pdf", b"%PDF-1.4\n<html><script>x()</script>")
    with pytest.raises(ValidationError):
        services.record_evidence_add(record=record, by=credit_officer, file=polyglot)
    assert not record.evidence.exists() and Event.objects.count() == events
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
