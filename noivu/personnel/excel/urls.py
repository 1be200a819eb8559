from django.urls import path

from noivu.personnel.excel import views

urlpatterns = [
    path("import/", views.import_form, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_result, name="import_result"),
    path("import/<int:pk>/errors.xlsx", views.import_errors, name="import_errors"),
]
