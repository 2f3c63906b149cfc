from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("baken.home.urls")),
    path("", include("baken.core.urls")),
    path("account/", include("baken.accounts.urls")),
    path("signalen/", include("baken.signalling.urls")),
    path("triage/", include("baken.coordination.urls")),
    path("partners/", include("baken.partners.urls")),
    path("zorg/", include("baken.care.urls")),
    path("kennisbank/", include("baken.knowledge.urls")),
    path("handhaving/", include("baken.enforcement.urls")),
    path("preventie/", include("baken.prevention.urls")),
    path("beleid/", include("baken.policy.urls")),
    path("casusoverleg/", include("baken.meetings.urls")),
    path("rapportage/", include("baken.reporting.urls")),
    path("privacy/", include("baken.retention.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

handler403 = "baken.core.views.error_403"
handler404 = "baken.core.views.error_404"
handler500 = "baken.core.views.error_500"
