from django.urls import path

from baken.prevention import views

app_name = "prevention"

urlpatterns = [
    path("", views.activity_list, name="index"),
    path("nieuw/", views.activity_new, name="activity_new"),
    path("kalender/", views.calendar, name="calendar"),
    path("signalerend-vermogen/", views.capacity, name="capacity"),
    path("signalerend-vermogen/training/nieuw/", views.training_new, name="training_new"),
    path("signalerend-vermogen/medewerkers/", views.staff_counts, name="staff_counts"),
    path("materialen/", views.material_list, name="material_list"),
    path("materialen/nieuw/", views.material_new, name="material_new"),
    path("materialen/<id:pk>/", views.material_detail, name="material"),
    path("materialen/<id:pk>/wijzigen/", views.material_edit, name="material_edit"),
    path("<id:pk>/", views.activity_detail, name="activity"),
    path("<id:pk>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("<id:pk>/status/", views.activity_transition, name="activity_transition"),
]
