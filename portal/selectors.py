"""Reads that feed the portal's pages.

Key figures on the home page come from providers that other apps register with
`register_key_figure`, so the portal does not import every registry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KeyFigure:
    label: str | Promise
    value: int | str | None
    url: str = ""
    unit: str = ""

    @property
    def display(self) -> str:
        """Numbers grouped by thousands (12,345); text (a year) as it is; None as a dash."""
        if self.value is None:
            return "—"
        if isinstance(self.value, int):
            return f"{self.value:,}"
        return str(self.value)


KeyFigureProvider = Callable[[], KeyFigure | None]
_providers: list[tuple[int, KeyFigureProvider]] = []


def register_key_figure(provider: KeyFigureProvider, *, order: int = 100) -> KeyFigureProvider:
    """Add a provider of one home-page figure; usable as a decorator. Lower order shows first."""
    if all(p is not provider for _o, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])
    return provider


def placeholder_figures() -> list[KeyFigure]:
    """What the home page shows until the registries provide their figures."""
    return [
        KeyFigure(label=_("Published commitments"), value=None, url="/commitments/"),
        KeyFigure(label=_("Dishonesty records"), value=None, url="/records/"),
        KeyFigure(label=_("NPC/CPPCC replies"), value=None, url="/replies/"),
        KeyFigure(label=_("Assessment results"), value=None, url="/results/"),
    ]


def key_figures() -> list[KeyFigure]:
    """The home page's key figures; a provider that fails or returns None is left out."""
    if not _providers:
        return placeholder_figures()
    figures = []
    for _order, provider in _providers:
        figure = provider()
        if figure is not None:
            figures.append(figure)
    return figures


def latest_news(*, limit: int = 5, site=None) -> list:
    """The newest live, public news pages, newest first."""
    from portal.models import NewsPage

    qs = NewsPage.objects.live().public()
    if site is not None:
        qs = qs.in_site(site)
    return list(qs.order_by("-date", "-pk")[:limit])


def menu_pages(home) -> list:
    """The home page's live children that are marked to show in menus."""
    return nav_pages(home)[0]


def nav_pages(home) -> tuple[list, list]:
    """(menu pages, section pages) under ``home`` in one query: the menu's entries (live
    children shown in menus) and every live public section page (breadcrumbs)."""
    from django.db.models import Q

    from wagtail.models import Page

    if home is None:
        return [], []
    is_section = Q(content_type__app_label="portal", content_type__model="sectionpage")
    in_menu = Q(depth=home.depth + 1, show_in_menus=True)
    rows = list(
        Page.objects.descendant_of(home)
        .live()
        .public()
        .filter(in_menu | is_section)
        .annotate(
            is_section=Case(When(is_section, then=True), default=False, output_field=BooleanField())
        )
        .order_by("path")
    )
    menu = [p for p in rows if p.depth == home.depth + 1 and p.show_in_menus]
    return menu, [p for p in rows if p.is_section]


def section_page(key: str):
    """The live section page that stands for a public section (e.g. "commitments"), or None."""
    from portal.models import SectionPage

    return SectionPage.objects.live().filter(section=key).order_by("path").first()


def section_links(request) -> list[tuple[str, str]]:
    # The main menu, drawn first on every page, left them on the request (no query).
    if (links := getattr(request, "portal_section_links", None)) is not None:
        return links
    return _cached_section_links(request)


def _cached_section_links(request) -> list[tuple[str, str]]:
    """(title, url) of every live, public section page, for the breadcrumbs of the registry
    views; cached per page-cache generation, so a (un)published section shows at once."""
    from django.core.cache import cache

    from integrity.core.page_cache import generation
    from portal.models import SectionPage

    key = f"portal:section-links:{generation()}:{request.get_host()}"
    links = cache.get(key)
    if links is None:
        pages = SectionPage.objects.live().public().order_by("path")
        links = [(page.title, page.get_url(request) or "") for page in pages]
        cache.set(key, links, 3600)
    return links


@dataclass(frozen=True)
class Alert:
    label: str
    count: int
    url: str = ""
    level: str = "warning"


@dataclass(frozen=True)
class ChartData:
    """What `portal/includes/chart_table.html` draws: labels and one or more named series."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[float | int]]]
    kind: str = "bar"


AlertProvider = Callable[[], Alert | None]
_alert_providers: list[AlertProvider] = []


def register_alert(provider: AlertProvider) -> AlertProvider:
    """Add a provider of one home-page alert (e.g. overdue commitments); a decorator."""
    if provider not in _alert_providers:
        _alert_providers.append(provider)
    return provider


def alerts() -> list[Alert]:
    """Home-page alerts with a count above zero, in registration order."""
    found = [provider() for provider in _alert_providers]
    return [alert for alert in found if alert is not None and alert.count > 0]


def commitment_status_chart() -> ChartData | None:
    """Published commitments by status, for the home page chart; None without the registry."""
    try:
        from commitments.models import Commitment
    except ImportError:
        return None
    from portal.summary import status_counts  # summary rows (issue 17), not a GROUP BY

    counts = status_counts()
    statuses = [s for s in Commitment.PUBLIC_STATUSES if counts.get(s)]
    if not statuses:
        return None
    return ChartData(
        title=str(_("Published commitments by status")),
        labels=[str(Commitment.Status(s).label) for s in statuses],
        series=[(str(_("Commitments")), [counts[s] for s in statuses])],
    )


def latest_results(*, limit: int = 5) -> dict | None:
    """The newest published assessment: its campaign, top units and grade distribution."""
    try:
        from assessment import selectors as assessment
    except ImportError:
        return None
    campaign = assessment.published_campaigns().order_by("-year", "-published_at").first()
    if campaign is None:
        return None
    top = list(
        campaign.units.select_related("organisation").order_by("-total", "organisation__path")[
            :limit
        ]
    )
    distribution = assessment.grade_distribution(campaign)
    chart = ChartData(
        title=str(_("Grade distribution")),
        labels=[name for name, _n in distribution],
        series=[(str(_("Units")), [n for _name, n in distribution])],
    )
    return {"campaign": campaign, "top": top, "chart": chart}
