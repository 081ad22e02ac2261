"""Public pages: published replies by year, unit and category, with search."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from integrity.core.models import Organisation

from . import selectors
from .models import ReplyCategory


def _filtered(request):
    qs = selectors.published_replies()
    year, unit = request.GET.get("year", ""), request.GET.get("unit", "")
    category, query = request.GET.get("category", ""), request.GET.get("q", "").strip()
    if year.isdigit():
        qs = qs.filter(assignment__item__year=int(year))
    if unit.isdigit():
        qs = qs.filter(assignment__unit_id=int(unit))
    if category:
        qs = qs.filter(category=category)
    if query:
        qs = qs.filter(
            Q(title__icontains=query)
            | Q(assignment__item__title__icontains=query)
            | Q(assignment__item__number__icontains=query)
        )
    return qs.order_by("-assignment__item__year", "assignment__item__number", "id")


def reply_list(request):
    published = selectors.published_replies()
    page = Paginator(_filtered(request), 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "years": sorted(
            set(published.values_list("assignment__item__year", flat=True)), reverse=True
        ),
        "units": Organisation.objects.filter(
            pk__in=published.values("assignment__unit_id")
        ).order_by("path"),
        "categories": sorted(set(ReplyCategory.objects.values_list("code", flat=True))),
        "filters": request.GET,
    }
    return render(request, "proposals/portal/reply_list.html", context)


def reply_detail(request, pk: int):
    reply = get_object_or_404(selectors.published_replies(), pk=pk)
    return render(
        request, "proposals/portal/reply_detail.html", {"reply": reply, "text": reply.public_text()}
    )


def reply_export(request):
    """Open-data download of published replies (redacted), as xlsx or csv."""
    from integrity.core.importing import export_response

    from .resources import PublishedReplyResource

    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return export_response(PublishedReplyResource(), _filtered(request), fmt, "replies")
