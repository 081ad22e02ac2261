"""Template tags and filters of the public portal: navigation and Chinese display formats."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from wagtail.models import Site

from portal import selectors

register = template.Library()

# Sections built by the registries; shown after the home page's own menu pages.
FIXED_LINKS = [
    ("/commitments/", pgettext_lazy("menu", "Commitments")),
    ("/records/", pgettext_lazy("menu", "Dishonesty records")),
    ("/replies/", pgettext_lazy("menu", "NPC/CPPCC replies")),
    ("/results/", pgettext_lazy("menu", "Assessment results")),
    ("/report/", pgettext_lazy("menu", "Report a broken promise")),
]
_CN_DIGITS = "〇一二三四五六七八九"


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def cn_date(value) -> str:
    """2026-12-31 → 2026年12月31日 (also for datetimes, in local time)."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def yuan(value, unit: str = "") -> str:
    """Money in yuan: ¥1,234.56; with the argument "万" → 123.46万元 (rounded half up)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    if unit in ("万", "万元", "wan"):
        wan = (amount / Decimal(10000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{wan:,}万元"
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,}"


@register.filter
def cn_number(value, style: str = "") -> str:
    """Group thousands (12,345); with "upper" spell digits in Chinese (2026 → 二〇二六)."""
    number = _to_decimal(value)
    if number is None:
        return ""
    if style == "upper":
        return "".join(_CN_DIGITS[int(ch)] if ch.isdigit() else ch for ch in str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,}"


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context) -> dict:
    """The main navigation: the home page's menu children, then the registries' sections."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = site.root_page if site else None
    links = [(page.url, page.title) for page in selectors.menu_pages(home)]
    links += [(url, label) for url, label in FIXED_LINKS]
    path = request.path if request else ""
    return {
        "home_url": "/",
        "is_home": path == "/",
        "links": [
            {"url": url, "label": label, "active": bool(url) and path.startswith(url)}
            for url, label in links
        ],
    }


@register.inclusion_tag("portal/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, crumbs=None) -> dict:
    """Breadcrumbs of a Wagtail page, or of a (label, url) list given by a non-page view."""
    page = context.get("page")
    items = []
    if crumbs is not None:
        items = [{"label": label, "url": url} for label, url in crumbs]
    elif page is not None and getattr(page, "depth", 0) > 2:
        ancestors = page.get_ancestors().filter(depth__gt=2).live()
        items = [{"label": p.title, "url": p.url} for p in ancestors]
        items.append({"label": page.title, "url": ""})
    return {"items": items, "home_label": _("Home")}


def _org_url(url: str, pk: int) -> str:
    if not url:
        return ""
    if "{pk}" in url:
        return url.format(pk=pk)
    try:
        return reverse(url, args=[pk])
    except NoReverseMatch:
        return ""


@register.inclusion_tag("portal/includes/breadcrumbs.html")
def org_breadcrumbs(organisation, url: str = "", section_label="", section_url="", current=""):
    """Breadcrumbs that follow the organisation tree (city → county → township).

    ``url`` is a URL name taking the organisation's pk (``"commitments:list"``) or a pattern
    with ``{pk}``; ``section_*`` adds the section's own crumb first; ``current`` adds a last,
    unlinked crumb (e.g. a commitment's title) after the organisation.
    """
    crumbs = [(section_label, section_url)] if section_label else []
    for org in [*organisation.ancestors(), organisation]:
        if org.level != "province":
            crumbs.append((org.name, _org_url(url, org.pk)))
    if current:
        crumbs.append((current, ""))
    return {
        "items": [{"label": label, "url": link} for label, link in crumbs],
        "home_label": _("Home"),
    }
