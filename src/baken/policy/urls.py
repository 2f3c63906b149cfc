from django.urls import path

from baken.policy import views

app_name = "policy"

urlpatterns = [
    path("", views.index, name="index"),
    path("zelfevaluatie/nieuw/", views.assessment_new, name="assessment_new"),
    path("zelfevaluatie/<id:pk>/", views.assessment_detail, name="assessment"),
    path("zelfevaluatie/<id:pk>/vaststellen/", views.assessment_adopt, name="assessment_adopt"),
    path("zelfevaluatie/<id:pk>/vergelijken/", views.assessment_compare, name="assessment_compare"),
    path("bouwstenen/<id:pk>/", views.item_edit, name="item"),
    path("bouwstenen/<id:pk>/actie/", views.item_action, name="item_action"),
    path("kader/", views.kader_catalogue, name="kader_catalogue"),
    path("kader/nieuw/", views.local_block_new, name="local_block_new"),
    path("kader/<id:pk>/", views.local_block_edit, name="local_block"),
    path("kader/<id:pk>/intrekken/", views.local_block_withdraw, name="local_block_withdraw"),
    path("plannen/nieuw/", views.plan_new, name="plan_new"),
    path("plannen/<id:pk>/", views.plan_detail, name="plan"),
    path("plannen/<id:pk>/wijzigen/", views.plan_edit, name="plan_edit"),
    path("plannen/<id:pk>/raadsinformatiebrief.pdf", views.plan_pdf, name="plan_pdf"),
    path("plannen/<id:pk>/acties/nieuw/", views.action_new, name="action_new"),
    path("plannen/<id:pk>/doelen/nieuw/", views.goal_new, name="goal_new"),
    path("doelen/<id:pk>/", views.goal_edit, name="goal"),
    path("acties/<id:pk>/", views.action_edit, name="action"),
    path("acties/<id:pk>/voortgang/", views.action_progress, name="action_progress"),
    path("risicobeeld/", views.risk_index, name="risk_index"),
    path("risicobeeld/<id:pk>/", views.risk_detail, name="risk"),
    path("risicobeeld/<id:pk>/partners/", views.risk_intelligence, name="risk_intelligence"),
    path("risicobeeld/vormen/<id:pk>/", views.risk_row_edit, name="risk_row"),
]
