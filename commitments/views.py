"""Public portal pages (placeholder until the portal views land)."""

from django.http import Http404


def organisation_index(request):
    raise Http404


def commitment_list(request, organisation_id: int):
    raise Http404


def commitment_detail(request, pk: int):
    raise Http404
