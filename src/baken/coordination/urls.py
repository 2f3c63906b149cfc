from django.urls import path

from baken.coordination import views

app_name = "coordination"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("escalaties/", views.escalations, name="escalations"),
    path("selectie/", views.bulk, name="bulk"),
    path("export.csv", views.inbox_export, name="inbox_export"),
    path("<id:pk>/", views.signal_page, name="signal"),
    path("<id:pk>/afdrukken/", views.signal_print, name="signal_print"),
    path("<id:pk>/notitie/", views.note_add, name="note_add"),
    path("<id:pk>/toewijzen/", views.assign, name="assign"),
    path("<id:pk>/status/", views.transition, name="transition"),
    path("<id:pk>/bericht/", views.share_message, name="share_message"),
    path("<id:pk>/koppelen/", views.link, name="link"),
    path("<id:pk>/koppelen/zoeken/", views.link_lookup, name="link_lookup"),
    path("<id:pk>/samenvoegen/", views.merge, name="merge"),
    path("<id:pk>/escalaties/nieuw/", views.escalation_new, name="escalation_new"),
    path("<id:pk>/escalaties/<id:escalation_pk>/", views.escalation_detail, name="escalation"),
    path("<id:pk>/escalaties/<id:escalation_pk>/overdracht.pdf", views.escalation_pdf, name="escalation_pdf"),
]
