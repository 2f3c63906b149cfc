from django.urls import path

from baken.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.otp_verify, name="otp_verify"),
    path("inloggen/instellen/", views.otp_enrol, name="otp_enrol"),
    path("inloggen/back-upcodes/", views.backup_codes, name="backup_codes"),
    path("uitloggen/", views.logout, name="logout"),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord/verstuurd/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("wachtwoord/nieuw/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("wachtwoord/gewijzigd/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mijn-instellingen/", views.own_settings, name="own_settings"),
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/nieuw/", views.user_create, name="user_create"),
    path("gebruikers/<id:pk>/", views.user_edit, name="user_edit"),
    path("gebruikers/<id:pk>/tweede-factor/", views.second_factor_reset, name="second_factor_reset"),
    path("gebruikers/<id:pk>/wachtwoordlink/", views.user_resend_link, name="user_resend_link"),
    path("gebruikers/lang-niet-ingelogd/", views.inactive_users, name="inactive_users"),
    path("gebruikers/goedkeuringen/", views.access_request_list, name="access_request_list"),
    path("gebruikers/goedkeuringen/<id:pk>/", views.access_request_detail, name="access_request_detail"),
    path("gebruikers/goedkeuringen/<id:pk>/besluit/", views.access_request_decide, name="access_request_decide"),
    path("gebruikers/goedkeuringen/<id:pk>/beoordeeld/", views.access_request_review, name="access_request_review"),
    path("gemeenten/", views.municipality_list, name="municipality_list"),
    path("gemeenten/nieuw/", views.municipality_create, name="municipality_create"),
]
