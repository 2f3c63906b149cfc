from django.urls import path

from baken.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("nieuw/", views.partner_edit, name="create"),
    path("<id:pk>/", views.partner_edit, name="edit"),
]
