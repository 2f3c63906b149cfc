from django.urls import path

from baken.retention import views

app_name = "retention"

urlpatterns = [
    path("verzoeken/", views.subject_requests, name="subject_requests"),
    path("verzoeken/<id:pk>/", views.subject_request, name="subject_request"),
    path("verzoeken/<id:pk>/zoeken/", views.subject_search, name="subject_search"),
    path("verzoeken/<id:pk>/notities/", views.subject_note, name="subject_note"),
    path("zoekopdrachten/<id:pk>/", views.subject_result, name="subject_result"),
    path("zoekopdrachten/<id:pk>/inzage.pdf", views.subject_export, name="subject_export"),
]
