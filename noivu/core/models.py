"""Shared building blocks: the base-model ladder every model of every app stands on, legal bases, rule
tables, typed audit events and background jobs.

The ladder (bậc mô hình): :class:`AuditedModel` (history kept, with the acting user and reason of the
action that wrote it) → :class:`ScopedModel` (knows the organisation path it belongs to; its default
manager restricts to a user's scope) → :class:`EffectiveDated` (holds from one date to another); a model
of the ladder that is also :class:`SoftDeletable` is removed with a reason instead of being deleted.
"""

import datetime as dt
from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from noivu.core import permissions
from noivu.core.context import current_action

HISTORY_REASON_LENGTH = 100


class AuditHistory(HistoricalRecords):
    """Simple-history registered once on the ladder: a history row records the user and reason of the
    action in progress (set by :func:`noivu.core.actions.action`), or of the web request."""

    def fields_included(self, model: type[models.Model]) -> list[models.Field]:
        """The model's fields but those it names in ``history_excluded_fields``."""
        excluded = set(getattr(model, "history_excluded_fields", ()))
        return [field for field in super().fields_included(model) if field.name not in excluded]

    def copy_fields(self, model: type[models.Model]) -> dict[str, models.Field]:
        """The history's fields, without an index on those the model names in ``history_unindexed_fields``:
        history is read by the row it belongs to, and each index slows every write (an import, a load)."""
        fields = super().copy_fields(model)
        for name in getattr(model, "history_unindexed_fields", ()):
            fields[name].db_index = False
        return fields

    def get_meta_options(self, model: type[models.Model]) -> dict[str, Any]:
        """The history's options, its table the one the model names in ``history_db_table``: a model that
        moved to another app keeps the history table it had."""
        options: dict[str, Any] = super().get_meta_options(model)
        table = getattr(model, "history_db_table", None)
        if table:
            options["db_table"] = table
        return options

    def create_history_model(self, model: type[models.Model], inherited: bool) -> Any:
        """The history model, its user reference left unchecked by the database for the models that ask
        (``history_user_unconstrained``): an import writes a history row per record, each one a
        reference check deferred to the commit, always to the importing user."""
        constrained: bool = self.user_db_constraint  # type: ignore[has-type]
        self.user_db_constraint = not getattr(model, "history_user_unconstrained", False)
        try:
            return super().create_history_model(model, inherited)
        finally:
            self.user_db_constraint = constrained

    def get_history_user(self, instance: models.Model) -> Any:
        if hasattr(instance, "_history_user"):
            return instance._history_user
        running = current_action()
        if running is not None:
            # An action open to the public (ActionContext.allow_public) runs for an anonymous visitor.
            return running.user if getattr(running.user, "is_authenticated", False) else None
        return super().get_history_user(instance)

    def get_change_reason_for_object(
        self, instance: models.Model, history_type: str, using: str
    ) -> str | None:
        reason = super().get_change_reason_for_object(instance, history_type, using)
        running = current_action()
        reason = reason or (running.reason if running is not None else "")
        # The history column is short; the whole reason stays on the action's audit event.
        return reason[:HISTORY_REASON_LENGTH] if reason else None


class AuditedModel(models.Model):
    """Every change of a row is kept as a history row (lịch sử thay đổi); a model leaves fields out of
    its history by naming them in ``history_excluded_fields``."""

    history_excluded_fields: ClassVar[tuple[str, ...]] = ()
    history_unindexed_fields: ClassVar[tuple[str, ...]] = ()
    # Whether the database leaves the history rows' user unchecked (see AuditHistory).
    history_user_unconstrained: ClassVar[bool] = False
    # The history's table when it is not the default one (a model moved from another app keeps its own).
    history_db_table: ClassVar[str | None] = None

    history = AuditHistory(inherit=True)

    class Meta:
        abstract = True


class ScopedQuerySet(models.QuerySet):
    """The default queryset of a scoped model: ``restrict()`` is how a view or an endpoint reads it."""

    def restrict(self, user: Any, action: str = permissions.Action.VIEW) -> Self:
        """Only the rows ``user`` may ``action`` (their granted subtrees of the organisation tree)."""
        condition = permissions.scope_condition(user, action, self.model.scope_path)
        return self.none() if condition is None else self.filter(condition)

    def unrestricted(self) -> Self:
        """Every row, deliberately: engines, jobs and actions that check the user themselves."""
        return self.all()

    def within(self, path: str) -> Self:
        """Rows belonging to the subtree of the organisation at tree ``path``."""
        field = self.model.scope_path
        if field is None:
            return self.all()
        return self.filter(**{f"{field}__startswith": path})

    def get_or_404(self, **lookup: Any) -> Any:
        """The one row matching ``lookup``; 404 when there is none (in scope or at all)."""
        try:
            return self.get(**lookup)
        except self.model.DoesNotExist as missing:
            raise Http404 from missing


