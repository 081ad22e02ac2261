"""Public URLs that are not Wagtail pages (forms, downloads, lookups)."""

urlpatterns: list = []
