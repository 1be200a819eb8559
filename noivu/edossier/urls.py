from django.urls import path

from noivu.edossier import views
from noivu.edossier.consent import views as consent_views
from noivu.edossier.selfservice import views as self_views

app_name = "edossier"
urlpatterns = [
    path("", views.index, name="index"),
    path("missing/", views.missing, name="missing"),
    path("identifiers/", views.identifiers, name="identifiers"),
    path("groups/", views.groups, name="groups"),
    path("export.xlsx", views.export, name="export"),
    path("sync/", views.sync, name="sync"),
    path("receiver/", views.receiver, name="receiver"),
    path("sync/integrity/", views.integrity_findings, name="integrity"),
    path("sync/integrity/export.xlsx", views.integrity_findings_export, name="integrity_export"),
    path("sync/reconciliation/", views.reconciliation_report, name="reconciliation"),
    path("sync/reconciliation/export.xlsx", views.reconciliation_export, name="reconciliation_export"),
    path("sync/reconciliation/<str:code>/", views.reconciliation_unit, name="reconciliation_unit"),
    path(
        "sync/reconciliation/<str:code>/export.xlsx",
        views.reconciliation_unit_export,
        name="reconciliation_unit_export",
    ),
    path("receiver/acknowledged/", views.receiver_acknowledged, name="receiver_acknowledged"),
    path("sync/export/", views.initial_export, name="initial_export"),
    path("sync/export/<int:pk>/file/", views.initial_export_file, name="initial_export_file"),
    path("me/", self_views.my_dossier, name="me"),
    path("me/propose/<slug:kind>/", self_views.propose, name="propose"),
    path("me/proposals/<int:pk>/withdraw/", self_views.withdraw, name="withdraw"),
    path("me/proposals/<int:pk>/attachment/", self_views.my_attachment, name="my_attachment"),
    path("proposals/", self_views.proposals, name="proposals"),
    path("proposals/<int:pk>/", self_views.proposal, name="proposal"),
    path("proposals/<int:pk>/attachment/", self_views.proposal_attachment, name="proposal_attachment"),
    path("accounts/", self_views.person_accounts, name="accounts"),
    path("activate/<uidb64>/<token>/", self_views.activate, name="activate"),
    path("consents/", consent_views.requests, name="consents"),
    path("consents/<int:pk>/dossier/", consent_views.consented_dossier, name="consented_dossier"),
    path("me/consents/<int:pk>/", consent_views.answer, name="answer_consent"),
]
