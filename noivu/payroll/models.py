"""The facts payroll owns: a person's salary steps (diễn biến quá trình lương) and allowances (phụ cấp).

They are part of the person's dossier (hồ sơ 2C) and scoped through the person like its other facts;
:mod:`noivu.payroll.dossier` gives them back to the record (entry pages, API kinds, timeline, CV) through
personnel's dossier registry. Their tables were personnel's until payroll took them over, rows kept
(migration ``payroll.0001_salary_and_allowances``).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from noivu.core.models import EffectiveDated, ScopedModel
from noivu.personnel.dossier.models import DossierFact


class RaiseKind(models.TextChoices):
    REGULAR = "regular", _("Nâng bậc lương thường xuyên")
    SENIORITY = "seniority", _("Phụ cấp thâm niên vượt khung")
    EARLY = "early", _("Nâng bậc lương trước thời hạn")
    RETIREMENT = "retirement", _("Nâng bậc lương trước thời hạn khi có thông báo nghỉ hưu")


class SalaryHistory(EffectiveDated, DossierFact):
    """A period at one salary step (diễn biến quá trình lương): table, group, step (bậc), coefficient (hệ số)
    and the percentage of seniority beyond the frame (% phụ cấp thâm niên vượt khung) earned at the last step.

    The seniority-beyond-frame percentage is kept here, not as an allowance, because it is a function of
    the last step of the rank and the 2C form prints it with the salary.
    """

    overlap_key = ("person",)

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="salary_history")
    rank_code = models.CharField(_("mã ngạch"), max_length=16, blank=True)
    salary_table = models.CharField(_("bảng lương"), max_length=32, blank=True)
    salary_group = models.CharField(_("nhóm ngạch"), max_length=8, blank=True)
    step = models.PositiveSmallIntegerField(_("bậc"))
    coefficient = models.DecimalField(_("hệ số lương"), max_digits=4, decimal_places=2)
    seniority_percent = models.PositiveSmallIntegerField(_("% thâm niên vượt khung"), default=0)
    reserved_coefficient = models.DecimalField(
        _("hệ số chênh lệch bảo lưu"), max_digits=4, decimal_places=2, default=Decimal("0.00")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    raise_kind = models.CharField(
        _("hình thức nâng bậc"),
        max_length=16,
        choices=RaiseKind.choices,
        blank=True,
        help_text=_(
            "Bậc này do nâng bậc lương thường xuyên, trước thời hạn… (trống: xếp lương hoặc chưa rõ). "
            "Nâng bậc lương trước thời hạn ghi ở đây được tính khi xét không nâng trước thời hạn hai lần "
            "liên tiếp trong cùng ngạch."
        ),
    )
    clock_from = models.DateField(
        _("mốc tính nâng bậc lần sau"),
        null=True,
        blank=True,
        help_text=_("Trống: từ ngày hưởng. Khi nâng ngạch mà giữ mốc cũ (Thông tư 02/2007/TT-BNV Mục II)."),
    )

    class Meta:
        verbose_name = _("quá trình lương")
        verbose_name_plural = _("quá trình lương")
        ordering = ["person", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(coefficient__gt=0), name="salaryhistory_positive_coefficient"
            ),
            models.CheckConstraint(condition=models.Q(step__gte=1), name="salaryhistory_step_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.rank_code} bậc {self.step} ({self.coefficient}) {self.period_label()}"


class AllowanceKind(models.TextChoices):
    """Kinds of allowance (phụ cấp) of Nghị định 204/2004/NĐ-CP Điều 6 and later decrees."""

    LEADERSHIP = "leadership", _("Phụ cấp chức vụ lãnh đạo")
    CONCURRENT = "concurrent", _("Phụ cấp kiêm nhiệm")
    PROFESSIONAL_SENIORITY = "prof_seniority", _("Phụ cấp thâm niên nghề")
    RESPONSIBILITY = "responsibility", _("Phụ cấp trách nhiệm theo nghề, công việc")
    REGIONAL = "regional", _("Phụ cấp khu vực")
    SPECIAL = "special", _("Phụ cấp đặc biệt")
    ATTRACTION = "attraction", _("Phụ cấp thu hút")
    MOBILE = "mobile", _("Phụ cấp lưu động")
    HAZARD = "hazard", _("Phụ cấp độc hại, nguy hiểm")
    PREFERENTIAL = "preferential", _("Phụ cấp ưu đãi theo nghề")
    PUBLIC_DUTY = "public_duty", _("Phụ cấp công vụ")
    OTHER = "other", _("Phụ cấp khác")


class Allowance(EffectiveDated, DossierFact):
    """A period of one allowance (phụ cấp), as a coefficient of the base salary or as a percentage.

    Two periods of the same kind may not overlap for a person.
    """

    overlap_key = ("person", "kind")

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="allowances")
    kind = models.CharField(_("loại phụ cấp"), max_length=16, choices=AllowanceKind.choices)
    coefficient = models.DecimalField(_("hệ số"), max_digits=4, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(_("tỷ lệ %"), max_digits=5, decimal_places=2, null=True, blank=True)
    title = models.CharField(_("chức vụ, căn cứ hưởng"), max_length=200, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("phụ cấp")
        verbose_name_plural = _("phụ cấp")
        ordering = ["person", "kind", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(coefficient__isnull=False, percent__isnull=True, coefficient__gt=0))
                | (models.Q(coefficient__isnull=True, percent__isnull=False, percent__gt=0)),
                name="allowance_coefficient_xor_percent",
                violation_error_message=_(
                    "Phụ cấp được ghi bằng hệ số hoặc bằng tỷ lệ phần trăm, chỉ một trong hai."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_label} {self.period_label()}"

    @property
    def amount_label(self) -> str:
        """ "0,30" for a coefficient, "5,00%" for a percentage, in the number format of the language."""
        if self.coefficient is not None:
            return number_format(self.coefficient, 2)
        return f"{number_format(self.percent or 0, 2)}%"


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    REVIEWED = "reviewed", _("Đã kiểm tra")
    LOCKED = "locked", _("Đã khóa")


class PayrollRun(ScopedModel):
    """The payroll of one month for an organisation and its subtree (bảng lương tháng): computed from the
    facts in force on the first day of the month, reviewed, then locked. A locked run never changes; a
    correction (bảng lương điều chỉnh) is a new run that points at the locked one and shows the difference.
    """

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    month = models.DateField(_("tháng"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("điều chỉnh bảng lương"),
    )
    base_salary = models.BigIntegerField(_("mức lương cơ sở"))
    persons = models.PositiveIntegerField(_("số người"), default=0)
    gross = models.BigIntegerField(_("tổng thu nhập"), default=0)
    deductions = models.BigIntegerField(_("các khoản trích nộp của người lao động"), default=0)
    net = models.BigIntegerField(_("thực lĩnh"), default=0)
    employer_contributions = models.BigIntegerField(_("các khoản đơn vị đóng"), default=0)
    arrears = models.BigIntegerField(
        _("truy lĩnh trả kèm"),
        default=0,
        help_text=_(
            "Tổng tiền lương chênh lệch truy lĩnh của các tháng đã khóa, đã gồm trong tổng thu nhập."
        ),
    )
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bảng lương tháng")
        verbose_name_plural = _("bảng lương tháng")
        ordering = ["-month", "organization", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "month"],
                condition=models.Q(status="locked", corrects__isnull=True),
                name="payrollrun_one_locked_month",
                violation_error_message=_("Tháng này đã có bảng lương đã khóa."),
            ),
            models.CheckConstraint(condition=models.Q(month__day=1), name="payrollrun_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.month:%m/%Y}"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class PayrollLine(models.Model):
    """One person's line of a payroll run (dòng bảng lương), written in bulk with the run and never changed:
    the figures it was computed from and every amount in đồng.

    A run's lines are written at once, in the transaction that read the persons and units they name, and
    are never updated: their references are kept by that write and by the ORM (a run's deletion cascades
    to its lines, a paid person or unit cannot be deleted), without a constraint the database would check
    line by line at commit (three lookups and row locks per line, slower than writing the line).
    """

    run = models.ForeignKey(
        PayrollRun,
        on_delete=models.CASCADE,
        related_name="lines",
        db_constraint=False,
        db_index=False,  # the unique (run, person) index serves the lookups by run
    )
    person = models.ForeignKey(
        "personnel.Person", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    category = models.CharField(max_length=16)
    salary_group = models.CharField(max_length=8, blank=True)
    step = models.PositiveSmallIntegerField()
    coefficient = models.DecimalField(max_digits=4, decimal_places=2)
    seniority_percent = models.PositiveSmallIntegerField(default=0)
    salary = models.BigIntegerField()
    seniority = models.BigIntegerField()
    leadership = models.BigIntegerField()
    allowances = models.BigIntegerField()
    public_duty = models.BigIntegerField()
    reserved = models.BigIntegerField()
    gross = models.BigIntegerField()
    insurance_base = models.BigIntegerField()
    social_insurance = models.BigIntegerField()
    health_insurance = models.BigIntegerField()
    unemployment_insurance = models.BigIntegerField()
    deductions = models.BigIntegerField()
    net = models.BigIntegerField()
    employer_contributions = models.BigIntegerField()

    class Meta:
        verbose_name = _("dòng bảng lương")
        verbose_name_plural = _("dòng bảng lương")
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="payrollline_one_per_person")]

    def __str__(self) -> str:
        return f"{self.run} {self.person_id}"


class SalaryScenario(ScopedModel):
    """A salary-plan scenario (phương án trả lương) over an organisation's subtree: from ``starts_on``, a
    new base salary and/or allowances changed by a percentage, against the law in force that day. The
    figures are computed by a background job and kept in ``results``."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    name = models.CharField(_("tên phương án"), max_length=200)
    starts_on = models.DateField(_("áp dụng từ ngày"))
    base_salary = models.BigIntegerField(_("mức lương cơ sở mới"), null=True, blank=True)
    allowance_changes = models.JSONField(_("thay đổi phụ cấp (%)"), default=dict, blank=True)
    position_amounts = models.JSONField(
        _("bảng lương theo vị trí việc làm (đồng/tháng)"),
        default=dict,
        blank=True,
        help_text=_("mã vị trí việc làm → tiền lương tháng theo vị trí, áp dụng cho người giữ vị trí đó"),
    )
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    results = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("phương án trả lương")
        verbose_name_plural = _("phương án trả lương")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(base_salary__isnull=True) | models.Q(base_salary__gt=0),
                name="salaryscenario_positive_base_salary",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã trình")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã phê duyệt")


