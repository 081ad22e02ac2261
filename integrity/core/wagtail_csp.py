"""The Wagtail admin without inline script.

Wagtail 8 starts chooser widgets, inline panels and date pickers with an inline <script>,
which the Content-Security-Policy (script-src 'self') refuses. Here (chooser widgets) and
in the template overrides under integrity/core/templates/wagtailadmin/ (panels, date
pickers) they write a JSON block instead, which static core/js/deferred-init.js turns into
the same call.
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def deferred_init(kind: str, name: str, *args: Any) -> SafeString:
    """A non-executable `<script type="application/json" data-integrity-init>` block asking
    deferred-init.js to run `new name(*args)` (kind "new") or `name(*args)` (kind "call")."""
    if kind not in ("new", "call"):
        raise ValueError(kind)
    payload = json.dumps({kind: name, "args": list(args)}, cls=DjangoJSONEncoder)
    return format_html(
        '<script type="application/json" data-integrity-init>{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - JSON, escaped
    )


def _chooser_init(widget: BaseChooser, id_: str, name: str, value_data: Any) -> SafeString:
    if isinstance(widget, AdminTaskChooser):
        return deferred_init("call", "createTaskChooser", id_)
    options = widget.get_js_init_options(id_, name, value_data)
    return deferred_init("new", widget.js_constructor, id_, options)


def _render_chooser(
    self: BaseChooser, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
) -> SafeString:
    """BaseChooser.render, with the JSON block in place of `<script>new Chooser(…)</script>`."""
    if attrs is None or "id" not in attrs:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute")
    own_js = type(self).render_js_init not in (
        BaseChooser.render_js_init,
        AdminTaskChooser.render_js_init,
    )
    if own_js:  # a widget with its own start-up code: keep Wagtail's way (tests catch it)
        return _wagtail_render_chooser(self, name, value, attrs, renderer)
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    return widget_html + _chooser_init(self, attrs["id"], name, value_data)


_wagtail_render_chooser = BaseChooser.render


def patch_wagtail_choosers() -> None:
    """Called once from CoreConfig.ready()."""
    BaseChooser.render = _render_chooser  # type: ignore[method-assign]
