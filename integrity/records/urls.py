from django.urls import path

from . import downloads, views, views_lists

app_name = "records"

urlpatterns = [
    path("records/", views.register, name="register"),
    path("records/red-list/", views.red_list, name="red_list"),
    path("records/lists/", views_lists.list_issues, name="list_issues"),
    path("records/lists/<int:pk>/", views_lists.list_issue, name="list_issue"),
    path("records/export.<str:fmt>", views.export, name="export"),
    path("records/<int:pk>/", views.detail, name="detail"),
    path("report/", views.report, name="report"),
    path("report/track/", views.track, name="track"),
    path("report/track/<str:number>/", views.track_detail, name="track_detail"),
    path("files/records/evidence/<int:pk>/", downloads.record_evidence, name="evidence_file"),
    path("files/records/repairs/<int:pk>/", downloads.repair_evidence, name="repair_file"),
    path(
        "files/reports/attachments/<int:pk>/",
        downloads.complaint_attachment,
        name="attachment_file",
    ),
]
