from django.urls import path

from baken.reporting import views

app_name = "reporting"

urlpatterns = [
    path("meldingen/", views.signals, name="signals"),
]
