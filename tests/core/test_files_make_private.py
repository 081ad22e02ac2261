"""files_make_private: uploads left under MEDIA_ROOT by older versions move to private storage."""

from io import StringIO

import pytest

from django.core.management import call_command

from commitments.models import ImportJob

pytestmark = pytest.mark.django_db


def test_an_old_public_upload_is_moved_into_private_storage_once(
    operator, township, settings, tmp_path
):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    old = settings.MEDIA_ROOT / "commitments" / "imports" / "清单.csv"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"a,b\n")
    job = ImportJob(user=operator, organisation=township)
    job.file.name = "commitments/imports/清单.csv"
    job.save()
    out = StringIO()
    call_command("files_make_private", stdout=out)
    assert "moved 1 file" in out.getvalue()
    assert not old.exists()
    assert (settings.PRIVATE_MEDIA_ROOT / job.file.name).read_bytes() == b"a,b\n"
    call_command("files_make_private", stdout=out)
    assert "moved 0 file" in out.getvalue()
