"""Every request body of the API reads integers and dates strictly, as docs/api.md promises.

Pydantic's default would take ``"year": false`` as the year 0, ``"2024"`` as 2024 and ``0`` or
``1700000000`` as a date (a Unix time); the coverage phase of the schema run would not notice, since
such a value is then refused by a rule or stored without a server error. So every integer and date
field of every body is tried here directly.
"""

import datetime as dt
import types
import typing
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from noivu.api import api


def _body_models() -> dict[str, type[BaseModel]]:
    """The body schema of each operation that reads one, by operation id."""
    api.get_openapi_schema()  # builds every router's operations
    found: dict[str, type[BaseModel]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = operation.operation_id or api.get_openapi_operation_id(operation)
                for model in operation.models:
                    if getattr(model, "__ninja_param_source__", None) != "body":
                        continue
                    for field in model.model_fields.values():
                        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
                            found[name] = field.annotation
    return found


def _base_types(annotation: Any) -> set[Any]:
    if typing.get_origin(annotation) is Annotated:
        return _base_types(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return set().union(*(_base_types(arg) for arg in typing.get_args(annotation)))
    return {annotation}


def _annotated(field: Any) -> Any:
    """The field's type with its constraints (``Strict``, ``ge`` …), as pydantic applies them."""
    return Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def _fields(kind: type) -> list[tuple[str, str, Any]]:
    return [
        (operation, f"{model.__name__}.{name}", _annotated(field))
        for operation, model in sorted(_body_models().items())
        for name, field in model.model_fields.items()
        if kind in _base_types(field.annotation)
    ]


def test_bodies_are_found():
    assert {"create_person", "merge_persons", "add_evaluation", "choose_address"} <= set(_body_models())


@pytest.mark.parametrize(("operation", "field", "annotation"), _fields(int))
def test_integers_of_a_body_are_strict(operation, field, annotation):
    adapter = TypeAdapter(annotation)
    for value in (False, True, "2024", 2024.0):
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


@pytest.mark.parametrize(("operation", "field", "annotation"), _fields(dt.date))
def test_dates_of_a_body_are_iso_dates_only(operation, field, annotation):
    adapter = TypeAdapter(annotation)
    for value in (0, 1_700_000_000, "1700000000", "08/03/1990"):
        with pytest.raises(ValidationError):
            adapter.validate_python(value)
    assert adapter.validate_python("1990-03-08") == dt.date(1990, 3, 8)
