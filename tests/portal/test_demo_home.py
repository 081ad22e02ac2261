"""The demo replaces Wagtail's placeholder home page without a history row in English."""

import pytest

from wagtail.models import Page, PageLogEntry

from portal.demo import _home

pytestmark = pytest.mark.django_db


def test_the_placeholder_goes_without_a_history_row():
    assert Page.objects.filter(depth=2, title__startswith="Welcome").exists()
    home = _home()
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert not PageLogEntry.objects.filter(label__startswith="Welcome").exists()
    assert Page.get_first_root_node().get_children().get().pk == home.pk
    assert Page.get_first_root_node().numchild == 1
    assert Page.get_first_root_node().title == "根目录"  # not Wagtail's "Root"
