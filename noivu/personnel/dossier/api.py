"""REST endpoints of the dated facts of a personnel record (hồ sơ 2C), mounted at ``/dossier``.

``GET /dossier/{person_id}`` reads every fact by kind (family and health masked for users who may not
see personal data; each read is logged). ``POST /dossier/{person_id}/{kind}`` records one fact through
the same action as the web form; its body schema is derived from that form, with ISO dates.
"""

import json
from decimal import Decimal
from typing import Annotated, Any, Literal, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints, create_model

from noivu.accounts.http import AuthenticatedRequest
from noivu.core import audit
from noivu.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    CorrectionIn,
    ErrorOut,
    FieldErrorOut,
    IsoDate,
    RecordId,
    ValidationErrorOut,
)
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.actions import do_delete_fact, do_update_fact
from noivu.personnel.dossier.forms import FactKind
from noivu.personnel.models import Person
from noivu.personnel.privacy import personal_data_visible

router = Router(tags=["dossier"])


def form_field_annotation(form_field: forms.Field) -> tuple[Any, dict]:
    """The type and constraints of a JSON property for a form field."""
    if isinstance(form_field, forms.ChoiceField):
        codes: list[str] = []
        # ChoiceField normalises its choices to a list of pairs when it is built.
        for value, label in cast(list[tuple[Any, Any]], form_field.choices):
            group = label if isinstance(label, list | tuple) else [(value, label)]  # optgroups
            codes += [code for code, _name in group if code != ""]
        return Literal[tuple(dict.fromkeys(codes))], {}
    if isinstance(form_field, forms.DateField):
        return IsoDate, {}
    if isinstance(form_field, forms.DecimalField):
        return Decimal, {
            "ge": form_field.min_value or 0,
            "max_digits": form_field.max_digits,
            "decimal_places": form_field.decimal_places,
        }
    if isinstance(form_field, forms.IntegerField):
        # Strict: JSON's false is not the year 0, nor "7" the step 7.
        return int, {"ge": form_field.min_value or 0, "le": form_field.max_value or 32767, "strict": True}
    text = {"max_length": getattr(form_field, "max_length", None)}
    if form_field.required:
        # "" or spaces for a required text is refused here, naming the field, as the form refuses it.
        return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)], text
    return str, text


def fact_schema(fact_kind: FactKind, *, partial: bool = False) -> type[Schema]:
    """The JSON body of a fact of ``fact_kind``: the fields of its form, required where the form
    requires them; with ``partial``, the correction of a fact: the fields of its model that the form
    has, each optional (those sent are changed, ``null`` or ``""`` empties an optional one)."""
    fields: dict[str, Any] = {}
    names = correctable_fields(fact_kind) if partial else list(fact_kind.form.base_fields)
    for name in names:
        form_field = fact_kind.form.base_fields[name]
        annotation, constraints = form_field_annotation(form_field)
        description = str(form_field.label).capitalize()
        if form_field.required and not partial:
            fields[name] = (annotation, Field(..., description=description, **constraints))
        else:
            default = "" if annotation is str and not partial else None
            fields[name] = (annotation | None, Field(default, description=description, **constraints))
    suffix = "Patch" if partial else "In"
    return create_model(
        f"{fact_kind.model.__name__}{suffix}", __base__=CorrectionIn if partial else Schema, **fields
    )


def correctable_fields(fact_kind: FactKind) -> list[str]:
    """The fields of the kind's form that are fields of its model (what a correction may change)."""
    names = {f.name for f in fact_kind.model._meta.concrete_fields}
    return [name for name in fact_kind.form.base_fields if name in names]


class DossierOut(Schema):
    person_id: int
    masked: bool = Field(
        description="Quan hệ gia đình và sức khỏe bị che do không có quyền xem dữ liệu cá nhân."
    )
    facts: dict[str, list[dict[str, Any]]] = Field(
        description="Các thông tin theo loại (rank, salary, allowance, party, education, training, family, "
        "evaluation, award, discipline, health); ngày dạng yyyy-mm-dd, hệ số dạng chuỗi số thập phân."
    )


class FactOut(Schema):
    kind: str
    fact: dict[str, Any]


@router.get(
    "/{person_id}",
    operation_id="get_dossier",
    response={200: DossierOut, **DETAIL_ERRORS, 403: ErrorOut},
    summary="Hồ sơ 2C",
)
def dossier(request: AuthenticatedRequest, person_id: RecordId) -> dict[str, Any]:
    """Every dated fact of a person's record, by kind. Each read is written to the access log."""
    person = Person.objects.restrict(request.user).get_or_404(pk=person_id)
    audit.record_read(request, target=person, channel="api")
    full = personal_data_visible(request.user, person)
    return {
        "person_id": person.pk,
        "masked": not full,
        "facts": {
            slug: [fact_kind.data(row, masked=not full) for row in fact_kind.rows(person)]
            for slug, fact_kind in registry.listed_kinds().items()
        },
    }


