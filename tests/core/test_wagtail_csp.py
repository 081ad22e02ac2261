"""Wagtail's widgets start from JSON blocks, not inline script (integrity/core/wagtail_csp.py)."""

import json
import re

import pytest

from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminPageChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

from integrity.core.wagtail_csp import deferred_init

BLOCK = re.compile(r'<script type="application/json" data-integrity-init>(.*?)</script>', re.S)


def only_block(html: str) -> dict:
    assert re.findall(r"<script(?![^>]*application/json)", html) == []
    (payload,) = BLOCK.findall(html)
    return json.loads(payload)


@pytest.mark.django_db
def test_a_page_chooser_is_started_by_a_json_block():
    html = AdminPageChooser().render("page", None, {"id": "id_page"})
    init = only_block(html)
    assert init["new"] == "PageChooser"
    assert init["args"][0] == "id_page" and "modalUrl" in init["args"][1]


@pytest.mark.django_db
def test_the_task_chooser_keeps_its_own_start_up_function():
    html = AdminTaskChooser().render("task", None, {"id": "id_task"})
    assert only_block(html) == {"call": "createTaskChooser", "args": ["id_task"]}


@pytest.mark.parametrize(
    ("widget", "function"),
    [(AdminDateInput, "initDateChooser"), (AdminDateTimeInput, "initDateTimeChooser")],
)
def test_date_pickers_are_started_by_a_json_block(widget, function):
    html = widget().render("day", None, {"id": "id_day"})
    init = only_block(html)
    assert init["call"] == function and init["args"][0] == "id_day"


def test_a_value_cannot_close_the_json_block():
    html = deferred_init("call", "initDateChooser", "</script><script>alert(1)</script>")
    assert html.count("</script>") == 1
    assert only_block(html)["args"] == ["</script><script>alert(1)</script>"]


def test_only_new_or_call_are_accepted():
    with pytest.raises(ValueError):
        deferred_init("eval", "alert")
