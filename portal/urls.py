"""Public URLs that are not Wagtail pages (forms, downloads, lookups)."""

from django.urls import path

from portal import opendata, views
from portal.search import search_view
from portal.sme_payments import sme_payments

urlpatterns: list = [
    path("language/", views.switch_language, name="switch_language"),
    path("search/", search_view, name="search"),
    path("open-data/", opendata.index, name="opendata"),
    path("open-data/<slug:slug>.<str:fmt>", opendata.download, name="opendata_download"),
    path("sme-payments/", sme_payments, name="sme_payments"),
]
