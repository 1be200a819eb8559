"""The dated facts of a person's dossier (hồ sơ 2C, Thông tư 06/2023/TT-BNV): ranks, party membership,
education, family, health (salary steps and allowances are payroll's, :mod:`noivu.payroll.models`; the
evaluations belong to ``noivu.evaluation``, the training courses to ``noivu.succession`` and the awards and
discipline to ``noivu.awards``, which add them to the record through the registry).

The person is referred to by its label so that this module does not import the person's module, which
imports this one to register the models with the app.
"""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.fields import entry_errors
from noivu.core.models import EffectiveDated, ScopedModel, SoftDeletable
from noivu.core.text import normalize
from noivu.personnel import codelists


class DossierFact(SoftDeletable, ScopedModel):
    """Base of the facts of a person's dossier: each belongs to a person and is scoped through them, and is
    removed with a reason, never deleted (:class:`~noivu.core.models.SoftDeletable`)."""

    scope_path: ClassVar[str | None] = "person__organization__path"
    # Year fields (năm) and their plausible range: (first year, years allowed after the current one).
    year_ranges: ClassVar[dict[str, tuple[int, int]]] = {}

    class Meta:
        abstract = True

    def clean(self) -> None:
        errors = entry_errors(self)
        this_year = dates.today().year
        for name, (first, ahead) in self.year_ranges.items():
            year = getattr(self, name)
            if year is not None and not first <= year <= this_year + ahead:
                errors[name] = _("Năm %(year)s không hợp lý (từ %(first)s đến %(last)s).") % {
                    "year": year,
                    "first": first,
                    "last": this_year + ahead,
                }
        if errors:
            raise ValidationError(errors)
        super().clean()


