from django.urls import path

from baken.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("meldingen/", views.signals, name="signals"),
    path("regio/", views.region, name="region"),
    path("zorg/", views.care, name="care"),
    path("zorg/ctdc/", views.care_ctdc, name="care_ctdc"),
    path("handhaving/", views.enforcement, name="enforcement"),
    path("beleid/", views.policy, name="policy"),
]
urlpatterns += [
    path("risicobeeld/<id:pk>/risicobeeld.pdf", views.risk_picture_pdf, name="risk_picture_pdf"),
    path("jaarrapportage/", views.annual_reports, name="annual_reports"),
    path("jaarrapportage/<id:pk>/jaarrapportage.pdf", views.annual_report_pdf, name="annual_report_pdf"),
]
