from django.urls import path

from baken.core import views
from baken.core.metrics import metrics

app_name = "core"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("metrics/", metrics, name="metrics"),
    path("beheer/huisstijl/", views.huisstijl, name="huisstijl"),
    path("beheer/instellingen/", views.organisation_settings, name="organisation_settings"),
    path("organisaties/<slug:slug>/logo/", views.organisation_logo, name="organisation_logo"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/export.csv", views.audit_log_csv, name="audit_log_csv"),
    path("audit/export.pdf", views.audit_log_pdf, name="audit_log_pdf"),
    path("berichten/", views.notifications, name="notifications"),
    path("sessie/verlengen/", views.session_keepalive, name="session_keepalive"),
    path("berichten/<id:pk>/gelezen/", views.notification_read, name="notification_read"),
]
