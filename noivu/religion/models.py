"""State management of beliefs and religion (quản lý nhà nước về tín ngưỡng, tôn giáo).

Registries — religions, religious organisations and their affiliated organisations, places of worship and
belief establishments, dignitaries and office holders, groups of concentrated religious activity — each a
dated fact with its history; dossiers of administrative procedures with their statutory clock; the working
calendar's announced days off and make-up working days; situation reports (incidents).

Every row but the religions belongs to the state organisation that manages it (``organization``: the
commune's People's Committee for what the commune manages, the province's for the rest), which is how the
organisation tree scopes it, and names its place by the code of the administrative unit (``commune_code``,
two-tier units from 1/7/2025).
"""

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import EffectiveDated, RuleRow, ScopedModel
from noivu.core.rules import localized
from noivu.core.text import fold
from noivu.organizations.models import Organization


class Religion(ScopedModel):
    """A religion recognised in Viet Nam (tôn giáo): national data, read by every user."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên tôn giáo"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("tôn giáo")
        verbose_name_plural = _("tôn giáo")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NamedRecord(EffectiveDated):
    """What the registries share: the managing organisation (scope), a name searchable without
    diacritics, the administrative unit of the place."""

    scope_path = "organization__path"

    name = models.CharField(_("tên"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan quản lý")
    )
    commune_code = models.CharField(_("mã xã, phường"), max_length=8, blank=True, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class OrganizationKind(models.TextChoices):
    RECOGNISED = "recognised", _("Tổ chức tôn giáo được công nhận")
    REGISTERED = "registered", _("Tổ chức được cấp chứng nhận đăng ký hoạt động tôn giáo")
    AFFILIATED = "affiliated", _("Tổ chức tôn giáo trực thuộc")


class ReligiousOrganization(NamedRecord):
    """A religious organisation (tổ chức tôn giáo): recognised (Luật Tín ngưỡng, tôn giáo Điều 21–22),
    holding a certificate of registration (Điều 18–19), or affiliated to another (trực thuộc, Điều 27–29);
    in force from its decision to its dissolution."""

    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, verbose_name=_("tôn giáo"))
    kind = models.CharField(_("loại"), max_length=16, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="affiliates",
        verbose_name=_("tổ chức tôn giáo cấp trên"),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("tổ chức tôn giáo")
        verbose_name_plural = _("tổ chức tôn giáo")
        ordering = ["name_folded", "pk"]


class PlaceKind(models.TextChoices):
    RELIGIOUS = "religious", _("Cơ sở tôn giáo")
    BELIEF = "belief", _("Cơ sở tín ngưỡng")


class WorshipPlace(NamedRecord):
    """A place of worship (cơ sở tôn giáo: chùa, nhà thờ, thánh thất…) or belief establishment (cơ sở
    tín ngưỡng: đình, đền, miếu, nhà thờ họ…) with its administrative unit and location."""

    kind = models.CharField(_("loại cơ sở"), max_length=16, choices=PlaceKind.choices)
    religion = models.ForeignKey(
        Religion, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("tôn giáo")
    )
    religious_organization = models.ForeignKey(
        ReligiousOrganization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("tổ chức tôn giáo"),
    )
    latitude = models.DecimalField(_("vĩ độ"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        verbose_name = _("cơ sở tôn giáo, tín ngưỡng")
        verbose_name_plural = _("cơ sở tôn giáo, tín ngưỡng")
        ordering = ["name_folded", "pk"]


class DignitaryKind(models.TextChoices):
    DIGNITARY = "dignitary", _("Chức sắc")
    OFFICE_HOLDER = "office_holder", _("Chức việc")
    MONASTIC = "monastic", _("Nhà tu hành")


class Dignitary(NamedRecord):
    """A dignitary, office holder or monastic (chức sắc, chức việc, nhà tu hành) holding a rank or an office
    in a religious organisation from its ordination or appointment (Điều 33–34) to its end (transfer,
    dismissal: Điều 35–36). ``name`` is the person's name; the birth year is personal data."""

    kind = models.CharField(_("loại"), max_length=16, choices=DignitaryKind.choices)
    title = models.CharField(_("phẩm vị, chức vụ"), max_length=128)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    religious_organization = models.ForeignKey(
        ReligiousOrganization, on_delete=models.PROTECT, related_name="dignitaries", verbose_name=_("tổ chức")
    )
    place = models.ForeignKey(
        WorshipPlace, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("nơi hoạt động")
    )

    class Meta:
        verbose_name = _("chức sắc, chức việc, nhà tu hành")
        verbose_name_plural = _("chức sắc, chức việc, nhà tu hành")
        ordering = ["name_folded", "pk"]


