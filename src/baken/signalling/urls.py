from django.urls import path

from baken.signalling import draft_views, views

app_name = "signalling"

urlpatterns = [
    path("nieuw/", views.intake, name="intake"),
    path("nieuw/signalen/", views.intake_indicators, name="intake_indicators"),
    path("nieuw/acuut/", views.intake_acute, name="intake_acute"),
    path("nieuw/adres/", views.intake_address, name="intake_address"),
    path("nieuw/concept/", draft_views.intake_draft, name="intake_draft"),
    path("nieuw/concept/verwijderen/", draft_views.intake_draft_delete, name="intake_draft_delete"),
    path("mijn/", views.mine, name="mine"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/ontvangen/", views.submitted, name="submitted"),
    path("<id:pk>/aanvullen/", views.add_information, name="add_information"),
    path("<id:pk>/bijlagen/<id:attachment_pk>/", views.attachment, name="attachment"),
    path("catalogus/", views.catalogue, name="catalogue"),
    path("catalogus/nieuw/", views.indicator_edit, name="indicator_create"),
    path("catalogus/<id:pk>/", views.indicator_edit, name="indicator_edit"),
]
