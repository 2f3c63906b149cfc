from django.urls import path

from baken.coordination import views

app_name = "coordination"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.signal_page, name="signal"),
    path("<int:pk>/notitie/", views.note_add, name="note_add"),
    path("<int:pk>/toewijzen/", views.assign, name="assign"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/bericht/", views.share_message, name="share_message"),
    path("<int:pk>/koppelen/", views.link, name="link"),
    path("<int:pk>/samenvoegen/", views.merge, name="merge"),
    path("<int:pk>/escalaties/nieuw/", views.escalation_new, name="escalation_new"),
    path("<int:pk>/escalaties/<int:escalation_pk>/", views.escalation_detail, name="escalation"),
    path("<int:pk>/escalaties/<int:escalation_pk>/overdracht.pdf", views.escalation_pdf, name="escalation_pdf"),
]