class SoftDeletable(models.Model):
    """A row removed with a reason (xóa mềm): it stays in its table and its history, with who removed it,
    when and why, and the ladder's managers leave it out of every read. A dossier's history is only ever
    appended to (Nghị định 27/2026/NĐ-CP)."""

    deleted_at = models.DateTimeField(_("thời điểm xóa"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xóa"),
    )
    deletion_reason = models.TextField(_("lý do xóa"), blank=True, editable=False)

    class Meta:
        abstract = True


class LadderManager(models.Manager):
    """The default manager of the ladder: leaves out the rows of a :class:`SoftDeletable` model that were
    removed (the base manager, the history and raw SQL still see them)."""

    def get_queryset(self) -> Any:
        rows = super().get_queryset()
        return rows.filter(deleted_at__isnull=True) if issubclass(self.model, SoftDeletable) else rows


class ScopedModel(AuditedModel):
    """A row that belongs to a place in the organisation tree (or, with ``scope_path = None``, to the
    whole country: national data every signed-in user reads and only a national administrator
    changes)."""

    scope_path: ClassVar[str | None] = None
    """Lookup from the row to the materialised path of its organisation, e.g. "organization__path"."""

    objects = LadderManager.from_queryset(ScopedQuerySet)()

    class Meta:
        abstract = True

    def organization_path(self) -> str | None:
        """The tree path of the organisation this row belongs to (None for national data)."""
        if self.scope_path is None:
            return None
        value: Any = self
        for part in self.scope_path.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return str(value)


def in_force_condition(day: dt.date) -> Q:
    """The condition an effective-dated row meets when in force on ``day`` (both ends inclusive)."""
    return Q(effective_from__lte=day) & (Q(effective_to__isnull=True) | Q(effective_to__gte=day))


class EffectiveDatedQuerySet(ScopedQuerySet):
    def as_of(self, day: dt.date) -> Self:
        """Rows in force on ``day`` (both ends inclusive)."""
        return self.filter(in_force_condition(day))

    def overlapping(self, start: dt.date, end: dt.date | None) -> Self:
        """Rows whose period shares at least one day with [start, end] (end None = open)."""
        qs = self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
        if end is not None:
            qs = qs.filter(effective_from__lte=end)
        return qs


class EffectiveDated(ScopedModel):
    """A fact that holds from ``effective_from`` to ``effective_to`` inclusive (None: still in force).

    Subclasses name in ``overlap_key`` the fields that identify "the same fact": two rows with equal
    values in those fields may not overlap in time.
    """

    overlap_key: tuple[str, ...] = ()

    effective_from = models.DateField(_("hiệu lực từ ngày"), db_index=True)
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    # The dated queryset extends the scoped one; django-stubs takes the redefinition for a clash.
    objects = LadderManager.from_queryset(EffectiveDatedQuerySet)()  # type: ignore[assignment,misc]

    class Meta:
        abstract = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def clean(self) -> None:
        super().clean()
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.")}
            )
        self.validate_no_overlap()

    def validate_no_overlap(self) -> None:
        if not self.overlap_key:
            return
        same_fact = type(self)._default_manager.filter(
            **{field: getattr(self, field) for field in self.overlap_key}
        )
        clash = same_fact.exclude(pk=self.pk).overlapping(self.effective_from, self.effective_to).first()
        if clash is not None:
            raise ValidationError(
                _("Khoảng hiệu lực %(new)s trùng với khoảng %(old)s đã có của cùng thông tin này.")
                % {"new": self.period_label(), "old": clash.period_label()}
            )

    def period_label(self) -> str:
        end = self.effective_to.strftime("%d/%m/%Y") if self.effective_to else "…"
        return f"{self.effective_from:%d/%m/%Y}–{end}"


