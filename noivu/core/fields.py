"""Model introspection shared by the code that writes rows generically (merge, bulk writers, forms)."""

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from noivu.core import dates, text


def concrete_field(model: type[models.Model], name: str) -> models.Field:
    """The field ``name`` of ``model`` (trường dữ liệu): a column of its table, not a reverse relation."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a concrete field")
    return field


def related_model(relation: models.ForeignObjectRel) -> type[models.Model]:
    """The model on the other side of ``relation``, resolved once the app registry is ready."""
    model = relation.related_model
    if isinstance(model, str):
        raise TypeError(f"{relation} is not resolved yet")
    return model


def entry_errors(instance: models.Model) -> dict[str, Any]:
    """The rules every entry path applies to any record's values (kiểm tra giá trị nhập), by field:
    dates within :data:`dates.FIRST_YEAR` … :data:`dates.LAST_YEAR`, text without control characters,
    direction overrides or only invisible characters (:func:`text.text_problem`)."""
    errors: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.DateField) and isinstance(value, dt.date):
            if not dates.is_plausible(value):
                errors[field.name] = str(
                    _("Năm %(year)s không hợp lý (từ %(first)s đến %(last)s).")
                    % {"year": value.year, "first": dates.FIRST_YEAR, "last": dates.LAST_YEAR}
                )
        elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            problem = text.text_problem(value)
            if problem is not None:
                errors[field.name] = problem
    return errors
