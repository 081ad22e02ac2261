"""The back-office home as each role's workbench.

Every app contributes what waits for the signed-in user through the hook
``integrity_todo_items``: a function ``fn(request) -> list[dict]`` whose dicts have
the keys ``group`` (Chinese heading), ``label``, ``count``, ``url`` (a filtered list)
and ``level`` (``"info"``, ``"warning"`` or ``"danger"``). :class:`TodoPanel` collects
them, drops empty ones and shows them grouped on the home page, most urgent first.

:func:`tidy_homepage_panels` removes Wagtail's page-editing panels for users who do
not edit the portal, so a clerk's home page is their to-do list and nothing else.
"""

import logging
from collections.abc import Iterable
from typing import TypedDict

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

logger = logging.getLogger(__name__)

HOOK = "integrity_todo_items"
LEVELS = ("danger", "warning", "info")
# Wagtail's own home panels: they only concern portal pages and their workflows.
PAGE_PANELS = frozenset(
    {
        "workflow_objects_to_moderate",
        "user_objects_in_workflow_moderation",
        "recent_edits",
        "locked_pages",
        "whats_new_in_wagtail_version",
    }
)


class TodoItem(TypedDict):
    group: str
    label: str
    count: int
    url: str
    level: str


def _valid(item: dict) -> TodoItem | None:
    level = item.get("level")
    try:
        count = int(item["count"])
        checked = TodoItem(
            group=str(item["group"]),
            label=str(item["label"]),
            count=count,
            url=str(item["url"]),
            level=level if isinstance(level, str) and level in LEVELS else "info",
        )
    except (KeyError, TypeError, ValueError):
        logger.error("integrity_todo_items: malformed item %r", item)
        return None
    return checked


def todo_items(request) -> list[TodoItem]:
    """Every non-empty to-do item of every app for this request's user, most urgent first.

    A failing contributor is logged and skipped in production (one app's fault must not
    take the home page down); with ``DEBUG`` it raises.
    """
    items: list[TodoItem] = []
    for fn in hooks.get_hooks(HOOK):
        try:
            produced: Iterable[dict] = fn(request) or []
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("integrity_todo_items: %s failed", getattr(fn, "__name__", fn))
            continue
        items.extend(item for item in map(_valid, produced) if item and item["count"] > 0)
    items.sort(key=lambda i: LEVELS.index(i["level"]))
    return items


def grouped(items: list[TodoItem]) -> list[tuple[str, list[TodoItem]]]:
    """Items under their group headings; a group's place is that of its most urgent item."""
    groups: dict[str, list[TodoItem]] = {}
    for item in items:
        groups.setdefault(item["group"], []).append(item)
    return list(groups.items())


class TodoPanel(Component):
    """Home-page panel: what waits for me, with counts and links to filtered lists."""

    name = "integrity_todo"
    order = 10
    template_name = "core/dashboard/todo_panel.html"

    def __init__(self, request) -> None:
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        user = self.request.user
        return {
            "groups": grouped(todo_items(self.request)),
            "role": user.get_role_display() if user.role else _("System administrator"),
            "organisation": user.organisation,
        }


def edits_portal(user) -> bool:
    """Users for whom Wagtail's page panels (moderation, recent edits, locks) make sense."""
    return bool(user.is_superuser or user.role == "portal_editor")


def tidy_homepage_panels(request, panels: list) -> None:
    """Our to-do panel first; Wagtail's page panels only for portal editors."""
    if not edits_portal(request.user):
        panels[:] = [p for p in panels if getattr(p, "name", "") not in PAGE_PANELS]
    panels.insert(0, TodoPanel(request))


# --- the core registry's own to-do items ---------------------------------------------


def _url(name: str, query: str = "") -> str:
    from django.urls import reverse

    return f"{reverse(name)}?{query}" if query else reverse(name)


def notice_items(user) -> list[dict]:
    from integrity.core.models import Notice

    unread = Notice.objects.for_user(user).unread()
    alarms = unread.filter(level=Notice.Level.ALARM).count()
    others = unread.exclude(level=Notice.Level.ALARM).count()
    group = str(_("Notices"))
    url = "notice:index"
    return [
        {
            "group": group,
            "label": str(_("Unread alarms")),
            "count": alarms,
            "url": _url(url, "read_at__isnull=true&level=alarm"),
            "level": "danger",
        },
        {
            "group": group,
            "label": str(_("Unread notices")),
            "count": others,
            "url": _url(url, "read_at__isnull=true"),
            "level": "info",
        },
    ]


def complaint_items(user) -> list[dict]:
    """Citizen reports: the credit office routes new ones, the unit answers routed ones."""
    from django.utils import timezone

    from integrity.core.permissions import scope_queryset
    from integrity.records.models import Complaint

    if not user.has_perm("records.view_complaint"):
        return []
    mine = scope_queryset(user, Complaint.objects.all())
    group = str(_("Citizen reports"))
    url = "records_complaint:index"
    items = []
    if user.is_superuser or user.role == "credit_office":
        items.append(
            {
                "group": group,
                "label": str(_("New reports to route")),
                "count": mine.filter(status=Complaint.Status.RECEIVED).count(),
                "url": _url(url, "status=received"),
                "level": "warning",
            }
        )
    routed = mine.filter(status=Complaint.Status.ROUTED)
    late = routed.filter(answer_due__lt=timezone.localdate()).count()
    items.append(
        {
            "group": group,
            "label": str(_("Open reports awaiting an answer")),
            "count": routed.count(),
            "url": _url(url, "status=routed"),
            "level": "danger" if late else "warning",
        }
    )
    return items


def core_todo_items(request) -> list[dict]:
    user = request.user
    return [*notice_items(user), *complaint_items(user)]
