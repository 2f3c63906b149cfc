from django.urls import path

from baken.signalling import views

app_name = "signalling"

urlpatterns = [
    path("nieuw/", views.intake, name="intake"),
    path("nieuw/signalen/", views.intake_indicators, name="intake_indicators"),
    path("nieuw/acuut/", views.intake_acute, name="intake_acute"),
    path("mijn/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ontvangen/", views.submitted, name="submitted"),
    path("<int:pk>/bijlagen/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("catalogus/", views.catalogue, name="catalogue"),
    path("catalogus/nieuw/", views.indicator_edit, name="indicator_create"),
    path("catalogus/<int:pk>/", views.indicator_edit, name="indicator_edit"),
]
