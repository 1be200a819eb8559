"""Users, their grants (role × organisation subtree), API tokens and the access log."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from noivu.core.models import AuditedModel, ScopedModel
from noivu.core.permissions import Role


class User(AbstractUser):
    """A user of the system (người dùng): an official acting through grants."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Grant(ScopedModel):
    """A role held over an organisation and everything below it (phạm vi quyền)."""

    scope_path = "organization__path"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"], name="grant_unique_user_role_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class ApiToken(AuditedModel):
    """A personal API token (khóa truy cập API); only its SHA-256 digest is stored. It belongs to its
    owner, not to a unit: only the owner issues, lists and revokes it."""

    history_excluded_fields = ("last_used_at",)

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("khóa truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        """Create a token valid for ``API_TOKEN_DAYS`` days; the raw value is returned once and never
        stored. Its 256 random bits make guessing hopeless: the API needs no throttle against it."""
        raw = "nv_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:8], digest=cls.hash(raw), expires_at=expires_at
        )
        return token, raw

    @property
    def usable(self) -> bool:
        return not self.revoked and (self.expires_at is None or self.expires_at > timezone.now())