class ActivityGroup(NamedRecord):
    """A registered group of concentrated religious activity (nhóm sinh hoạt tôn giáo tập trung, Điều
    16–17), in force from its registration to its end; ``address`` is where it meets."""

    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, verbose_name=_("tôn giáo"))
    religious_organization = models.ForeignKey(
        ReligiousOrganization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("tổ chức tôn giáo"),
    )
    representative = models.CharField(_("người đại diện"), max_length=128)
    members = models.PositiveIntegerField(_("số người tham gia"), default=0)

    class Meta:
        verbose_name = _("nhóm sinh hoạt tôn giáo tập trung")
        verbose_name_plural = _("nhóm sinh hoạt tôn giáo tập trung")
        ordering = ["name_folded", "pk"]


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarDay(ScopedModel):
    """A day the working calendar adds to the public holidays of the ``holidays`` library: a day off or
    a make-up working day the Government announces (no organisation: the whole country), or one a
    province decides (its People's Committee)."""

    scope_path = "organization__path"

    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("lý do"), max_length=200)
    basis = models.CharField(_("văn bản"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("áp dụng tại"),
    )

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "organization"],
                name="religion_calendarday_unique",
                violation_error_message=_("Ngày này đã có trong lịch làm việc của nơi áp dụng."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class DossierStatus(models.TextChoices):
    RECEIVED = "received", _("Đang giải quyết")
    SUPPLEMENT = "supplement", _("Chờ bổ sung")
    DECIDED = "decided", _("Đã có kết quả")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Chấp thuận")
    REFUSED = "refused", _("Từ chối (có lý do)")


class Dossier(ScopedModel):
    """A dossier of an administrative procedure (hồ sơ thủ tục hành chính) received by an authority: the
    procedure (a row of the rule table ``religion_procedures``, the one in force on receipt), its
    statutory clock from receipt, the supplements it asked for, and its decision.

    ``due_on`` is the statutory deadline as computed by :mod:`noivu.religion.procedures.clock` (None
    while the clock is paused for a supplement); the actions keep it current."""

    scope_path = "organization__path"

    reference = models.CharField(_("số hồ sơ"), max_length=32, unique=True)
    procedure_code = models.CharField(_("thủ tục"), max_length=64, db_index=True)
    rule = models.ForeignKey(RuleRow, on_delete=models.PROTECT, related_name="+", verbose_name=_("quy định"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan tiếp nhận")
    )
    applicant = models.CharField(_("người, tổ chức đề nghị"), max_length=255)
    religious_organization = models.ForeignKey(
        ReligiousOrganization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("tổ chức tôn giáo"),
    )
    group = models.ForeignKey(
        ActivityGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("nhóm sinh hoạt"),
    )
    commune_code = models.CharField(_("mã xã, phường"), max_length=8, blank=True)
    subject = models.CharField(_("nội dung"), max_length=500, blank=True)
    received_on = models.DateField(_("ngày nhận hồ sơ"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DossierStatus.choices, default=DossierStatus.RECEIVED
    )
    due_on = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    decided_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, blank=True)
    decision_number = models.CharField(_("số văn bản trả lời"), max_length=64, blank=True)
    late_reason = models.TextField(_("lý do quá hạn"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ thủ tục")
        verbose_name_plural = _("hồ sơ thủ tục")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="religion_dossier_queue"),
            models.Index(fields=["received_on"], name="religion_dossier_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.applicant}"

    @property
    def procedure_name(self) -> str:
        return procedure_label(self.rule.value) or self.procedure_code

    @property
    def is_open(self) -> bool:
        return self.status in (DossierStatus.RECEIVED, DossierStatus.SUPPLEMENT)

    @property
    def decided_late(self) -> bool:
        return bool(self.decided_on and self.due_on and self.decided_on > self.due_on)


class SupplementRequest(ScopedModel):
    """A request to complete a dossier (yêu cầu bổ sung hồ sơ): the clock stops from the day after the
    request and runs again from the day after the supplement is received."""

    scope_path = "dossier__organization__path"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_on = models.DateField(_("ngày yêu cầu bổ sung"))
    content = models.TextField(_("nội dung cần bổ sung"))
    received_on = models.DateField(_("ngày nhận bổ sung"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu bổ sung hồ sơ")
        verbose_name_plural = _("yêu cầu bổ sung hồ sơ")
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier.reference} {self.requested_on:%d/%m/%Y}"


class Topic(models.TextChoices):
    UNREGISTERED = "unregistered", _("Hoạt động không đăng ký, không thông báo")
    LAND = "land", _("Tranh chấp, khiếu kiện về đất đai")
    WORSHIP_PLACE = "worship_place", _("Tranh chấp cơ sở thờ tự, xây dựng trái phép")
    COMPLAINT = "complaint", _("Khiếu nại, tố cáo")
    PROSELYTISM = "proselytism", _("Truyền đạo trái phép")
    FESTIVAL = "festival", _("Lễ hội, sinh hoạt đông người")
    OTHER = "other", _("Vụ việc khác")


class Severity(models.IntegerChoices):
    LOW = 1, _("Thấp")
    MEDIUM = 2, _("Trung bình")
    HIGH = 3, _("Cao")
    CRITICAL = 4, _("Nghiêm trọng")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Mới phát sinh")
    FOLLOWING = "following", _("Đang theo dõi, xử lý")
    CLOSED = "closed", _("Đã giải quyết")


class Incident(ScopedModel):
    """An event or incident of the religious situation (vụ việc, sự việc) reported by a commune or the
    province: where, who, how severe, what was done and what follows.

    ``commune_code`` and ``province_code`` are the current (two-tier) units; a report dated before
    1/7/2025 also keeps the legacy commune it named (``legacy_commune_code``), mapped to its current
    commune through the official succession (:mod:`noivu.religion.incidents.places`)."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị báo cáo")
    )
    title = models.CharField(_("tóm tắt"), max_length=255)
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices)
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices)
    occurred_on = models.DateField(_("ngày xảy ra"), db_index=True)
    reported_on = models.DateField(_("ngày báo cáo"))
    commune_code = models.CharField(_("mã xã, phường"), max_length=8, db_index=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=8, db_index=True)
    legacy_commune_code = models.CharField(_("mã xã cũ (trước 1/7/2025)"), max_length=8, blank=True)
    place = models.ForeignKey(
        WorshipPlace, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("cơ sở liên quan")
    )
    religious_organizations = models.ManyToManyField(
        ReligiousOrganization, blank=True, related_name="incidents", verbose_name=_("tổ chức liên quan")
    )
    group = models.ForeignKey(
        ActivityGroup, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("nhóm liên quan")
    )
    description = models.TextField(_("diễn biến"), blank=True)
    actions_taken = models.TextField(_("biện pháp đã xử lý"), blank=True)
    follow_up = models.TextField(_("việc cần theo dõi"), blank=True)
    follow_up_due = models.DateField(_("hạn theo dõi"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )

    class Meta:
        verbose_name = _("vụ việc tôn giáo")
        verbose_name_plural = _("vụ việc tôn giáo")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["province_code", "occurred_on"], name="religion_incident_area")]

    def __str__(self) -> str:
        return self.title


def procedure_label(value: Any) -> str:
    """A procedure's name from its rule row, in English where the row gives one and the reader reads
    English."""
    return localized(value, "name")


def open_on(day: dt.date) -> models.Q:
    """Dossiers still open on ``day`` (received by then, not yet decided or withdrawn then)."""
    return models.Q(received_on__lte=day) & (models.Q(decided_on__isnull=True) | models.Q(decided_on__gt=day))
