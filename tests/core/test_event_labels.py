"""Every event type has a human label, shown in Chinese; unknown codes fall back to the code.

The event types are collected from the code, not listed here: the ``EventType`` classes
of the apps, and every ``type=`` that ``record_event`` (or a bulk insert of events) is
called with anywhere in the apps — a constant resolved in its module, or a string
literal. A new type without a label therefore fails this test.
"""

import ast
import importlib
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from integrity.core.events import event_label, record_event, register_event_labels
from integrity.core.models import events as event_models
from integrity.core.models.events import registered_event_types
from tests.factories import SysadminFactory

ROOT = Path(settings.BASE_DIR)
APP_DIRS = ("integrity", "commitments", "assessment", "portal", "cms")
EVENT_TYPE_MODULES = (
    "commitments.services",
    "commitments.proposals.services",
    "integrity.records.services",
    "integrity.core.services",
    "assessment.events",
    "portal.monitoring.services",
)


def _codes_of(cls) -> set[str]:
    return {
        str(value)
        for name, value in vars(cls).items()
        if name.isupper() and isinstance(value, str) and "." in value
    }


def declared_event_types() -> set[str]:
    """The values of every ``EventType`` class of the apps."""
    codes: set[str] = set()
    for name in EVENT_TYPE_MODULES:
        codes |= _codes_of(importlib.import_module(name).EventType)
    return codes


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _resolve(node: ast.expr, module) -> str | None:
    """The string a ``type=`` argument stands for, if it can be known without running."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        value = getattr(module(), node.id, None)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        value = getattr(getattr(module(), node.value.id, None), node.attr, None)
    else:
        return None
    return str(value) if isinstance(value, str) else None


def _python_files():
    for app in APP_DIRS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and "settings" not in path.parts:
                yield path


def written_event_types() -> set[str]:
    """Every event type the apps pass as ``type=`` to ``record_event``, ``Event(...)``
    or a bulk insert of events (``insert_dicts(Event, ..., type=...)``)."""
    codes: set[str] = set()
    for path in _python_files():
        source = path.read_text(encoding="utf-8")
        if "record_event(" not in source and "Event" not in source:
            continue

        def module(path=path):
            return importlib.import_module(_module_name(path))

        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            writes_event = name in ("record_event", "Event") or (
                name == "insert_dicts" and node.args and getattr(node.args[0], "id", "") == "Event"
            )
            if not writes_event:
                continue
            for keyword in node.keywords:
                if keyword.arg == "type":
                    code = _resolve(keyword.value, module)
                    if code is not None and "." in code:
                        codes.add(code)
    return codes


def test_the_collectors_find_the_event_types_of_every_app():
    declared, written = declared_event_types(), written_event_types()
    prefixes = {code.split(".")[0] for code in declared | written}
    assert {"commitment", "proposals", "record", "complaint", "official", "organisation"} <= (
        prefixes
    )
    assert {"assessment", "calendar", "user", "monitoring", "records"} <= prefixes
    # constants outside the classes and plain strings in views are found too
    assert {"commitment.obligation_paid", "records.rule_saved", "official.updated"} <= written
    assert len(declared | written) >= 90


def test_every_event_type_has_a_label():
    missing = sorted((declared_event_types() | written_event_types()) - registered_event_types())
    assert missing == []


def test_labels_are_chinese_by_default_and_english_on_request():
    assert event_label("commitment.published") == "公开发布"
    assert event_label("commitment.change_approved") == "变更申请已批准"
    assert event_label("proposals.reply_sent") == "答复已发送"
    assert event_label("assessment.score_changed") == "评分已修改"
    with translation.override("en"):
        assert event_label("commitment.published") == "Published"


def test_every_label_is_translated_into_chinese():
    untranslated = [
        code
        for code in sorted(registered_event_types())
        if not any("\u4e00" <= ch <= "\u9fff" for ch in event_label(code))
    ]
    assert untranslated == []


def test_an_unknown_code_falls_back_to_the_code_itself():
    assert event_label("nobody.knows_this") == "nobody.knows_this"


def test_a_registered_label_can_be_added_and_is_used_by_the_event(db, township, monkeypatch):
    monkeypatch.setattr(event_models, "_LABELS", dict(event_models._LABELS))
    register_event_labels({"test.labelled": "测试标签"})
    event = record_event(type="test.labelled", obj=township)
    assert event.label == "测试标签"
    assert event.get_type_display() == "测试标签"
    assert "测试标签" in str(event)
    unknown = record_event(type="test.unlabelled", obj=township)
    assert unknown.label == "test.unlabelled"


def test_the_event_log_in_the_back_office_shows_labels(client, township):
    event = record_event(type="organisation.moved", obj=township)
    client.force_login(SysadminFactory())
    listing = client.get(reverse("event:index")).text
    assert "调整上级机构" in listing and "organisation.moved" not in listing
    inspect = client.get(reverse("event:inspect", args=[event.pk])).text
    assert "调整上级机构" in inspect and "organisation.moved" not in inspect
