"""Model introspection shared by the code that writes rows generically (merge, bulk writers, forms)."""

from django.db import models


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
