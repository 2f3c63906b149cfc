from django.urls import path

from baken.care import views

app_name = "care"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.case_new, name="case_new"),
    path("aanmeldingen/<id:pk>/", views.handover, name="handover"),
    path("<id:pk>/", views.case_page, name="case"),
    path("<id:pk>/fase/", views.transition, name="transition"),
    path("<id:pk>/naam/", views.reveal, name="reveal"),
    path("<id:pk>/opvangadres/", views.shelter_address, name="shelter_address"),
    path("<id:pk>/procedures/", views.procedure_add, name="procedure_add"),
    path("<id:pk>/procedures/<id:procedure_pk>/afgerond/", views.procedure_done, name="procedure_done"),
]
