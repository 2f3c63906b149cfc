from django.urls import path

from baken.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("mijn/", views.attending, name="attending"),
    path("aanmeldingen/", views.referrals, name="referrals"),
    path("aanmeldingen/nieuw/", views.referral_new, name="referral_new"),
    path("aanmeldingen/<id:pk>/", views.referral, name="referral"),
    path("aanmeldingen/<id:pk>/fase/", views.referral_transition, name="referral_transition"),
    path("aanmeldingen/<id:pk>/triage/", views.referral_triage, name="referral_triage"),
    path("aanmeldingen/<id:pk>/afsluiten/", views.referral_close, name="referral_close"),
    path("aanmeldingen/<id:pk>/koppelen/", views.referral_link, name="referral_link"),
    path("inzage/", views.subject_export, name="subject_export"),
    path("overleggen/nieuw/", views.meeting_new, name="meeting_new"),
    path("overleggen/<id:pk>/", views.meeting, name="meeting"),
    path("overleggen/<id:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("overleggen/<id:pk>/verslag.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("overleggen/<id:pk>/verstuurd/", views.dispatch_add, name="dispatch_add"),
    path("overleggen/<id:pk>/deelnemers/", views.attendee_add, name="attendee_add"),
    path("overleggen/<id:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/", views.item, name="item"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/besproken/", views.item_discussed, name="item_discussed"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/analyse/", views.item_analysis, name="item_analysis"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/deellog/", views.sharing_add, name="sharing_add"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/acties/", views.action_add, name="action_add"),
    path("overleggen/<id:pk>/agenda/<id:item_pk>/acties/<id:action_pk>/", views.action_update, name="action_update"),
]
