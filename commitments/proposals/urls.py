from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("replies/", views.reply_list, name="reply_list"),
    path("replies/export/", views.reply_export, name="reply_export"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
]
