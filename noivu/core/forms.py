"""Forms of the shared pages: the as-of date of every figure, adding a rule-table row when a new decree
comes out."""

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.dates import today
from noivu.core.models import LegalBasis, RuleRow


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
        rule.choices = [
            (f"{table}|{code}", f"{table} · {code}") for table, code in sorted(pairs)
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
