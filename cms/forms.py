"""Wagtail document and image forms that apply the project's one upload check.

Named by ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``: an
editor's upload is accepted only when its bytes match its extension and hold no markup.
"""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from integrity.core.uploads import DOCUMENT, IMAGE, UploadKind, check_upload


def _checked(value, kind: UploadKind):
    if isinstance(value, UploadedFile):  # an unchanged file on edit is not re-checked
        check_upload(value, kind=kind)
    return value


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        return _checked(self.cleaned_data.get("file"), DOCUMENT)


class CheckedImageField(WagtailImageField):
    """Checks the bytes before Wagtail opens the picture (a bad GIF made Willow raise)."""

    def to_python(self, data):
        return super().to_python(_checked(data, IMAGE))


class CheckedImageForm(BaseImageForm):
    # Wagtail's own FileInput (Meta.widgets does not reach a declared field): the default
    # ClearableFileInput asks the private storage for the file's URL, which it has none of.
    file = CheckedImageField(label=_("File"), widget=BaseImageForm.Meta.widgets["file"])
