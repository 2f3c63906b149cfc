from django.urls import path

from baken.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("nieuw/", views.page_new, name="page_new"),
    path("zoekwoorden/", views.synonyms, name="synonyms"),
    path("zoekwoorden/<id:pk>/verwijderen/", views.synonym_remove, name="synonym_remove"),
    path("signalen/", views.signals_index, name="signals_index"),
    path("signalen/<slug:code>/", views.signals, name="signals"),
    path("signalen/<slug:code>/pdf/", views.signals_pdf, name="signals_pdf"),
    path("barrieremodellen/", views.barrier_index, name="barrier_index"),
    path("barrieremodellen/<slug:code>/", views.barrier_model, name="barrier_model"),
    path("barrieremodellen/<slug:code>/pdf/", views.barrier_pdf, name="barrier_pdf"),
    path("barrieremodellen/<slug:code>/versies/", views.barrier_history, name="barrier_history"),
    path("barrieremodellen/<slug:code>/versies/<id:pk>/terugzetten/", views.barrier_restore, name="barrier_restore"),
    path("barrieremodellen/<slug:code>/<slug:step>/bewerken/", views.barrier_edit, name="barrier_edit"),
    # Pages last: their slugs never take the names above (services.RESERVED_SLUGS).
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/pdf/", views.page_pdf, name="page_pdf"),
    path("<slug:slug>/bewerken/", views.page_edit, name="page_edit"),
    path("<slug:slug>/intrekken/", views.page_withdraw, name="page_withdraw"),
    path("<slug:slug>/versies/", views.page_history, name="page_history"),
    path("<slug:slug>/versies/<id:number>/terugzetten/", views.page_restore, name="page_restore"),
]
