from django.urls import path

from noivu.payroll import views

app_name = "payroll"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/review/", views.run_review, name="run_review"),
    path("runs/<int:pk>/lock/", views.run_lock, name="run_lock"),
    path("runs/<int:pk>/sheet.xlsx", views.run_sheet, name="run_sheet"),
    path("runs/<int:pk>/bank.xlsx", views.run_bank, name="run_bank"),
    path("persons/<int:pk>/", views.person, name="person"),
    path("persons/<int:pk>/rank/", views.person_rank, name="person_rank"),
    path("raises/", views.raises, name="raises"),
    path("raises/propose/", views.raises_propose, name="raises_propose"),
    path("raises/grant/", views.raises_grant, name="raises_grant"),
    path("raises/proposals/", views.proposals, name="proposals"),
    path("raises/proposals/<int:pk>/", views.proposal, name="proposal"),
    path("raises/proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("raises/proposals/<int:pk>/approve/", views.proposal_approve, name="proposal_approve"),
    path("raises/proposals/<int:pk>/return/", views.proposal_return, name="proposal_return"),
    path("raises/proposals/<int:pk>/list.xlsx", views.proposal_sheet, name="proposal_sheet"),
    path("raises/notices/<int:pk>.docx", views.proposal_notice, name="proposal_notice"),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("scenarios/<int:pk>/", views.scenario, name="scenario"),
    path("scenarios/<int:pk>/export.xlsx", views.scenario_export, name="scenario_export"),
]