class LegalBasis(ScopedModel):
    """A legal document and article a rule or decision rests on (căn cứ pháp lý)."""

    class Confidence(models.TextChoices):
        VERIFIED = "verified", _("đã đối chiếu văn bản")
        CROSS_CHECKED = "cross-checked", _("nhiều nguồn thống nhất")
        UNVERIFIED = "unverified", _("chưa kiểm chứng")

    document_number = models.CharField(_("số hiệu văn bản"), max_length=64)
    article = models.CharField(_("điều, khoản"), max_length=128, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    url = models.URLField(_("nguồn"), max_length=500, blank=True)
    confidence = models.CharField(
        _("độ tin cậy"), max_length=16, choices=Confidence.choices, default=Confidence.VERIFIED
    )

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        constraints = [
            models.UniqueConstraint(
                fields=["document_number", "article"], name="legalbasis_unique_document_article"
            )
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """E.g. "73/2024/NĐ-CP, Điều 3 khoản 2"."""
        return f"{self.document_number}, {self.article}" if self.article else self.document_number

    def as_dict(self) -> dict:
        return {
            "document_number": self.document_number,
            "article": self.article,
            "title": self.title,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "effective_on": self.effective_on.isoformat() if self.effective_on else None,
            "confidence": self.confidence,
            "citation": self.citation,
        }


class RuleRow(EffectiveDated):
    """One dated row of a rule table (bảng quy định): a constant of law with its citation.

    ``value`` holds the JSON value (an integer amount in đồng, a coefficient as a decimal string...).
    Rows come from ``noivu/<app>/law/*.yaml`` or are added by a system administrator.
    """

    class Source(models.TextChoices):
        FILE = "file", _("tệp quy định")
        ADMIN = "admin", _("quản trị viên nhập")

    overlap_key = ("table", "code")

    table = models.CharField(_("bảng"), max_length=64)
    code = models.CharField(_("mã"), max_length=64)
    value = models.JSONField(_("giá trị"))
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, verbose_name=_("căn cứ pháp lý"))
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FILE)

    class Meta:
        verbose_name = _("dòng quy định")
        verbose_name_plural = _("dòng quy định")
        ordering = ["table", "code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code", "effective_from"], name="rulerow_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.table}.{self.code} {self.period_label()} = {self.value}"


class JobQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        """The jobs ``user`` may follow: their own and, for an administrator, those started by a user
        holding a grant inside the subtrees they administer (a superuser: every job)."""
        if user is None or not user.is_authenticated:
            return self.none()
        administered = permissions.granted_paths(user, permissions.Action.ADMINISTER)
        if permissions.EVERYWHERE in administered:
            return self.all()
        condition = Q(created_by=user.pk)
        if administered:
            within = Q()
            for path in administered:
                within |= Q(grants__organization__path__startswith=path)
            starters = user._meta.model._default_manager.filter(within).values("pk")
            condition |= Q(created_by__in=starters)
        return self.filter(condition)


class Job(models.Model):
    """A long-running background job whose progress the UI shows (tác vụ nền); a log of its own, so
    not audited."""

    class Status(models.TextChoices):
        PENDING = "pending", _("đang chờ")
        RUNNING = "running", _("đang chạy")
        DONE = "done", _("hoàn thành")
        FAILED = "failed", _("lỗi")

    kind = models.CharField(_("loại"), max_length=64)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # While it runs, the process running it (host:pid) writes the time here every JOB_HEARTBEAT_SECONDS; a
    # running job whose heartbeat stops is one whose process died, and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=120, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("tác vụ nền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status}, {self.progress} %)"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class JobPart(models.Model):
    """A part of a job several workers share (phần việc): the job's work is split into parts, each sent to
    the queue as a task of its own that any worker takes; the job's progress is the mean of its parts',
    it is done when every part is, and failed, naming the part, when one fails."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Job.Status.choices, default=Job.Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(null=True, blank=True)
    # The process (host:pid) that ran the part.
    worker = models.CharField(max_length=120, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phần việc của tác vụ nền")
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="core_jobpart_one_number")]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.number} ({self.status}, {self.progress} %)"


class AuditEvent(models.Model):
    """A typed audit event (nhật ký nghiệp vụ): who did what, to which object, in which unit, and why.

    Written by every action (and by reads of full records and exports); never changed afterwards, so
    it keeps no history of its own. Scoped by the organisation path of the object concerned.
    """

    scope_path: ClassVar[str] = "organization_path"

    event_type = models.CharField(_("loại sự kiện"), max_length=64, db_index=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    organization_path = models.CharField(max_length=255, blank=True, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(_("đối tượng"), max_length=255, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    extra = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)
    channel = models.CharField(_("kênh"), max_length=8, default="web")
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký nghiệp vụ")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="auditevent_target")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.event_type} {self.target_label}"


class SavedFilter(AuditedModel):
    """A user's named set of filters of a list (bộ lọc đã lưu), offered on that list's page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    list_key = models.CharField(_("danh sách"), max_length=64)
    name = models.CharField(_("tên bộ lọc"), max_length=100)
    query = models.CharField(_("điều kiện lọc"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["list_key", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_key", "name"],
                name="savedfilter_unique_name",
                violation_error_message=_("Bạn đã có bộ lọc cùng tên cho danh sách này."),
            )
        ]

    def __str__(self) -> str:
        return self.name
