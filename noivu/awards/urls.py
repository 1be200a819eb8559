from django.urls import path

from noivu.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:pk>/eligibility/", views.eligibility, name="eligibility"),
    path("units/<int:pk>/councils/", views.councils, name="councils"),
    path("units/<int:pk>/quotas/", views.quotas, name="quotas"),
    path("units/<int:pk>/screening/", views.screening_job, name="screening_job"),
    path("screenings/<int:pk>/", views.screening_progress, name="screening_progress"),
    path("councils/<int:pk>/", views.council, name="council"),
    path("councils/<int:pk>/decide/", views.council_decide, name="council_decide"),
    path("councils/<int:pk>/nominees.xlsx", views.council_nominations, name="council_nominations"),
    path("councils/<int:pk>/annex.xlsx", views.council_annex, name="council_annex"),
    path("councils/<int:pk>/decision.docx", views.council_decision, name="council_decision"),
    path("councils/<int:pk>/decision.pdf", views.council_decision_pdf, name="council_decision_pdf"),
    path("movements/", views.movements, name="movements"),
    path("movements/<int:pk>/", views.movement, name="movement"),
    path("units/<int:pk>/movements/new/", views.movement_new, name="movement_new"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("persons/<int:pk>/initiatives/", views.person_initiatives, name="person_initiatives"),
]
