"""Public pages of the red and black lists (红黑榜): the published issues, newest first."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import lists


def list_issues(request):
    page = Paginator(lists.published_issues(), 20).get_page(request.GET.get("page"))
    return render(request, "records/list_issues.html", {"page_obj": page})


def list_issue(request, pk: int):
    issue = get_object_or_404(lists.published_issues(), pk=pk)
    return render(
        request, "records/list_issue.html", {"issue": issue, **lists.shown_entries(issue)}
    )
