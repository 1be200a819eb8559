"""The hotline and guidance (đường dây nóng, hỏi đáp, hướng dẫn): questions from ministries, localities
and citizens and their answers, the knowledge base they feed, and the conferences and training sessions
held for guidance."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noivu.core.models import ScopedModel
from noivu.core.text import fold, validate_text
from noivu.organizations.models import Organization


class Topic(models.TextChoices):
    """Topics a question or an article is filed under (lĩnh vực)."""

    POSITIONS = "positions", _("Vị trí việc làm")
    SALARY = "salary", _("Tiền lương, phụ cấp")
    STREAMLINING = "streamlining", _("Tinh giản biên chế, biên chế")
    ARRANGEMENT = "arrangement", _("Sắp xếp đơn vị hành chính, tổ chức bộ máy")
    AWARDS = "awards", _("Thi đua, khen thưởng")
    RELIGION = "religion", _("Tín ngưỡng, tôn giáo")
    CIVIL_SERVICE = "civil_service", _("Tuyển dụng, đánh giá, quản lý công chức")
    OTHER = "other", _("Khác")


class Channel(models.TextChoices):
    WEB = "web", _("Biểu mẫu trên cổng")
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Điện thoại")


class AskerKind(models.TextChoices):
    MINISTRY = "ministry", _("Bộ, ngành")
    LOCALITY = "locality", _("Địa phương")
    CITIZEN = "citizen", _("Công dân, tổ chức")


class QuestionStatus(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đã phân công")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công bố hỏi đáp")


class Question(ScopedModel):
    """A question received by a unit (câu hỏi), answered within the service level of its channel."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị tiếp nhận")
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=8, choices=Channel.choices)
    asker_kind = models.CharField(_("người hỏi là"), max_length=12, choices=AskerKind.choices)
    asker_name = models.CharField(_("người hỏi"), max_length=200, validators=[validate_text])
    asker_organization = models.CharField(
        _("cơ quan, địa phương của người hỏi"), max_length=300, blank=True, validators=[validate_text]
    )
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=20, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=300, validators=[validate_text])
    body = models.TextField(_("nội dung câu hỏi"), max_length=20_000, validators=[validate_text])
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices, default=Topic.OTHER)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    received_on = models.DateField(_("ngày tiếp nhận"), db_index=True)
    due_on = models.DateField(_("hạn trả lời"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người được phân công"),
    )
    answer = models.TextField(
        _("nội dung trả lời"), blank=True, max_length=20_000, validators=[validate_text]
    )
    answer_citations = models.CharField(_("căn cứ"), max_length=500, blank=True, validators=[validate_text])
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    reminded_on = models.DateField(_("ngày nhắc gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="helpdesk_question_due")]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        super().clean()
        if not self.contact_email and not self.contact_phone:
            raise ValidationError(
                {"contact_email": _("Câu hỏi phải có thư điện tử hoặc số điện thoại liên hệ của người hỏi.")}
            )
        if self.contact_phone and not _is_phone(self.contact_phone):
            raise ValidationError(
                {"contact_phone": _("Số điện thoại chỉ gồm 8–15 chữ số (có thể bắt đầu bằng +).")}
            )
        if self.received_on and not 2000 <= self.received_on.year <= 2100:
            raise ValidationError({"received_on": _("Ngày tiếp nhận phải trong khoảng năm 2000–2100.")})

    @property
    def is_open(self) -> bool:
        return self.status in (QuestionStatus.NEW, QuestionStatus.ASSIGNED)

    def days_to_answer(self) -> int | None:
        return (self.answered_on - self.received_on).days if self.answered_on else None


def _is_phone(value: str) -> bool:
    digits = value[1:] if value.startswith("+") else value
    return digits.isdigit() and 8 <= len(digits) <= 15


class Attachment(ScopedModel):
    """A file sent with a question (tệp đính kèm), checked for type and size before it is kept."""

    scope_path = "question__organization__path"

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("câu hỏi")
    )
    file = models.FileField(_("tệp"), upload_to="helpdesk/attachments/%Y/%m")
    name = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name


class ArticleSource(models.TextChoices):
    FAQ = "faq", _("Hỏi đáp từ câu hỏi đã trả lời")
    GUIDANCE = "guidance", _("Văn bản hướng dẫn")


class Article(ScopedModel):
    """An entry of the knowledge base (cơ sở tri thức): a published answer or a piece of guidance with
    its citations. Published articles are read by every signed-in user; the unit that published one (none:
    the Ministry's national guidance) changes it.

    ``folded`` is the text searched lexically (no diacritics, đ → d); ``vector`` and ``folded_vector``
    are its semantic embeddings (float32, normalised) of the text with and without diacritics.
    """

    scope_path = "organization__path"
    history_excluded_fields = ("folded", "vector", "folded_vector")

    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị công bố"),
    )
    key = models.CharField(_("mã"), max_length=40, unique=True, null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=ArticleSource.choices)
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices)
    question = models.TextField(_("câu hỏi"), max_length=5_000, validators=[validate_text])
    answer = models.TextField(_("trả lời"), max_length=20_000, validators=[validate_text])
    citations = models.CharField(_("căn cứ"), max_length=500, blank=True, validators=[validate_text])
    published_on = models.DateField(_("ngày công bố"))
    from_question = models.OneToOneField(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="article"
    )
    folded = models.TextField(editable=False)
    vector = models.BinaryField(editable=False)
    folded_vector = models.BinaryField(editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("bài hỏi đáp")
        verbose_name_plural = _("cơ sở tri thức")
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.question[:120]

    def text(self) -> str:
        """What is searched: the question, the answer and the citations."""
        return f"{self.question}\n{self.answer}\n{self.citations}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded = fold(self.text())
        super().save(*args, **kwargs)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị hướng dẫn")
    TRAINING = "training", _("Lớp tập huấn")


class Event(ScopedModel):
    """A conference or training session held for guidance (hội nghị, tập huấn)."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị tổ chức")
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("tên hội nghị, lớp tập huấn"), max_length=300, validators=[validate_text])
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True, validators=[validate_text])
    description = models.TextField(_("nội dung"), blank=True, validators=[validate_text])

    class Meta:
        verbose_name = _("hội nghị, tập huấn")
        verbose_name_plural = _("hội nghị, tập huấn")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.title


class EventMaterial(ScopedModel):
    """A material of an event (tài liệu): an uploaded file checked like an attachment."""

    scope_path = "event__organization__path"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("tên tài liệu"), max_length=300, validators=[validate_text])
    file = models.FileField(_("tệp"), upload_to="helpdesk/materials/%Y/%m")
    size = models.PositiveIntegerField(_("dung lượng (byte)"))

    class Meta:
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")

    def __str__(self) -> str:
        return self.title


class Participant(ScopedModel):
    """A person invited to an event (đại biểu, học viên) and whether they attended."""

    scope_path = "event__organization__path"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("họ và tên"), max_length=200, validators=[validate_text])
    unit = models.CharField(_("cơ quan, đơn vị"), max_length=300, blank=True, validators=[validate_text])
    attended = models.BooleanField(_("có mặt"), default=False)

    class Meta:
        verbose_name = _("đại biểu, học viên")
        verbose_name_plural = _("đại biểu, học viên")
        ordering = ["event", "name", "pk"]

    def __str__(self) -> str:
        return self.name
