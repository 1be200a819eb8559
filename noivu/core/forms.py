"""Forms of the shared pages: the as-of date of every figure, adding a rule-table row when a new decree
comes out."""

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.core.models import LegalBasis, RuleRow
from noivu.core.rules import table_infos


class DateTextInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, with a button opening the browser's own calendar (``noivu/forms.js``):
    usable from the keyboard and on a phone, and the same text the sector writes."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "class": "input",
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "data-date-picker": "",
            "data-picker-label": _("Chọn ngày trên lịch"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")

    class Media:
        js = ["noivu/forms.js"]


OTHER = "__other__"


class SelectOrOther(forms.Widget):
    """A text field chosen from a code list, with "Khác…" and a text box for a code the list lacks (a
    professional title of a sector not in the rank table): the field stays text, so the API and the
    import keep accepting every well-formed code. ``choices`` is called when the field is drawn (code
    lists read from the database)."""

    def __init__(self, choices: Callable[[], list[tuple[str, str]]], attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.choices = choices

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = {**self.attrs, **(attrs or {})}
        choices = self.choices()
        known = value in (None, "") or value in {code for code, _label in choices}
        select = forms.Select(choices=[("", "---------"), *choices, (OTHER, _("Mã khác…"))]).render(
            name, value if known else OTHER, attrs, renderer
        )
        other_id = f"{attrs.get('id', name)}_other"
        text = forms.TextInput(
            attrs={"class": "input", "id": other_id, "aria-label": _("Mã khác (nhập mã)")}
        ).render(f"{name}_other", "" if known else value, None, renderer)
        return format_html(
            '<div class="select-or-other" data-other="{}"><div class="select is-fullwidth">{}</div>{}</div>',
            OTHER,
            select,
            text,
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        chosen = data.get(name)
        return data.get(f"{name}_other", "") if chosen == OTHER else chosen

    class Media:
        js = ["noivu/forms.js"]


def _input(widget: type[forms.Widget] = forms.TextInput, **attrs: Any) -> forms.Widget:
    return widget(attrs={"class": "input", **attrs})


class AsOfForm(forms.Form):
    """The date (tính đến ngày) a page's figures are computed as of; today when absent or invalid."""

    as_of = forms.DateField(
        label=_("Tính đến ngày"),
        required=False,
        widget=_input(placeholder="dd/mm/yyyy", id="as-of", size=10),
    )

    @classmethod
    def day(cls, data: Mapping[str, Any]) -> tuple["AsOfForm", dt.date]:
        """The form bound to ``data`` (the query string) and the day it asks for; an empty field shows
        today, an invalid one keeps its error and the figures fall back to today."""
        form = cls(data)
        if not form.is_valid():
            return form, today()
        day = form.cleaned_data["as_of"] or today()
        return cls({"as_of": day.strftime("%d/%m/%Y")}), day


class RuleRowForm(forms.Form):
    """A new row of a rule table (dòng quy định mới) and its legal basis, chosen or created here."""

    rule = forms.ChoiceField(label=_("Quy định"))
    value = forms.CharField(
        label=_("Giá trị"),
        help_text=_('Số nguyên (đồng), hệ số dạng chuỗi như "2.34", hoặc giá trị JSON.'),
        widget=_input(),
    )
    effective_from = forms.DateField(label=_("Hiệu lực từ ngày"), widget=_input(placeholder="dd/mm/yyyy"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=_input())
    legal_basis = forms.ModelChoiceField(
        label=_("Căn cứ pháp lý có sẵn"),
        queryset=LegalBasis.objects.order_by("-effective_on", "document_number"),
        required=False,
        empty_label=_("— nhập căn cứ mới bên dưới —"),
    )
    document_number = forms.CharField(
        label=_("Số hiệu văn bản mới"), max_length=64, required=False, widget=_input()
    )
    article = forms.CharField(label=_("Điều, khoản"), max_length=128, required=False, widget=_input())
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False, widget=_input())
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=_input(placeholder="dd/mm/yyyy")
    )
    url = forms.URLField(
        label=_("Nguồn"), required=False, assume_scheme="https", widget=_input(forms.URLInput)
    )

    def __init__(self, *args: Any, rules: QuerySet[RuleRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pairs = rules.order_by().values_list("table", "code").distinct()
        rule = self.fields["rule"]
        assert isinstance(rule, forms.ChoiceField)
        titles = {table: info.label for table, info in table_infos().items()}
        rule.choices = [
            (f"{table}|{code}", titles.get(table, table) + ("" if code == table else f" · {code}"))
            for table, code in sorted(pairs)
        ]

    def clean_value(self) -> Any:
        text = self.cleaned_data["value"].strip()
        try:
            return json.loads(text)
        except ValueError:
            return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("legal_basis") and not data.get("document_number"):
            raise ValidationError(_("Chọn một căn cứ pháp lý có sẵn hoặc nhập số hiệu văn bản mới."))
        return data

    @property
    def table_and_code(self) -> tuple[str, str]:
        table, code = self.cleaned_data["rule"].split("|", 1)
        return table, code

    def chosen_legal_basis(self) -> LegalBasis:
        """The chosen legal basis, or an unsaved one described in the form (the action saves it)."""
        if self.cleaned_data.get("legal_basis"):
            return self.cleaned_data["legal_basis"]
        return LegalBasis(
            document_number=self.cleaned_data["document_number"].strip(),
            article=self.cleaned_data["article"].strip(),
            title=self.cleaned_data["title"],
            issued_on=self.cleaned_data["issued_on"],
            effective_on=self.cleaned_data["effective_from"],
            url=self.cleaned_data["url"],
        )


def styled_filters(form: forms.Form) -> forms.Form:
    """A list's filter form (its fields are declared once for every channel) with the look of the site's
    inputs, a choice's empty option reading "<label>: tất cả", and ids apart from the page's other forms."""
    form.auto_id = "filter_%s"
    for field in form.fields.values():
        kind = getattr(field.widget, "input_type", "")
        if kind == "select":
            choices = list(field.choices)  # type: ignore[attr-defined]
            if choices and choices[0][0] == "":
                label = _("%(label)s: tất cả") % {"label": field.label}
                field.choices = [("", label), *choices[1:]]  # type: ignore[attr-defined]
        elif kind != "checkbox":
            field.widget.attrs["class"] = "input"
            field.widget.attrs.setdefault("placeholder", str(field.label))
    return form


def add_refusal(form: forms.Form, error: ValidationError) -> None:
    """Put an action's refusal on the form: each field's message on its field, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, found in error.message_dict.items():
            form.add_error(name if name in form.fields else None, found)
    else:
        form.add_error(None, error.messages)
