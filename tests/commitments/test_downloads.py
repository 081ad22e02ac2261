"""Progress evidence: downloaded by the unit (and the units above it) only."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments import services
from commitments.models import Evidence, ProgressUpdate
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def test_evidence_is_served_to_its_unit_and_404_to_others(
    client, operator, other_operator, township
):
    commitment = PublishedCommitmentFactory(organisation=township)
    services.progress_add(
        commitment=commitment,
        by=operator,
        text="完工",
        files=[SimpleUploadedFile("照片.jpg", JPEG)],
    )
    url = reverse("commitments:evidence_file", args=[Evidence.objects.get().pk])
    assert client.get(url).status_code == 404
    client.force_login(other_operator)
    assert client.get(url).status_code == 404
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_disguised_evidence_file_refuses_the_whole_progress_report(operator, township, tmp_path):
    commitment = PublishedCommitmentFactory(organisation=township)
    svg = SimpleUploadedFile("照片.gif", b"GIF89a<svg onload='alert(1)'/>")
    with pytest.raises(ValidationError) as error:
        services.progress_add(commitment=commitment, by=operator, text="完工", files=[svg])
    assert "网页代码" in " ".join(error.value.messages)
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