class RaiseProposal(ScopedModel):
    """A proposal of step raises (đề nghị nâng bậc lương) for persons of an organisation's subtree in a
    year, made by its HR officer from the list of raises due and the early raises; an approver approves it
    (quyết định nâng bậc lương: each person's new dated salary step) or returns it."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm xét"))
    title = models.CharField(_("tên đề nghị"), max_length=200)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_on = models.DateField(_("ngày đề nghị"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    comment = models.TextField(_("ý kiến khi trả lại"), blank=True)

    class Meta:
        verbose_name = _("đề nghị nâng bậc lương")
        verbose_name_plural = _("đề nghị nâng bậc lương")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class RaiseProposalItem(ScopedModel):
    """One person of a proposal: the step held, the raise proposed (the next step, the seniority
    percentage at the last step, or an early raise of some months) and, once approved, the salary record
    it wrote."""

    scope_path = "proposal__organization__path"

    proposal = models.ForeignKey(RaiseProposal, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=16, choices=RaiseKind.choices)
    scale = models.CharField(_("nhóm ngạch"), max_length=48)
    step = models.PositiveSmallIntegerField(_("bậc hiện hưởng"))
    coefficient = models.DecimalField(_("hệ số hiện hưởng"), max_digits=4, decimal_places=2)
    seniority_percent = models.PositiveSmallIntegerField(_("% thâm niên vượt khung hiện hưởng"), default=0)
    clock_from = models.DateField(_("mốc tính nâng bậc"))
    postponed = models.PositiveSmallIntegerField(_("số tháng kéo dài"), default=0)
    regular_due = models.DateField(_("ngày đến hạn"))
    months_early = models.PositiveSmallIntegerField(_("số tháng nâng trước thời hạn"), default=0)
    achievement = models.CharField(_("thành tích"), max_length=300, blank=True)
    notice = models.CharField(_("thông báo nghỉ hưu"), max_length=200, blank=True)
    retires_on = models.DateField(_("ngày nghỉ hưu"), null=True, blank=True)
    effective_from = models.DateField(_("ngày hưởng mới"))
    new_step = models.PositiveSmallIntegerField(_("bậc mới"))
    new_coefficient = models.DecimalField(_("hệ số mới"), max_digits=4, decimal_places=2)
    new_seniority_percent = models.PositiveSmallIntegerField(_("% thâm niên vượt khung mới"), default=0)
    reasons = models.TextField(_("căn cứ"), blank=True)
    salary_record = models.ForeignKey(
        SalaryHistory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("người được đề nghị nâng bậc lương")
        verbose_name_plural = _("người được đề nghị nâng bậc lương")
        ordering = ["proposal", "effective_from", "person"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="raiseproposalitem_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} {self.person_id}"


class ArrearsLine(models.Model):
    """Arrears paid with a payroll run (truy lĩnh trả kèm bảng lương): one raise's difference for one
    locked month, itemised in ``details`` (each component and contribution with its formula and legal
    basis), written when the run is computed. Once its run is locked the month is paid, and no later run
    carries it again (:mod:`noivu.payroll.arrears`)."""

    run = models.ForeignKey(PayrollRun, on_delete=models.CASCADE, related_name="arrears_lines")
    item = models.ForeignKey(RaiseProposalItem, on_delete=models.PROTECT, related_name="arrears_lines")
    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("tháng truy lĩnh"))
    gross = models.BigIntegerField(_("tiền lương chênh lệch"))
    social_insurance = models.BigIntegerField(default=0)
    health_insurance = models.BigIntegerField(default=0)
    unemployment_insurance = models.BigIntegerField(default=0)
    deductions = models.BigIntegerField(_("các khoản trích trên chênh lệch"), default=0)
    net = models.BigIntegerField(_("thực lĩnh truy lĩnh"))
    employer_contributions = models.BigIntegerField(default=0)
    details = models.JSONField(_("chi tiết"), default=dict)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("truy lĩnh trả kèm bảng lương")
        verbose_name_plural = _("truy lĩnh trả kèm bảng lương")
        ordering = ["run", "person", "month"]
        constraints = [
            models.UniqueConstraint(fields=["run", "item", "month"], name="arrearsline_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.run} {self.person_id} {self.month:%m/%Y}"


class EarlyRaiseGrant(ScopedModel):
    """Extra places of early raises for outstanding achievement (giao thêm chỉ tiêu nâng bậc lương trước
    thời hạn) that a superior body grants one of its direct units for a review year, out of the persons
    its units have left over under ten (Thông tư 08/2013/TT-BNV Điều 3 khoản 1 điểm b as amended by Thông
    tư 03/2021/TT-BNV Điều 1 khoản 6); the unit may raise early its own 10 % plus these places."""

    scope_path = "unit__path"

    superior = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan quản lý cấp trên trực tiếp"),
    )
    unit = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm xét"))
    places = models.PositiveSmallIntegerField(_("số người giao thêm"))
    decision_number = models.CharField(_("số văn bản giao"), max_length=64)
    decision_date = models.DateField(_("ngày văn bản"))

    class Meta:
        verbose_name = _("chỉ tiêu nâng bậc lương trước thời hạn giao thêm")
        verbose_name_plural = _("chỉ tiêu nâng bậc lương trước thời hạn giao thêm")
        ordering = ["-year", "unit", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="earlyraisegrant_places")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: +{self.places}"
