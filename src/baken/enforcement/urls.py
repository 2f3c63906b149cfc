from django.urls import path

from baken.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.index, name="index"),
    path("termijnen/", views.deadlines, name="deadlines"),
    path("planning/", views.planning, name="planning"),
    path("planning/prioriteit/", views.priorities, name="priorities"),
    path("planning/prioriteit/export/", views.priorities_export, name="priorities_export"),
    path("brieven/", views.letter_templates, name="letter_templates"),
    path("brieven/<str:kind>/", views.letter_template_edit, name="letter_template_edit"),
    path(
        "brieven/<str:kind>/versies/<id:revision_pk>/terugzetten/",
        views.letter_template_restore,
        name="letter_template_restore",
    ),
    path("locaties/nieuw/", views.location_create, name="location_create"),
    path("locaties/<id:pk>/", views.location, name="location"),
    path("locaties/<id:pk>/wijzigen/", views.location_edit, name="location_edit"),
    path("locaties/<id:pk>/betrokkenen/", views.party_add, name="party_add"),
    path("locaties/<id:pk>/vergunningen/", views.licence_add, name="licence_add"),
    path("locaties/<id:pk>/zaken/nieuw/", views.case_new, name="case_new"),
    path("zaken/<id:pk>/", views.case, name="case"),
    path("zaken/<id:pk>/fase/", views.case_transition, name="case_transition"),
    path("zaken/<id:pk>/controles/nieuw/", views.inspection_new, name="inspection_new"),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/", views.inspection, name="inspection"),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/vastleggen/", views.inspection_record, name="inspection_record"),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/concept/", views.inspection_draft, name="inspection_draft"),
    path(
        "zaken/<id:pk>/controles/<id:inspection_pk>/concept/verwijderen/",
        views.inspection_draft_delete,
        name="inspection_draft_delete",
    ),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/fotos/", views.inspection_photo_add, name="inspection_photo_add"),
    path(
        "zaken/<id:pk>/controles/<id:inspection_pk>/fotos/<id:photo_pk>/",
        views.inspection_photo,
        name="inspection_photo",
    ),
    path(
        "zaken/<id:pk>/controles/<id:inspection_pk>/doorzetten/",
        views.inspection_hand_over,
        name="hand_over",
    ),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/bevindingen/", views.finding_add, name="finding_add"),
    path("zaken/<id:pk>/controles/<id:inspection_pk>/barrieres/", views.inspection_barrier, name="inspection_barrier"),
    path("zaken/<id:pk>/maatregelen/<id:measure_pk>/barrieres/", views.measure_barrier, name="measure_barrier"),
    path("zaken/<id:pk>/maatregelen/<id:measure_pk>/brief/<str:kind>/", views.letter_pdf, name="letter_pdf"),
    path("zaken/<id:pk>/bibob/nieuw/", views.bibob_new, name="bibob_new"),
    path("zaken/<id:pk>/bibob/<id:bibob_pk>/", views.bibob, name="bibob"),
    path("zaken/<id:pk>/maatregelen/nieuw/", views.measure_new, name="measure_new"),
    path("zaken/<id:pk>/maatregelen/<id:measure_pk>/", views.measure, name="measure"),
    path("zaken/<id:pk>/maatregelen/<id:measure_pk>/rechtsmiddelen/", views.appeal_add, name="appeal_add"),
    path(
        "zaken/<id:pk>/maatregelen/<id:measure_pk>/rechtsmiddelen/<id:appeal_pk>/",
        views.appeal_decide,
        name="appeal_decide",
    ),
]
