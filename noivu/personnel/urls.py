from django.urls import path

from noivu.personnel import views, views_cv, views_dossier, views_excel, views_records

app_name = "personnel"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views_excel.import_form, name="import"),
    path("import/template.xlsx", views_excel.import_template, name="import_template"),
    path("import/<int:pk>/", views_excel.import_result, name="import_result"),
    path("import/<int:pk>/errors.xlsx", views_excel.import_errors, name="import_errors"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cv/", views_cv.cv_view, name="cv"),
    path("<int:pk>/dossier/", views_dossier.index, name="dossier"),
    path("<int:pk>/dossier/<str:kind>/", views_dossier.list_facts, name="dossier_list"),
    path("<int:pk>/dossier/<str:kind>/add/", views_dossier.add_fact, name="dossier_add"),
    path("retirements/", views_records.retirements, name="retirements"),
    path("retirements.xlsx", views_records.retirements_export, name="retirements_export"),
    path("duplicates/", views_records.duplicates, name="duplicates"),
    path("duplicates/merge/", views_records.merge, name="merge"),
    path("merges/", views_records.merges, name="merges"),
    path("addresses/", views_records.addresses, name="addresses"),
    path("addresses/convert/", views_records.addresses_convert, name="addresses_convert"),
    path("addresses/<int:pk>/choose/", views_records.address_choose, name="address_choose"),
]
