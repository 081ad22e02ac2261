from django.urls import path, re_path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("monitoring/", views.index, name="index"),
    re_path(r"^monitoring/(?P<month>\d{4}-\d{2})/$", views.detail, name="detail"),
    re_path(r"^monitoring/(?P<month>\d{4}-\d{2})/report\.pdf$", views.pdf, name="pdf"),
]
