"""Template tags for pages without inline script (see integrity/core/wagtail_csp.py)."""

import json
from typing import Any

from django import template
from django.utils.safestring import SafeString

from integrity.core.wagtail_csp import deferred_init as _deferred_init

register = template.Library()


@register.simple_tag
def deferred_init(kind: str, name: str, *args: Any) -> SafeString:
    """`{% deferred_init "new" "InlinePanel" options_json|json_value %}`"""
    return _deferred_init(kind, name, *args)


@register.filter
def json_value(text: str) -> Any:
    """The value a JSON text stands for (Wagtail hands some options over as JSON text)."""
    return json.loads(text)
