import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from noivu.accounts.models import User


class Command(BaseCommand):
    help = "Tạo (hoặc đặt lại mật khẩu) tài khoản quản trị 'admin' và in thông tin đăng nhập."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", help="mặc định: sinh ngẫu nhiên")
        parser.add_argument("--address", default="http://127.0.0.1:8000/", help="địa chỉ máy chủ để in ra")

    def handle(self, *args: Any, username: str, password: str | None, address: str, **options: Any) -> None:
        password = password or secrets.token_urlsafe(9)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True},
        )
        user.is_superuser = user.is_staff = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Đăng nhập / Login: {username} / {password}"))
        self.stdout.write(f"Địa chỉ / Address: {address}")
