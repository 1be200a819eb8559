"""One filter definition per list (bộ lọc): the same declaration gives the HTML filter form, the API's
query schema and the narrowing of the queryset used by the page, the API and the export.

A list declares a :class:`FilterSet` subclass whose class attributes are :class:`Filter` objects::

    class PersonFilters(FilterSet):
        category = Filter(forms.ChoiceField(...), lambda qs, value, f: qs.filter(category=value))

Every filter set has an as-of date (``as_of``, today in Vietnam by default): filters that read dated
facts answer as of that day, so that any figure can be replayed. A list that reads no dated fact (requests,
events) declares ``offers_as_of = False``. Values from the API are validated by
the same form as values from the page: one set of rules, one set of messages.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import create_model

from noivu.core import dates
from noivu.core.widgets import TreeSelect

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


@dataclass(frozen=True)
class Filter:
    """One criterion of a list: its form field (label, validation), how it narrows the queryset, and
    its type and description in the API."""

    field: forms.Field
    apply: Callable[[QuerySet, Any, "FilterSet"], QuerySet]
    api_type: Any = str
    description: str = ""
    choices: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def choice_field(choices: Any, label: Any, empty: Any = "—") -> forms.ChoiceField:
    """An optional choice among ``choices``, ``empty`` naming the choice of "any"."""
    return forms.ChoiceField(label=label, required=False, choices=[("", empty), *choices])


def equals(lookup: str) -> Callable[[QuerySet, Any, "FilterSet"], QuerySet]:
    """Narrowing to the rows whose ``lookup`` equals the value chosen."""

    def narrow(rows: QuerySet, value: Any, filters: "FilterSet") -> QuerySet:
        return rows.filter(**{lookup: value})

    return narrow


def keep_all(rows: QuerySet, value: Any, filters: "FilterSet") -> QuerySet:
    """For a parameter the list's engine reads from the filter set (a period, a rule) rather than a
    narrowing of its rows."""
    return rows


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    """A date typed dd/mm/yyyy on a page (yyyy-mm-dd also accepted, as the API sends it)."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
        **kwargs,
    )


def _limits(field: forms.Field) -> dict[str, Any]:
    """The form field's bounds, documented in the API schema so that a value the schema allows is one
    the form accepts (text without NUL characters, which Django's text fields refuse). They are only
    documented: the form validates, so the page and the API give the same messages."""
    limits: dict[str, Any] = {}
    keywords = (("min_value", "minimum"), ("max_value", "maximum"), ("max_length", "maxLength"))
    for attribute, keyword in keywords:
        value = getattr(field, attribute, None)
        if value is not None:
            limits[keyword] = value
    if isinstance(field, forms.CharField):
        limits["pattern"] = r"^[^\x00]*$"
    return limits


class FilterSet:
    """The declared filters of a list, bound to the data of a request (page or API) and a user."""

    filters: ClassVar[dict[str, Filter]] = {}
    # Whether the list reads dated facts and so offers the as-of date; a list of requests or events does not.
    offers_as_of: ClassVar[bool] = True
    _schema: ClassVar[type[Schema]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = {name: value for name, value in vars(cls).items() if isinstance(value, Filter)}
        cls.filters = {**cls.filters, **declared}

    def __init__(self, data: Mapping[str, Any] | None, *, user: Any) -> None:
        self.user = user
        self.data = data if data is not None else {}
        self.form = self.form_class()(self.data)
        for field in self.form.fields.values():
            if isinstance(field.widget, TreeSelect):
                field.widget.user = user
            elif getattr(field.widget, "input_type", None) in ("text", "number"):
                # The filter bars hide their labels (read aloud only): a styled box says what it takes.
                field.widget.attrs.setdefault("class", "input")
                field.widget.attrs.setdefault("placeholder", str(field.label))
        self.form.is_valid()

    @classmethod
    def form_class(cls) -> type[forms.Form]:
        fields: dict[str, forms.Field] = {"as_of": date_field(_("Tính đến ngày"))} if cls.offers_as_of else {}
        fields.update({name: spec.field for name, spec in cls.filters.items()})
        return type(f"{cls.__name__}Form", (forms.Form,), dict(fields))

    @classmethod
    def schema(cls) -> type[Schema]:
        """The API's query parameters: every filter, optional, with its description (built once)."""
        if "_schema" not in cls.__dict__:
            cls._schema = cls._build_schema()
        return cls._schema

    @classmethod
    def _build_schema(cls) -> type[Schema]:
        from noivu.core.api import IsoDate

        fields: dict[str, Any] = {}
        if cls.offers_as_of:
            fields["as_of"] = (
                IsoDate | None,
                Field(None, description="Tính đến ngày (yyyy-mm-dd); mặc định hôm nay."),
            )
        for name, spec in cls.filters.items():
            fields[name] = (
                spec.api_type | None,
                Field(
                    None,
                    description=spec.description or str(spec.field.label),
                    json_schema_extra=_limits(spec.field),
                ),
            )
        return create_model(f"{cls.__name__}Query", __base__=Schema, **fields)

    @classmethod
    def from_schema(cls, query: Schema, *, user: Any) -> Self:
        """Bind the values the API received; raise a ValidationError naming each field in error."""
        bound = cls({k: v for k, v in query.dict().items() if v is not None}, user=user)
        if not bound.form.is_valid():
            raise ValidationError(
                {name: [str(message) for message in messages] for name, messages in bound.form.errors.items()}
            )
        return bound

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: [str(m) for m in messages] for name, messages in self.form.errors.items()}

    @property
    def cleaned(self) -> dict[str, Any]:
        return getattr(self.form, "cleaned_data", {})

    @property
    def as_of(self) -> dt.date:
        return self.cleaned.get("as_of") or dates.today()

    def value(self, name: str) -> Any:
        return self.cleaned.get(name)

    def apply(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` (already restricted to the user) narrowed by every filter given."""
        for name, spec in self.filters.items():
            value = self.cleaned.get(name)
            if value not in (None, "", [], ()):
                queryset = spec.apply(queryset, value, self)
        return queryset

    def active(self) -> dict[str, Any]:
        """The filters given (as_of included when not today), for links and saved filters."""
        values = {name: value for name, value in self.cleaned.items() if value not in (None, "", [], ())}
        if values.get("as_of") == dates.today():
            values.pop("as_of")
        return values

    def query_string(self, **changes: Any) -> str:
        """The filters as a query string, with ``changes`` applied (None removes a key)."""
        values = {**self.active(), **changes}
        pairs = []
        for name, value in values.items():
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                value = value.strftime("%d/%m/%Y")
            pairs.append((name, getattr(value, "pk", value)))
        return urlencode(pairs)
