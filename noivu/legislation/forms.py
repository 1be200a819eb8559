"""Forms of the drafting programme's pages; the actions hold the rules, the forms parse."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from noivu.core.filters import DATE_FORMATS
from noivu.core.models import LegalBasis
from noivu.legislation.models import AmendmentKind, DocumentKind, Step
from noivu.organizations.models import Organization


def _text(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "input", **attrs})


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input", "placeholder": "dd/mm/yyyy"}),
    )


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Tên chương trình"), max_length=300, widget=_text())
    law_title = forms.CharField(
        label=_("Luật, nghị quyết được quy định chi tiết"), max_length=300, required=False, widget=_text()
    )
    year = forms.IntegerField(
        label=_("Năm"), min_value=1990, max_value=2100, widget=forms.NumberInput(attrs={"class": "input"})
    )
    organization = OrganizationChoice(label=_("Cơ quan chủ trì"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản"), max_length=500, widget=_text())
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    organization = OrganizationChoice(
        label=_("Cơ quan chủ trì soạn thảo"), queryset=Organization.objects.none(), required=False
    )
    lead = forms.CharField(label=_("Người chủ trì"), max_length=200, required=False, widget=_text())
    detailed_article = forms.CharField(
        label=_("Điều, khoản được quy định chi tiết"), max_length=200, required=False, widget=_text()
    )
    deadline = _date(_("Hạn ban hành"), required=False)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Bước"), choices=Step.choices)
    done_on = _date(_("Ngày hoàn thành"))
    number = forms.CharField(
        label=_("Số hiệu (khi ký ban hành)"),
        max_length=64,
        required=False,
        widget=_text(placeholder="98/2023/NĐ-CP"),
    )
    effective_on = _date(_("Ngày có hiệu lực (khi ký ban hành)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=_text())


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=AmendmentKind.choices)
    by_number = forms.CharField(label=_("Số hiệu văn bản sửa đổi, thay thế"), max_length=64, widget=_text())
    issued_on = _date(_("Ngày ban hành văn bản sửa đổi"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False, widget=_text())


class BasisChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.citation} — {obj.title}" if obj.title else str(obj.citation)


class LegalBasisForm(forms.Form):
    legal_basis = BasisChoice(
        label=_("Căn cứ pháp lý"),
        queryset=LegalBasis.objects.unrestricted().order_by("document_number", "article"),
    )
