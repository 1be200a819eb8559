"""Emulation and commendation (thi đua, khen thưởng), and discipline (kỷ luật).

An :class:`AwardRecord` is a title or commendation on a person's record, a :class:`DisciplineRecord` a
discipline decision with the period it runs; both are this app's, given to the record through personnel's
dossier registry (:mod:`noivu.awards.dossier`).

An :class:`Initiative` is a person's initiative (sáng kiến) recognised at a level — the grassroots unit, a
ministry, sector or province, or the whole country — on a date; the eligibility engine counts it towards
the titles whose conditions ask for one (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 21–23, 74).

A :class:`UnitAward` is a collective title or form on a unit's own award history, written by a council's
decision for a collective nominee.

A :class:`Movement` is an emulation movement (phong trào thi đua) a unit launches for a period, with its
criteria and the units taking part; a :class:`Registration` is the yearly registration of an individual or
a collective for a title in it (đăng ký thi đua), which a council session later nominates.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import EffectiveDated, ScopedModel
from noivu.personnel.dossier.models import DossierFact


class InitiativeLevel(models.TextChoices):
    """The level that recognised an initiative (cấp công nhận sáng kiến); a higher level counts wherever a
    lower one is asked."""

    GRASSROOTS = "grassroots", _("Cơ sở")
    MINISTRY_PROVINCE = "ministry_province", _("Bộ, ban, ngành, tỉnh")
    NATIONAL = "national", _("Toàn quốc")


LEVEL_RANK = {
    InitiativeLevel.GRASSROOTS: 1,
    InitiativeLevel.MINISTRY_PROVINCE: 2,
    InitiativeLevel.NATIONAL: 3,
}


class Initiative(ScopedModel):
    """An initiative recognised (sáng kiến được công nhận): its author, level and date of recognition."""

    scope_path: ClassVar[str | None] = "person__organization__path"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=InitiativeLevel.choices)
    recognised_on = models.DateField(_("ngày công nhận"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    authority = models.CharField(_("cơ quan công nhận"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["person", "recognised_on"]
        indexes = [models.Index(fields=["recognised_on", "person"], name="initiative_date_person")]

    def __str__(self) -> str:
        return f"{self.title} ({self.recognised_on:%d/%m/%Y})"


class AwardRecord(DossierFact):
    """An emulation title or commendation received (danh hiệu thi đua, hình thức khen thưởng), on the
    person's record: written by a council's decision or entered from a decision on paper."""

    # Moved from personnel with its rows: the tables keep their names.
    history_db_table: ClassVar[str | None] = "personnel_historicalawardrecord"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="awards")
    form = models.CharField(_("hình thức, danh hiệu"), max_length=300)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    reason = models.CharField(_("thành tích"), max_length=500, blank=True)

    class Meta:
        db_table = "personnel_awardrecord"
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["person", "decision_date"]

    def __str__(self) -> str:
        return f"{self.form} ({self.decision_date:%d/%m/%Y})"


class DisciplineForm(models.TextChoices):
    """Forms of discipline (hình thức kỷ luật), Nghị định 112/2020/NĐ-CP as amended by 71/2023/NĐ-CP."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWNGRADE = "salary_downgrade", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL_FROM_POST = "dismissal_post", _("Cách chức")
    REMOVAL = "removal", _("Bãi nhiệm")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


class DisciplineRecord(EffectiveDated, DossierFact):
    """A discipline decision (kỷ luật); its period is the time the person is under discipline, which
    delays step raises and appointments and bars awards."""

    history_db_table: ClassVar[str | None] = "personnel_historicaldisciplinerecord"

    person = models.ForeignKey("personnel.Person", on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        db_table = "personnel_disciplinerecord"
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["person", "decision_date"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.decision_date:%d/%m/%Y})"


class SessionStatus(models.TextChoices):
    """The steps of a council session: nominees entered and voted on, then the decision signed."""

    OPEN = "open", _("Đang xét")
    DECIDED = "decided", _("Đã có quyết định")


class CouncilSession(ScopedModel):
    """A session of a unit's Emulation and Commendation Council (phiên họp Hội đồng Thi đua – Khen thưởng)
    for a year's achievements: its members, who vote by secret ballot on each nominee, and, once decided,
    the decision awarding those who passed (number, date, signer)."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="award_councils"
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    held_on = models.DateField(_("ngày họp"))
    members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phiên họp Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("phiên họp Hội đồng Thi đua – Khen thưởng")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(members__gte=1), name="council_has_members"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.held_on:%d/%m/%Y}"


class MemberRole(models.TextChoices):
    """A member's place in the council (chức danh trong Hội đồng)."""

    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký Hội đồng")


class Attendance(models.TextChoices):
    """Whether a member took part in the secret ballot of the session: present, or absent giving an opinion
    in writing (counted like a ballot), or absent without one."""

    PRESENT = "present", _("Có mặt")
    WRITTEN = "written", _("Vắng mặt, có ý kiến bằng văn bản")
    ABSENT = "absent", _("Vắng mặt")


VOTING = (Attendance.PRESENT, Attendance.WRITTEN)


