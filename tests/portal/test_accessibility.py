"""Accessibility basics that can be checked without a browser: contrast and focus styles."""

import re
from pathlib import Path

import pytest

from django.contrib.staticfiles import finders

CSS = Path(finders.find("portal/css/portal.css")).read_text(encoding="utf-8")


def _variables() -> dict[str, str]:
    root = CSS.split(":root", 1)[1].split("}", 1)[0]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize(
    "text, background",
    [
        ("ink", "card"),
        ("ink", "bg"),
        ("muted", "card"),
        ("muted", "bg"),
        ("link", "card"),
        ("link", "bg"),
        ("card", "blue"),  # navigation text on the blue band
        ("card", "red"),  # header text on the red band
        ("card", "blue-dark"),
        ("card", "red-dark"),
    ],
)
def test_main_colour_pairs_have_a_contrast_of_at_least_4_5(text, background):
    colours = _variables()
    assert contrast(colours[text], colours[background]) >= 4.5


def test_focus_is_visible_on_links_buttons_and_fields():
    assert ":focus-visible" in CSS
    rule = CSS.split(":focus-visible", 1)[1].split("}", 1)[0]
    assert "outline" in rule and "none" not in rule


def test_the_layout_adapts_to_narrow_screens():
    assert re.search(r"@media\s*\(max-width:\s*\d+px\)", CSS)
    assert 'name="viewport"' in Path("portal/templates/base.html").read_text()
