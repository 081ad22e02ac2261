"""Every event type belongs to one app's ``EventType`` and has a label, shown in Chinese.

Each Django app that records events has one ``<app>/events.py`` with one
``EventType(models.TextChoices)``. The event types written are collected from the code:
every ``type=`` that ``record_event`` (or a bulk insert of events) is called with anywhere
in the apps — a constant resolved in its module, or a string literal. A new type that no
``EventType`` declares therefore fails this test.
"""

import ast
import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from integrity.core.events import event_label, record_event, register_event_labels
from integrity.core.models import events as event_models
from integrity.core.models.events import registered_event_types
from tests.factories import SysadminFactory

ROOT = Path(settings.BASE_DIR)
APP_DIRS = ("integrity", "commitments", "assessment", "portal", "cms")


def app_event_types() -> dict[str, type[models.TextChoices]]:
    """``{app label: EventType}`` for every project app that has an ``events`` module."""
    enums = {}
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in APP_DIRS:
            continue
        try:
            module = importlib.import_module(f"{config.name}.events")
        except ModuleNotFoundError:
            continue
        enums[config.label] = module.EventType
    return enums


def declared_event_types() -> set[str]:
    """The values of every app's ``EventType``."""
    return {code for enum in app_event_types().values() for code in enum.values}


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
    assert {"commitment.obligation_paid", "official.updated", "rule.saved"} <= written
    assert len(declared | written) >= 90


def test_every_app_that_records_events_has_one_event_type_choices():
    assert set(app_event_types()) == {
        "core",
        "records",
        "commitments",
        "proposals",
        "assessment",
        "portal",
        "monitoring",
    }
    assert all(issubclass(enum, models.TextChoices) for enum in app_event_types().values())


def test_every_event_type_written_belongs_to_exactly_one_app():
    owners: dict[str, list[str]] = {}
    for label, enum in app_event_types().items():
        for code in enum.values:
            owners.setdefault(code, []).append(label)
    assert sorted(written_event_types() - set(owners)) == []
    assert {code: labels for code, labels in owners.items() if len(labels) > 1} == {}


def test_every_event_type_has_a_label():
    missing = sorted((declared_event_types() | written_event_types()) - registered_event_types())
    assert missing == []


def test_the_timeline_label_is_the_label_of_the_choice():
    for enum in app_event_types().values():
        for member in enum:
            assert event_label(member.value) == str(member.label)


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
