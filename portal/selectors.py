"""Reads that feed the portal's pages.

Key figures on the home page come from providers that other apps register with
`register_key_figure`, so the portal does not import every registry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int | str | None
    url: str = ""
    unit: str = ""


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
    if home is None:
        return []
    return list(home.get_children().live().in_menu().public().specific().order_by("path"))
