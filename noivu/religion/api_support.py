"""What the app's API routers share: binding a body to the page's form, and plain JSON values."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from noivu.organizations.models import Organization


def plain(value: Any) -> Any:
    """A presenter's value as JSON: dates ISO, decimals as text, choices by label."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "label"):
        return str(value.label)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def unit_pk(user: Any, code: Any, field: str = "organization", action: str = "change") -> int:
    """The id of the unit with ``code`` where ``user`` may ``action``; a 422 naming ``field`` otherwise (the
    same answer for a unit that does not exist and one outside the scope)."""
    found = (
        Organization.objects.restrict(user, action)
        .filter(code=str(code or ""))
        .values_list("pk", flat=True)
        .first()
    )
    if found is None:
        raise ValidationError({field: _("Không tìm thấy đơn vị có mã này trong phạm vi của bạn.")})
    return int(found)


def bound(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned data of ``form``; a ValidationError naming each field in error (the API's 422)."""
    if not form.is_valid():
        raise ValidationError(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    return form.cleaned_data


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The body as a JSON object; a 422 when it is not one."""
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ValidationError({"__all__": [_("Nội dung gửi lên không phải JSON hợp lệ.")]}) from error
    if not isinstance(body, dict):
        raise ValidationError({"__all__": [_("Nội dung gửi lên phải là một đối tượng JSON.")]})
    return body