class CouncilMember(ScopedModel):
    """A member of the council at a session (thành viên Hội đồng): name, place in the council and whether
    they voted; the session's list is complete when it names as many members as the council has."""

    scope_path: ClassVar[str | None] = "session__organization__path"

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="council_members")
    name = models.CharField(_("họ và tên"), max_length=255)
    role = models.CharField(_("chức danh trong Hội đồng"), max_length=12, choices=MemberRole.choices)
    attendance = models.CharField(
        _("tham dự"), max_length=10, choices=Attendance.choices, default=Attendance.PRESENT
    )

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=models.Q(role="chair"), name="council_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class UnitAward(ScopedModel):
    """A collective title or form a unit received (danh hiệu, hình thức khen thưởng của tập thể), on the
    unit's own award history: written by a council's decision, with the decision and the reward money."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="unit_awards"
    )
    title = models.CharField(_("mã danh hiệu, hình thức"), max_length=32)
    form = models.CharField(_("hình thức, danh hiệu"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("người ký"), max_length=255, blank=True)
    reward = models.BigIntegerField(_("tiền thưởng (đồng)"))

    class Meta:
        verbose_name = _("khen thưởng tập thể")
        verbose_name_plural = _("khen thưởng tập thể")
        ordering = ["organization", "-decision_date", "pk"]

    def __str__(self) -> str:
        return f"{self.form} ({self.decision_date:%d/%m/%Y})"


class Nominee(ScopedModel):
    """A person, or a collective (a unit), proposed to a council session for a title (người, tập thể được
    đề nghị), the yes votes of the secret ballot, whether they reach the threshold of the title, and once
    decided the reward money (integer đồng) and the award written on the person's or the unit's history."""

    scope_path: ClassVar[str | None] = "session__organization__path"

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey(
        "personnel.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="award_nominations"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="award_nominations",
        verbose_name=_("tập thể"),
    )
    title = models.CharField(_("danh hiệu, hình thức"), max_length=32)
    yes_votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_needed = models.PositiveSmallIntegerField(_("số phiếu đồng ý cần đạt"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    reward = models.BigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    award = models.OneToOneField(
        AwardRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominee"
    )
    unit_award = models.OneToOneField(
        UnitAward, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominee"
    )

    class Meta:
        verbose_name = _("người được đề nghị")
        verbose_name_plural = _("người được đề nghị")
        ordering = ["session", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "title"], name="nominee_once_per_title"),
            models.UniqueConstraint(
                fields=["session", "organization", "title"],
                condition=models.Q(person__isnull=True),
                name="collective_nominee_once_per_title",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organization__isnull=True)
                | models.Q(person__isnull=True, organization__isnull=False),
                name="nominee_person_or_collective",
            ),
        ]

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def name(self) -> str:
        """The person's full name, or the collective's unit name."""
        if self.person is not None:
            return self.person.full_name
        assert self.organization is not None
        return self.organization.name

    def __str__(self) -> str:
        return f"{self.person or self.organization} — {self.title}"


class Movement(ScopedModel):
    """An emulation movement (phong trào thi đua) launched by a unit for a period (the year's regular
    movement or a themed one): its criteria (tiêu chí) and the units taking part, whose persons and
    collectives register for its titles (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 6, 9)."""

    scope_path: ClassVar[str | None] = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="award_movements"
    )
    name = models.CharField(_("tên phong trào"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm thi đua"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    criteria = models.TextField(_("tiêu chí thi đua"), blank=True)
    units = models.ManyToManyField(
        "organizations.Organization", related_name="award_movements_joined", verbose_name=_("đơn vị tham gia")
    )

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="movement_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Registration(ScopedModel):
    """A registration for a title in a movement (đăng ký thi đua): by a person for an individual title, or
    by a unit for a collective one, on a date; read in the registrant's unit."""

    scope_path: ClassVar[str | None] = "organization__path"

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="award_registrations",
        verbose_name=_("đơn vị"),
        help_text=_("Đơn vị của cá nhân đăng ký, hoặc tập thể đăng ký."),
    )
    person = models.ForeignKey(
        "personnel.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="award_registrations",
        verbose_name=_("cá nhân"),
    )
    title = models.CharField(_("danh hiệu đăng ký"), max_length=32)
    registered_on = models.DateField(_("ngày đăng ký"))

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["movement", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "person", "title"],
                condition=models.Q(person__isnull=False),
                name="registration_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["movement", "organization", "title"],
                condition=models.Q(person__isnull=True),
                name="registration_once_per_collective",
            ),
        ]

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    def __str__(self) -> str:
        return f"{self.person or self.organization} — {self.title}"


class AwardQuota(EffectiveDated):
    """A quota of a title set by an organisation for the units under it (hạn mức khen thưởng), with its own
    citation: at most ``percent`` per cent of a base — the persons (or units) screened, or those eligible
    for ``of_title`` — rounded down. No national quota exists since 2024; a ministry, sector or province
    may set one (e.g. Thông tư 02/2024/TT-VKSTC: Tập thể lao động xuất sắc at most 20 % of Tập thể lao
    động tiên tiến). The nearest organisation's quota in force applies."""

    scope_path: ClassVar[str | None] = "organization__path"
    overlap_key = ("organization", "title")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="award_quotas",
        verbose_name=_("cơ quan quy định"),
    )
    title = models.CharField(_("danh hiệu, hình thức"), max_length=32)
    percent = models.PositiveSmallIntegerField(_("tỷ lệ tối đa (%)"))
    of_title = models.CharField(
        _("tính trên số đủ điều kiện danh hiệu"),
        max_length=32,
        blank=True,
        help_text=_("Để trống: tính trên tổng số cá nhân (tập thể) được xét."),
    )
    document = models.CharField(_("văn bản quy định"), max_length=64)
    article = models.CharField(_("điều, khoản"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("hạn mức khen thưởng")
        verbose_name_plural = _("hạn mức khen thưởng")
        ordering = ["organization", "title", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=1, percent__lte=100), name="award_quota_percent"
            ),
        ]

    @property
    def citation(self) -> str:
        return ", ".join(part for part in (self.document, self.article) if part)

    def __str__(self) -> str:
        return f"{self.title} ≤ {self.percent}% ({self.citation})"