class RankHistory(EffectiveDated, DossierFact):
    """A period in a rank (ngạch công chức, chức danh nghề nghiệp viên chức) with its code (mã ngạch).

    One rank at a time: the periods of a person may not overlap.
    """

    overlap_key = ("person",)

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="rank_history")
    rank_code = models.CharField(_("mã ngạch"), max_length=16)
    rank_name = models.CharField(_("tên ngạch"), max_length=200, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình ngạch")
        verbose_name_plural = _("quá trình ngạch")
        ordering = ["person", "effective_from"]
        indexes = [
            # The statistical reports' sets of persons holding ranks on a day, read from the index alone.
            models.Index(
                fields=["rank_code", "rank_name", "effective_from", "effective_to", "person"],
                name="rank_held_on",
                condition=models.Q(deleted_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.rank_code} {self.rank_name} {self.period_label()}"

    def clean(self) -> None:
        if not codelists.is_valid_rank_code(self.rank_code):
            raise ValidationError(
                {"rank_code": _("Mã ngạch không đúng định dạng (ví dụ 01.003 hoặc V.07.03.28).")}
            )
        if not self.rank_name:
            self.rank_name = codelists.rank_name(self.rank_code) or ""
        if not self.rank_name:
            raise ValidationError({"rank_name": _("Thiếu tên ngạch.")})
        super().clean()


class PartyMembership(DossierFact):
    """Membership of the Communist Party of Vietnam (đảng viên): admission and official dates, card number."""

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="party_memberships")
    admitted_on = models.DateField(_("ngày vào Đảng"))
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=32, blank=True)
    left_on = models.DateField(_("ngày ra khỏi Đảng"), null=True, blank=True)

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["person", "admitted_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.admitted_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.official_on and self.official_on < self.admitted_on:
            raise ValidationError({"official_on": _("Ngày chính thức phải sau ngày vào Đảng.")})
        if self.left_on and self.left_on < self.admitted_on:
            raise ValidationError({"left_on": _("Ngày ra khỏi Đảng phải sau ngày vào Đảng.")})


class EducationKind(models.TextChoices):
    GENERAL = "general", _("Giáo dục phổ thông")
    PROFESSIONAL = "professional", _("Chuyên môn")
    POLITICAL_THEORY = "political_theory", _("Lý luận chính trị")
    STATE_MANAGEMENT = "state_management", _("Quản lý nhà nước")
    FOREIGN_LANGUAGE = "foreign_language", _("Ngoại ngữ")
    IT = "it", _("Tin học")


class Education(DossierFact):
    """A level of education reached (trình độ đào tạo): general, professional degree with its field,
    political theory, state management, foreign language or IT. ``level`` is a code of the kind's list."""

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="education")
    kind = models.CharField(_("loại trình độ"), max_length=16, choices=EducationKind.choices)
    level = models.CharField(_("trình độ"), max_length=32)
    field = models.CharField(_("chuyên ngành"), max_length=200, blank=True)
    language = models.CharField(_("ngoại ngữ"), max_length=64, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    mode = models.CharField(_("hình thức đào tạo"), max_length=64, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("năm tốt nghiệp"), null=True, blank=True)

    year_ranges: ClassVar[dict[str, tuple[int, int]]] = {"graduation_year": (dates.FIRST_YEAR, 6)}
    certificate = models.CharField(_("văn bằng, chứng chỉ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("trình độ đào tạo")
        verbose_name_plural = _("trình độ đào tạo")
        ordering = ["person", "kind", "graduation_year"]
        indexes = [
            # The statistical reports' sets of persons by level reached, read from the index alone.
            models.Index(
                fields=["kind", "level", "graduation_year", "person"],
                name="education_level_held",
                condition=models.Q(deleted_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.level_name}"

    @property
    def level_name(self) -> str:
        return codelists.education_levels(self.kind).name_of(self.level)

    def clean(self) -> None:
        super().clean()
        if self.kind and self.level not in codelists.education_levels(self.kind):
            raise ValidationError({"level": _("Trình độ không có trong danh mục của loại này.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Relation(models.TextChoices):
    FATHER = "father", _("Bố")
    MOTHER = "mother", _("Mẹ")
    SPOUSE = "spouse", _("Vợ (chồng)")
    CHILD = "child", _("Con")
    SIBLING = "sibling", _("Anh, chị, em ruột")
    FATHER_IN_LAW = "father_in_law", _("Bố vợ (chồng)")
    MOTHER_IN_LAW = "mother_in_law", _("Mẹ vợ (chồng)")
    SIBLING_IN_LAW = "sibling_in_law", _("Anh, chị, em ruột của vợ (chồng)")
    OTHER = "other", _("Khác")


SPOUSE_SIDE_RELATIONS = (Relation.FATHER_IN_LAW, Relation.MOTHER_IN_LAW, Relation.SIBLING_IN_LAW)


class FamilyRelation(DossierFact):
    """A family member (quan hệ gia đình) as the 2C form lists them: personal data of a third person,
    shown in full only to users allowed to see personal data."""

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("quan hệ"), max_length=16, choices=Relation.choices)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)

    # Grandparents of the oldest officers were born before 1900.
    year_ranges: ClassVar[dict[str, tuple[int, int]]] = {"birth_year": (1850, 0)}
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    occupation = models.CharField(_("nghề nghiệp, chức danh, đơn vị công tác"), max_length=500, blank=True)
    address = models.CharField(_("nơi ở"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        ordering = ["person", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.full_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = normalize(self.full_name)
        super().save(*args, **kwargs)

    @property
    def is_spouse_side(self) -> bool:
        return self.relation in SPOUSE_SIDE_RELATIONS


class HealthNote(DossierFact):
    """A health record (tình trạng sức khỏe): status, height, weight, blood type at a date."""

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="health_notes")
    recorded_on = models.DateField(_("ngày ghi nhận"))
    status = models.CharField(_("tình trạng sức khỏe"), max_length=100)
    height_cm = models.PositiveSmallIntegerField(_("chiều cao (cm)"), null=True, blank=True)
    weight_kg = models.PositiveSmallIntegerField(_("cân nặng (kg)"), null=True, blank=True)
    blood_type = models.CharField(_("nhóm máu"), max_length=8, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sức khỏe")
        verbose_name_plural = _("sức khỏe")
        ordering = ["person", "recorded_on"]

    def __str__(self) -> str:
        return f"{self.recorded_on:%d/%m/%Y}: {self.status}"
