from django.urls import path

from . import downloads, views

app_name = "commitments"

urlpatterns = [
    path("commitments/", views.organisation_index, name="index"),
    path("commitments/org/<int:organisation_id>/", views.commitment_list, name="list"),
    path("commitments/<int:pk>/", views.commitment_detail, name="detail"),
    path("files/commitments/evidence/<int:pk>/", downloads.evidence, name="evidence_file"),
]
