"""The printable CV (sơ yếu lý lịch mẫu 2C): HTML ready for A4 printing, or PDF.

Every view of the full record is written to the access log (Nghị định 13/2023/NĐ-CP); the PDF is an
export and needs the export right.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from noivu.accounts.audit import log_access
from noivu.accounts.models import AccessLog
from noivu.core.permissions import Action, can, get_scoped_or_404
from noivu.personnel.cv import build_cv
from noivu.personnel.models import Person
from noivu.personnel.privacy import personal_data_visible

TEMPLATE = "personnel/cv_2c.html"


@login_required
def cv_view(request: HttpRequest, pk: int) -> HttpResponse:
    persons = Person.objects.select_related("organization")
    person = get_scoped_or_404(request.user, persons, Action.VIEW, pk=pk)
    as_pdf = request.GET.get("format") == "pdf"
    if as_pdf and not can(request.user, Action.EXPORT, person):
        raise PermissionDenied(_("Bạn không có quyền kết xuất hồ sơ này."))
    cv = build_cv(person, full=personal_data_visible(request.user, person))
    log_access(request, AccessLog.Event.EXPORT if as_pdf else AccessLog.Event.VIEW_RECORD, target=person)
    context = {"cv": cv, "person": person, "for_pdf": as_pdf}
    if not as_pdf:
        return render(request, TEMPLATE, context)
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    html = render_to_string(TEMPLATE, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="so-yeu-ly-lich-{person.pk}.pdf"'
    return response
