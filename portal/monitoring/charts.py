"""Server-side SVG bar charts: no JavaScript needed, labels escaped."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
BAR_AREA = 320


def bar_chart_svg(rows: list[tuple[str, int]], *, title: str) -> SafeString:
    """A horizontal bar chart of ``(label, value)`` rows, described for screen readers."""
    peak = max([value for _label, value in rows] + [1])
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_AREA + 50
    parts = [
        f'<svg class="bar-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = round(BAR_AREA * value / peak)
        middle = y + BAR_HEIGHT * 0.7
        parts += [
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" text-anchor="end" '
            f'font-size="13">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" '
            f'fill="#1f5fa8"></rect>',
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle:.1f}" font-size="13">{value}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped above
