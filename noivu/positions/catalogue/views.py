"""The catalogue pages: the list (every signed-in user reads it), a position with its description,
framework and history of changes, and for the Ministry's staff who keep it (a right to change over the
whole country) the editing form, the Excel export and the all-or-nothing import."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.excel.reader import WorkbookError
from noivu.core.forms import styled_filters
from noivu.core.http import XLSX
from noivu.core.listing import list_table
from noivu.core.permissions import Action, is_national, may_somewhere
from noivu.personnel.codelists import education_levels, rank_name
from noivu.positions import actions
from noivu.positions.catalogue.excel import column_header, error_workbook, export_catalogue, read_catalogue
from noivu.positions.catalogue.forms import CatalogPositionForm, CatalogueUploadForm
from noivu.positions.catalogue.history import position_history
from noivu.positions.catalogue.rules import (
    LEVELS,
    checked_position,
    parse_competencies,
    problems_of,
    rule_label,
)
from noivu.positions.filters import CatalogFilters
from noivu.positions.models import CatalogPosition, LeadershipRole
from noivu.positions.presenters import CatalogPresenter


def edit_refused() -> str:
    return _("Chỉ cán bộ cấp Bộ được giao quyền trên toàn quốc mới sửa danh mục vị trí việc làm.")


def may_edit_catalogue(user: Any) -> bool:
    """The catalogue is national: changed by whoever may change data over the whole country."""
    return is_national(user, Action.CHANGE)


def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    """The national position catalogue, by kind of staff and group."""
    filters = CatalogFilters(request.GET, user=request.user)
    rows = filters.apply(CatalogPosition.objects.restrict(request.user))
    return render(
        request,
        "positions/catalogue.html",
        {
            "filter_form": styled_filters(filters.form),
            "table": list_table(
                request,
                "position_catalogue",
                rows,
                CatalogPresenter,
                default_sort="code",
                link=lambda c: reverse("positions:catalogue_position", args=[c.pk]),
            ),
            "may_edit": may_edit_catalogue(request.user),
            "query": request.GET.urlencode(),
        },
    )


def catalogue_position(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A catalogue position: its job description, competency framework, minimum rank and qualification,
    and its history of changes with who made them and why."""
    item = CatalogPosition.objects.restrict(request.user).get_or_404(pk=pk)
    rank = rank_name(item.min_rank_code) if item.min_rank_code else ""
    return render(
        request,
        "positions/catalogue_position.html",
        {
            "item": item,
            "level_label": dict(LEVELS).get(item.level, item.level),
            "role_label": dict(LeadershipRole.choices).get(item.leadership_role, ""),
            "rank_label": f"{item.min_rank_code} – {rank}" if rank else item.min_rank_code,
            "qualification_label": education_levels("professional").name_of(item.min_qualification)
            if item.min_qualification
            else "",
            "history": position_history(item),
            "may_edit": may_edit_catalogue(request.user),
        },
    )


