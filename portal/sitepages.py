"""The site map (every public section, page and unit) and the privacy statement."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from integrity.core.models import Organisation
from portal.profile import grouped_units


def _services() -> list[tuple[str, str]]:
    return [
        (_("Search"), reverse("search")),
        (_("Unit directory"), reverse("unit_index")),
        (_("Commitment lists"), reverse("commitments:index")),
        (_("Dishonesty records"), reverse("records:register")),
        (_("Red list"), reverse("records:red_list")),
        (_("NPC/CPPCC replies"), reverse("proposals:reply_list")),
        (_("Assessment results"), reverse("assessment:results")),
        (_("Report a broken promise"), reverse("records:report")),
        (_("Follow a report"), reverse("records:track")),
        (_("Answered reports"), reverse("reports_answered")),
        (_("Subscriptions"), reverse("subscribe")),
        (_("Atom feed of the dishonesty register"), reverse("feed_records")),
        (_("Open data"), reverse("opendata")),
        (_("Privacy statement"), reverse("privacy")),
    ]


@require_GET
def site_map(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        pages = list(
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .live()
            .public()
            .filter(depth__lte=site.root_page.depth + 2)
            .order_by("path")
        )
    context = {
        "services": _services(),
        "pages": pages,
        "root_depth": site.root_page.depth if site else 0,
        "groups": grouped_units(Organisation.objects.active().order_by("path")),
        "crumbs": [(_("Site map"), "")],
    }
    return render(request, "portal/sitepages/site_map.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/sitepages/privacy.html", {"crumbs": [(_("Privacy statement"), "")]}
    )
