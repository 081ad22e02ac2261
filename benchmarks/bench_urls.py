"""The project's URLs plus one trivial view: the ceiling a Django request can reach here.

The trivial view answers text/plain, which the whole-page cache does not store, so it runs
the view on every request (through the same middleware, including the cache lookup).
"""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("integrity.urls")),
]
