"""Public URLs that are not Wagtail pages (forms, downloads, lookups)."""

from django.urls import path

from portal import board, feeds, opendata, profile, reports, sitepages, subscriptions, views
from portal.search import search_view
from portal.sme_payments import sme_payments

urlpatterns: list = [
    path("language/", views.switch_language, name="switch_language"),
    path("search/", search_view, name="search"),
    path("open-data/", opendata.index, name="opendata"),
    path("open-data/<slug:slug>.<str:fmt>", opendata.download, name="opendata_download"),
    path("sme-payments/", sme_payments, name="sme_payments"),
    path("units/", profile.unit_index, name="unit_index"),
    path("units/<int:pk>/", profile.unit_profile, name="unit_profile"),
    path("units/<int:pk>/board/", board.commitment_board, name="unit_board"),
    path("report/commitments/", reports.report_commitments, name="report_commitments"),
    path("reports/answered/", reports.answered_reports, name="reports_answered"),
    path("feeds/units/<int:pk>/", feeds.UnitFeed(), name="feed_unit"),
    path("feeds/records/", feeds.RegisterFeed(), name="feed_records"),
    path("subscribe/", subscriptions.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", subscriptions.confirm, name="subscribe_confirm"),
    path("subscribe/cancel/<str:token>/", subscriptions.cancel, name="subscribe_cancel"),
    path("site-map/", sitepages.site_map, name="site_map"),
    path("privacy/", sitepages.privacy, name="privacy"),
]
