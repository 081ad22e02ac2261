"""The walk: every stored file of the demo is private and reachable only as documented."""

import re
from io import StringIO
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.urls import reverse

# Our own fields get random names: <area>/<yyyy>/<uuid4 hex><ext>.
RANDOM_NAME = re.compile(r"^[a-z/]+/\d{4}/[0-9a-f]{32}\.[a-z0-9]+$")
# The back-office URL each kind of file is downloaded from (anonymous: 404).
PRIVATE_URLS = {
    "records.recordevidence": lambda o: [reverse("records:evidence_file", args=[o.pk])],
    "records.repairapplication": lambda o: [reverse("records:repair_file", args=[o.pk])],
    "records.complaintattachment": lambda o: [reverse("records:attachment_file", args=[o.pk])],
    "commitments.evidence": lambda o: [reverse("commitments:evidence_file", args=[o.pk])],
    "assessment.reportjob": lambda o: [reverse("assessment:report_file", args=[o.pk])],
    "wagtailimages.image": lambda o: [],  # no URL: only renditions are shown
}
# Published on the portal on purpose (documented in docs/architecture.md): served to
# anyone, but only as an attachment of a safe type.
PUBLIC_URLS = {
    "monitoring.monitoringreport": lambda o: reverse("monitoring:pdf", args=[o.slug]),
    "wagtaildocs.document": lambda o: o.url,
}
OWN_APPS = {"records", "commitments", "assessment", "monitoring"}


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def _stored_files():
    for model, field in _file_fields():
        if model._meta.label_lower == "wagtailimages.rendition":
            continue  # public storage by design: resized pictures editors published
        for obj in model._default_manager.exclude(**{field.name: ""}).order_by("pk"):
            yield model._meta.label_lower, obj, getattr(obj, field.name)


def _assert_private_location(fieldfile) -> None:
    path = Path(fieldfile.path).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    for public_root in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not path.is_relative_to(Path(public_root).resolve())


def _assert_safe_attachment(response) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] in ("application/pdf",)
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=StringIO())


def test_every_file_of_the_demo_is_private_and_not_fetchable_anonymously(demo, client):
    """One walk (loading the demo takes minutes): location, name, no URL, anonymous GETs."""
    kinds = set()
    for label, obj, fieldfile in _stored_files():
        kinds.add(label)
        _assert_private_location(fieldfile)
        with pytest.raises(NotImplementedError):
            fieldfile.url  # noqa: B018 -- a private file has no public URL
        if obj._meta.app_label in OWN_APPS:
            assert RANDOM_NAME.match(fieldfile.name), fieldfile.name
        assert client.get(settings.MEDIA_URL + fieldfile.name).status_code == 404
        if label in PUBLIC_URLS:
            _assert_safe_attachment(client.get(PUBLIC_URLS[label](obj)))
            continue
        for url in PRIVATE_URLS[label](obj):
            assert client.get(url).status_code == 404, url
    assert kinds == set(PRIVATE_URLS) | set(PUBLIC_URLS)
    _assert_the_admin_report_link_sends_anonymous_visitors_to_the_login(client)


def _assert_the_admin_report_link_sends_anonymous_visitors_to_the_login(client) -> None:
    from assessment.models import ReportJob

    job = ReportJob.objects.exclude(file="").get()
    response = client.get(reverse("assessment_admin:download", args=[job.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
