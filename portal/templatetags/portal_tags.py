"""Template tags and filters of the public portal: navigation and Chinese display formats."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from integrity.core.display import cn_date
from portal import selectors

register = template.Library()

_CN_DIGITS = "〇一二三四五六七八九"


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


register.filter("cn_date", cn_date)


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
def money(value) -> str:
    """Money as the portal writes it: 1,234,567.89 元 ("" when there is no amount)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{amount:,} 元"


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


def _menu_labels(pages: list) -> dict[int, str]:
    """Menu labels by page id: the titles; in another language than the site's, a section's
    translated name instead (editors write titles in Chinese only)."""
    from django.conf import settings
    from django.utils.translation import get_language

    from portal.models import SectionPage

    labels = {page.pk: page.title for page in pages}
    if get_language() != settings.LANGUAGE_CODE:
        sections = SectionPage.objects.filter(pk__in=labels).only("pk", "section")
        labels.update({page.pk: page.get_section_display() for page in sections})
    return labels


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context) -> dict:
    """The main navigation: the home page's children marked "show in menus", in tree order.

    Sections served by registry views (承诺, 失信记录 …) are SectionPages in the tree, so
    editors order, rename and hide menu entries in Wagtail.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = site.root_page if site else None
    pages, sections = selectors.nav_pages(home)
    if request is not None:  # for the breadcrumbs of the registry views, drawn next
        request.portal_section_links = [(p.title, p.get_url(request) or "") for p in sections]
    labels = _menu_labels(pages)
    links = [(page.get_url(request), labels[page.pk]) for page in pages]
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
    elif context.get("request") is not None:
        items = _path_crumbs(context)
    return {"items": items, "home_label": _("Home")}


# Context objects that name the page a registry view shows (records, replies, results …).
CRUMB_OBJECTS = ("record", "reply", "commitment", "complaint", "campaign", "unit", "organisation")


def _path_crumbs(context) -> list[dict]:
    """A registry view's breadcrumbs: its section page (the longest URL prefix), then the
    object the view shows, if any."""
    request = context["request"]
    section, section_url = "", ""
    for title, url in selectors.section_links(request):
        if url and request.path.startswith(url) and len(url) > len(section_url):
            section, section_url = title, url
    if not section:
        return []
    items = [{"label": section, "url": section_url}]
    if request.path != section_url:
        shown = next((context[k] for k in CRUMB_OBJECTS if context.get(k) is not None), None)
        label = str(shown) if shown is not None else _("Details")
        items.append({"label": label, "url": ""})
    return items


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


@register.filter
def chart_rows(labels, series) -> list[tuple]:
    """Zip chart labels with (name, values) series into table rows: [(label, [v1, v2…])]."""
    series = list(series or [])
    return [
        (label, [values[i] if i < len(values) else "" for _name, values in series])
        for i, label in enumerate(labels or [])
    ]


@register.inclusion_tag("portal/includes/section_intro.html")
def section_intro(key: str) -> dict:
    """The editable introduction of a section's page ({% section_intro "commitments" %})."""
    return {"section": selectors.section_page(key)}
