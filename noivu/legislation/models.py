"""The drafting programme of legal documents (chương trình xây dựng văn bản quy phạm pháp luật): the
programmes, the documents each lists, their drafting steps, and the later amendments of issued ones."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import LegalBasis, ScopedModel
from noivu.core.text import validate_text
from noivu.organizations.models import Organization


class DocumentKind(models.TextChoices):
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    DECISION = "decision", _("Quyết định")


class Step(models.TextChoices):
    """The drafting steps, in the order a document goes through them."""

    DRAFTING = "drafting", _("Soạn thảo")
    CONSULTATION = "consultation", _("Lấy ý kiến")
    APPRAISAL = "appraisal", _("Thẩm định (Bộ Tư pháp)")
    SUBMISSION = "submission", _("Trình")
    SIGNATURE = "signature", _("Ký ban hành")
    PUBLICATION = "publication", _("Đăng công báo, công bố")


STEP_ORDER: list[str] = list(Step.values)


class AmendmentKind(models.TextChoices):
    AMENDED = "amended", _("Sửa đổi, bổ sung")
    REPLACED = "replaced", _("Thay thế")


class Programme(ScopedModel):
    """A drafting programme (chương trình xây dựng văn bản), e.g. the detailed regulations of a law."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan chủ trì chương trình"),
    )
    name = models.CharField(_("tên chương trình"), max_length=300, validators=[validate_text])
    law_title = models.CharField(
        _("luật, nghị quyết được quy định chi tiết"), max_length=300, blank=True, validators=[validate_text]
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    note = models.TextField(_("ghi chú"), blank=True, validators=[validate_text])

    class Meta:
        verbose_name = _("chương trình xây dựng văn bản")
        verbose_name_plural = _("chương trình xây dựng văn bản")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("Năm phải trong khoảng 1990–2100.")})


class DraftDocument(ScopedModel):
    """A document to draft (văn bản cần xây dựng) under a programme, and once signed, the issued document
    with its number, dates and the legal bases of the rules it changes."""

    scope_path = "organization__path"

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="documents", verbose_name=_("chương trình")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan chủ trì soạn thảo")
    )
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("tên văn bản"), max_length=500, validators=[validate_text])
    lead = models.CharField(_("người chủ trì"), max_length=200, blank=True, validators=[validate_text])
    detailed_article = models.CharField(
        _("điều, khoản được quy định chi tiết"), max_length=200, blank=True, validators=[validate_text]
    )
    deadline = models.DateField(_("hạn ban hành"))
    step = models.CharField(_("bước hiện tại"), max_length=16, choices=Step.choices, default=Step.DRAFTING)
    number = models.CharField(_("số hiệu"), max_length=64, blank=True, validators=[validate_text])
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    legal_bases = models.ManyToManyField(
        LegalBasis, blank=True, related_name="+", verbose_name=_("căn cứ pháp lý do văn bản quy định")
    )

    class Meta:
        verbose_name = _("văn bản cần xây dựng")
        verbose_name_plural = _("văn bản cần xây dựng")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["number"], name="legislation_doc_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def issued(self) -> bool:
        return self.issued_on is not None

    def clean(self) -> None:
        super().clean()
        for name in ("deadline", "issued_on", "effective_on"):
            day = getattr(self, name)
            if day is not None and not 1990 <= day.year <= 2100:
                raise ValidationError({name: _("Ngày phải trong khoảng năm 1990–2100.")})
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": _("Ngày có hiệu lực không được trước ngày ban hành.")})


class DraftingStep(ScopedModel):
    """One drafting step of a document (bước xây dựng): the latest day it must be done to keep the
    deadline (planned from the rule table of step durations) and the day it was done."""

    scope_path = "document__organization__path"

    document = models.ForeignKey(
        DraftDocument, on_delete=models.CASCADE, related_name="steps", verbose_name=_("văn bản")
    )
    step = models.CharField(_("bước"), max_length=16, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    planned_on = models.DateField(_("hạn hoàn thành theo kế hoạch"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, validators=[validate_text])

    class Meta:
        verbose_name = _("bước xây dựng văn bản")
        verbose_name_plural = _("bước xây dựng văn bản")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "step"], name="legislation_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.get_step_display()}"


class Amendment(ScopedModel):
    """A later document that amended or replaced an issued one (văn bản sửa đổi, thay thế): the
    quality indicator is the time from issue to the first amendment."""

    scope_path = "document__organization__path"

    document = models.ForeignKey(
        DraftDocument, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("văn bản bị sửa")
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=AmendmentKind.choices)
    by_number = models.CharField(_("số hiệu văn bản sửa đổi"), max_length=64, validators=[validate_text])
    issued_on = models.DateField(_("ngày ban hành văn bản sửa đổi"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, validators=[validate_text])

    class Meta:
        verbose_name = _("văn bản sửa đổi, thay thế")
        verbose_name_plural = _("văn bản sửa đổi, thay thế")
        ordering = ["document", "issued_on"]

    def __str__(self) -> str:
        return f"{self.by_number} ({self.get_kind_display()})"

    @property
    def days_after_issue(self) -> int | None:
        issued: dt.date | None = self.document.issued_on
        return (self.issued_on - issued).days if issued else None
