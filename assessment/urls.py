from django.urls import path

from assessment import admin_views, views

app_name = "assessment"

urlpatterns = [
    path("results/", views.ResultsIndexView.as_view(), name="results"),
    path("results/<int:pk>/", views.RankingView.as_view(), name="ranking"),
    path("results/<int:pk>/method/", views.MethodView.as_view(), name="method"),
    path("results/<int:pk>/units/<int:unit_pk>/", views.UnitResultView.as_view(), name="unit"),
    path("files/assessment/reports/<int:pk>/", admin_views.report_download, name="report_file"),
]