def _apply_errors(form: CatalogPositionForm, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
        return
    for name, _rule, message in problems_of(error):
        form.add_error(name if name in form.fields else None, message)


def _save(
    request: AuthenticatedRequest,
    form: CatalogPositionForm,
    item: CatalogPosition | None,
    code: str,
    reason: str,
    data: dict[str, Any],
) -> CatalogPosition | None:
    """Save through the action; every problem goes back to its field. A framework that cannot be read
    is shown together with the other fields' problems, found by the same check without saving."""
    try:
        data["competencies"] = parse_competencies(data["competencies"])
    except ValidationError as unreadable:
        form.add_error("competencies", unreadable.messages[0])
        data["competencies"] = []
        try:
            fresh = CatalogPosition.objects.unrestricted().get(pk=item.pk) if item is not None else None
            checked_position(code, data, fresh)
        except ValidationError as error:
            _apply_errors(form, error)
        return None
    try:
        return actions.do_save_catalog_position(code=code, acting_user=request.user, reason=reason, **data)
    except (ValidationError, PermissionDenied) as error:
        _apply_errors(form, error)
        return None


def catalogue_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Add a position to the catalogue (no ``pk``) or change one; the same check as the API and the import."""
    if not may_edit_catalogue(request.user):
        raise PermissionDenied(edit_refused())
    item = CatalogPosition.objects.restrict(request.user).get_or_404(pk=pk) if pk is not None else None
    form = CatalogPositionForm(position=item)
    if request.method == "POST":
        form = CatalogPositionForm(request.POST, position=item)
        if form.is_valid():
            data = dict(form.cleaned_data)
            code = item.code if item is not None else data.pop("code")
            data.pop("code", None)
            reason = data.pop("reason")
            if item is None and CatalogPosition.objects.unrestricted().filter(code=code.strip()).exists():
                form.add_error("code", _("Mã vị trí %(code)s đã có trong danh mục.") % {"code": code})
            else:
                saved = _save(request, form, item, code, reason, data)
                if saved is not None:
                    messages.success(request, _("Đã lưu vị trí %(code)s.") % {"code": saved.code})
                    return redirect("positions:catalogue_position", pk=saved.pk)
    return render(request, "positions/catalogue_edit.html", {"item": item, "form": form})


def catalogue_export(request: AuthenticatedRequest) -> HttpResponse:
    """The catalogue (as filtered) as a workbook to edit in Excel and import back."""
    if not may_somewhere(request.user, Action.EXPORT):
        raise PermissionDenied(_("Bạn không có quyền kết xuất dữ liệu."))
    # National data every signed-in user reads: whoever may export somewhere exports all of it.
    filters = CatalogFilters(request.GET, user=request.user)
    rows = filters.apply(CatalogPosition.objects.restrict(request.user)).order_by("code")
    audit.record_read(request, audit.DATA_EXPORTED, extra={"list": "position_catalogue"})
    response = HttpResponse(export_catalogue(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="danh-muc-vi-tri-viec-lam.xlsx"'
    return response


def catalogue_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload an edited catalogue workbook: every row checked, nothing saved unless all are right."""
    if not may_edit_catalogue(request.user):
        raise PermissionDenied(edit_refused())
    form = CatalogueUploadForm()
    context: dict[str, Any] = {}
    if request.method == "POST":
        form = CatalogueUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["workbook"]
            content = upload.read()
            try:
                rows = read_catalogue(content)
                result = actions.do_import_catalogue(
                    rows=rows,
                    source=upload.name or "",
                    acting_user=request.user,
                    reason=form.cleaned_data["reason"] or _("Nhập từ tệp %(name)s") % {"name": upload.name},
                )
            except WorkbookError as error:
                context["file_errors"] = error.messages
            except actions.CatalogueImportRefused as refused:
                context["problems"] = [
                    {"row": row, "column": column_header(name), "rule": rule_label(rule), "message": message}
                    for row, name, rule, message in refused.problems
                ]
                context["error_file"] = _keep_error_workbook(
                    request, error_workbook(content, refused.problems)
                )
            except (ValidationError, PermissionDenied) as error:
                context["file_errors"] = getattr(error, "messages", [str(error)])
            else:
                context["result"] = result
    context["form"] = form
    return render(request, "positions/catalogue_import.html", context)


ERROR_FILES = "positions_catalogue_error_files"
ERROR_FILES_KEPT = 5


def _keep_error_workbook(request: AuthenticatedRequest, content: bytes) -> str:
    """Store the error workbook of a refused import for its uploader; the token to download it by."""
    token = uuid.uuid4().hex
    default_storage.save(f"catalogue-imports/{token}-loi.xlsx", ContentFile(content))
    tokens = [token, *request.session.get(ERROR_FILES, [])]
    for old in tokens[ERROR_FILES_KEPT:]:
        default_storage.delete(f"catalogue-imports/{old}-loi.xlsx")
    request.session[ERROR_FILES] = tokens[:ERROR_FILES_KEPT]
    return token


def catalogue_import_errors(request: AuthenticatedRequest, token: str) -> FileResponse:
    """The error workbook of the user's own refused import (the last few are kept)."""
    if not may_edit_catalogue(request.user):
        raise PermissionDenied(edit_refused())
    name = f"catalogue-imports/{token}-loi.xlsx"
    if token not in request.session.get(ERROR_FILES, []) or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename="loi-nhap-danh-muc-vi-tri-viec-lam.xlsx",
        content_type=XLSX,
    )
