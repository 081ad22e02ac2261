"""A printable commitment board (承诺公示牌) of one unit, with a QR code to its page.

The QR code is drawn as inline SVG from reportlab's QR encoder (reportlab is already a
dependency for the PDFs), so no image library or outside service is needed.
"""

from reportlab.graphics.barcode import qrencoder

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from commitments import selectors as commitment_selectors
from integrity.core.models import Organisation

QUIET_ZONE = 4


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    size = code.getModuleCount()
    return [[bool(code.isDark(r, c)) for c in range(size)] for r in range(size)]


def qr_svg(text: str, *, label: str, pixels: int = 160) -> SafeString:
    """An SVG QR code of ``text``: one path of unit squares, with a quiet zone."""
    matrix = qr_matrix(text)
    side = len(matrix) + 2 * QUIET_ZONE
    squares = "".join(
        f"M{c + QUIET_ZONE} {r + QUIET_ZONE}h1v1h-1z"
        for r, row in enumerate(matrix)
        for c, dark in enumerate(row)
        if dark
    )
    svg = format_html(
        '<svg class="qr" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {} {}" width="{}" height="{}" shape-rendering="crispEdges">'
        '<rect width="100%" height="100%" fill="#fff"/><path d="{}" fill="#000"/></svg>',
        label,
        side,
        side,
        pixels,
        pixels,
        mark_safe(squares),  # noqa: S308 - built from numbers only
    )
    return svg


@require_GET
def commitment_board(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Organisation.objects.active(), pk=pk)
    commitments = (
        commitment_selectors.public_commitments().filter(organisation=unit).order_by("deadline")
    )
    page_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("unit_profile", args=[pk])
    context = {
        "unit": unit,
        "commitments": commitments,
        "qr": qr_svg(page_url, label=_("QR code of the unit's page")),
        "page_url": page_url,
        "today": timezone.localdate(),
        "crumbs": [
            (_("Unit directory"), reverse("unit_index")),
            (unit.name, reverse("unit_profile", args=[pk])),
            (_("Commitment board"), ""),
        ],
    }
    return render(request, "portal/units/board.html", context)
