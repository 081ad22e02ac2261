"""Public URLs that are not Wagtail pages (forms, downloads, lookups)."""

from django.urls import path

from portal import views

urlpatterns: list = [
    path("language/", views.switch_language, name="switch_language"),
]