def _add_endpoint(fact_kind: FactKind) -> None:
    body = fact_schema(fact_kind)

    def add(request: AuthenticatedRequest, person_id: RecordId, payload: Schema) -> Status:
        person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=person_id)
        values = {name: value for name, value in payload.model_dump().items() if value not in (None, "")}
        row = fact_kind.action(person=person, acting_user=request.user, **values)
        full = personal_data_visible(request.user, person)
        return Status(201, {"kind": fact_kind.slug, "fact": fact_kind.data(row, masked=not full)})

    add.__name__ = f"add_{fact_kind.slug}"
    # Django Ninja reads the body's schema from the annotation, which is built for each kind.
    add.__annotations__["payload"] = body
    add.__doc__ = (
        f"Ghi một thông tin loại «{fact_kind.title}» vào hồ sơ (cùng thao tác với trang bổ sung hồ sơ). "
        "Thông tin có thời hạn không ghi ngày kết thúc thay thế khoảng đang có hiệu lực, khoảng này "
        "kết thúc vào ngày hôm trước."
    )
    router.post(
        f"/{{person_id}}/{fact_kind.slug}",
        response={201: FactOut, **CREATE_ERRORS, 404: ErrorOut},
        summary=f"Bổ sung hồ sơ: {str(fact_kind.title).lower()}",
    )(add)


class FactRemovalIn(Schema):
    # Checked by the action, after the scope and the role, with the same message as the page.
    reason: str = Field("", max_length=2000, description="Lý do xóa (bắt buộc), lưu cùng dòng đã xóa.")


def require_json_object(request: AuthenticatedRequest) -> None:
    """Refuse a correction whose body is not a JSON object (``[]`` would otherwise read as "no change")."""
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise ValidationError({"__all__": [_("Nội dung gửi lên phải là một đối tượng JSON.")]})


def _fact_row(fact_kind: FactKind, person: Person, fact_id: int) -> Any:
    row = fact_kind.rows(person).filter(pk=fact_id).first()
    if row is None:
        raise Http404(_("Không tìm thấy thông tin này trong hồ sơ."))
    return row


def _required_left_empty(fact_kind: FactKind, values: dict[str, Any]) -> list[FieldErrorOut]:
    """The fields the entry form requires that the correction empties: refused as the form refuses them."""
    base = fact_kind.form.base_fields
    return [
        FieldErrorOut(field=name, message=str(base[name].error_messages["required"]))
        for name, value in values.items()
        if value in (None, "") and base[name].required
    ]


def _correction_endpoints(fact_kind: FactKind) -> None:
    body = fact_schema(fact_kind, partial=True)
    path = f"/{{person_id}}/{fact_kind.slug}/{{fact_id}}"

    def update(request: AuthenticatedRequest, person_id: RecordId, fact_id: RecordId, payload: Schema) -> Any:
        person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=person_id)
        row = _fact_row(fact_kind, person, fact_id)
        require_json_object(request)
        values = payload.model_dump(exclude_unset=True)
        empty = _required_left_empty(fact_kind, values)
        if empty:
            return Status(422, ValidationErrorOut(detail=_("Dữ liệu không hợp lệ."), errors=empty))
        row = do_update_fact(person=person, row=row, values=values, acting_user=request.user)
        full = personal_data_visible(request.user, person)
        return {"kind": fact_kind.slug, "fact": fact_kind.data(row, masked=not full)}

    update.__name__ = f"update_{fact_kind.slug.replace('-', '_')}"
    update.__annotations__["payload"] = body
    update.__doc__ = (
        f"Sửa một thông tin loại «{fact_kind.title}» của hồ sơ (cùng thao tác với trang sửa): chỉ các "
        "trường gửi lên được sửa; các quy tắc của loại thông tin được kiểm tra lại; lịch sử giữ giá trị cũ."
    )
    router.patch(
        path,
        response={200: FactOut, **CREATE_ERRORS, 404: ErrorOut},
        summary=f"Sửa hồ sơ: {str(fact_kind.title).lower()}",
    )(update)

    def delete(
        request: AuthenticatedRequest, person_id: RecordId, fact_id: RecordId, payload: FactRemovalIn
    ) -> Status:
        person = Person.objects.restrict(request.user).select_related("organization").get_or_404(pk=person_id)
        row = _fact_row(fact_kind, person, fact_id)
        require_json_object(request)
        do_delete_fact(person=person, row=row, acting_user=request.user, reason=payload.reason)
        return Status(204, None)

    delete.__name__ = f"delete_{fact_kind.slug.replace('-', '_')}"
    delete.__doc__ = (
        f"Xóa một thông tin loại «{fact_kind.title}» nhập nhầm khỏi hồ sơ, có lý do (bắt buộc): dòng không "
        "còn trong hồ sơ nhưng vẫn được lưu cùng lịch sử, người xóa, thời điểm và lý do xóa."
    )
    router.delete(
        path,
        response={204: None, **CREATE_ERRORS, 404: ErrorOut},
        summary=f"Xóa khỏi hồ sơ: {str(fact_kind.title).lower()}",
    )(delete)


# Made when the URLs are loaded, after every app has registered its parts in its ready().
for _fact_kind in registry.fact_kinds().values():
    _add_endpoint(_fact_kind)
for _fact_kind in registry.listed_kinds().values():
    _correction_endpoints(_fact_kind)
