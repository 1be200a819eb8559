from django.urls import include, path
from django.views.generic import RedirectView

from noivu.api import api

urlpatterns = [
    path("", include("noivu.reports.urls")),
    path("", include("noivu.core.urls")),
    path("accounts/", include("noivu.accounts.urls")),
    path("organizations/", include("noivu.organizations.urls")),
    path("persons/", include("noivu.personnel.urls")),
    path("legislation/", include("noivu.legislation.urls")),
    path("staffing/", include("noivu.staffing.urls")),
    path("payroll/", include("noivu.payroll.urls")),
    path("positions/", include("noivu.positions.urls")),
    path("religion/", include("noivu.religion.urls")),
    path("admin-units/", include("noivu.admin_units.urls")),
    path("helpdesk/", include("noivu.helpdesk.urls")),
    path("evaluation/", include("noivu.evaluation.urls")),
    path("awards/", include("noivu.awards.urls")),
    path("recruitment/", include("noivu.recruitment.urls")),
    path("succession/", include("noivu.succession.urls")),
    path("workforce/", include("noivu.workforce.urls")),
    path("edossier/", include("noivu.edossier.urls")),
    path("exchange/", include("noivu.exchange.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
]

handler500 = "noivu.core.views.server_error"
