from django.urls import path

from baken.care import views

app_name = "care"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.case_new, name="case_new"),
    path("aanmeldingen/<id:pk>/", views.handover, name="handover"),
    path("<id:pk>/", views.case_page, name="case"),
    path("<id:pk>/fase/", views.transition, name="transition"),
    path("<id:pk>/naam/", views.reveal, name="reveal"),
    path("<id:pk>/persoon/", views.person, name="person"),
    path("<id:pk>/samenvatting/", views.summary, name="summary"),
    path("<id:pk>/plan/", views.goal_add, name="goal_add"),
    path("<id:pk>/plan/<id:goal_pk>/afronden/", views.goal_close, name="goal_close"),
    path("<id:pk>/plan/<id:goal_pk>/afspraken/", views.plan_action_add, name="plan_action_add"),
    path("<id:pk>/plan/afspraken/<id:action_pk>/gedaan/", views.plan_action_done, name="plan_action_done"),
    path("<id:pk>/opvangadres/", views.shelter_address, name="shelter_address"),
    path("<id:pk>/procedures/", views.procedure_add, name="procedure_add"),
    path("<id:pk>/procedures/<id:procedure_pk>/afgerond/", views.procedure_done, name="procedure_done"),
    path("<id:pk>/verwijzingen/", views.referral_add, name="referral_add"),
    path("<id:pk>/verwijzingen/<id:referral_pk>/", views.referral_update, name="referral_update"),
]
urlpatterns += [
    path("opvangkosten/", views.shelter_costs, name="shelter_costs"),
    path("aanbieders/", views.providers, name="providers"),
    path("aanbieders/nieuw/", views.provider_edit, name="provider_new"),
    path("aanbieders/<id:pk>/", views.provider_edit, name="provider_edit"),
    path("<id:pk>/opvang/", views.shelter_add, name="shelter_add"),
    path("<id:pk>/contacten/", views.contact_add, name="contact_add"),
    path("<id:pk>/opvang/<id:placement_pk>/einde/", views.shelter_end, name="shelter_end"),
    path("<id:pk>/comensha/", views.comensha, name="comensha"),
    path("<id:pk>/afsluiten/<id:request_pk>/", views.closure_decide, name="closure_decide"),
    path("regio/instellingen/", views.region_settings, name="region_settings"),
    path("<id:pk>/comensha/export.<str:fmt>", views.comensha_export, name="comensha_export"),
    path("<id:pk>/sporen/", views.track_add, name="track_add"),
    path("<id:pk>/sporen/<id:track_pk>/stap/", views.track_step, name="track_step"),
    path("<id:pk>/uitbuiting/", views.methods, name="methods"),
]
