import datetime as dt
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from noivu.demo import loader
from noivu.demo.generator import DEFAULT_PROVINCE, SIZES, generate

DEFAULT_PASSWORD = "demo-noivu-2026"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (cơ quan, đơn vị, hồ sơ cán bộ, công chức, viên chức và tài khoản mẫu)."
    # The load touches only its own tables; skipping the URL and template checks saves seconds.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", choices=sorted(SIZES), default="small", help="cỡ dữ liệu (mặc định: small)"
        )
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định: 1)")
        parser.add_argument("--province", default=DEFAULT_PROVINCE, help="mã tỉnh mẫu (mặc định: 01, Hà Nội)")
        parser.add_argument(
            "--as-of", type=dt.date.fromisoformat, help="ngày tính tuổi, yyyy-mm-dd (mặc định: hôm nay)"
        )
        parser.add_argument(
            "--password", help="mật khẩu của các tài khoản mẫu (mặc định: biến DEMO_PASSWORD)"
        )
        parser.add_argument("--replace", action="store_true", help="xóa dữ liệu mẫu đã nạp rồi nạp lại")
        parser.add_argument(
            "--persons", type=int, help="số hồ sơ thay cho số mặc định của cỡ dữ liệu (để thử)"
        )

    def handle(
        self,
        *args: Any,
        size: str,
        seed: int,
        province: str,
        as_of: dt.date | None,
        password: str | None,
        replace: bool,
        persons: int | None,
        **options: Any,
    ) -> None:
        password = password or os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        current = loader.existing_load()
        if current is not None and not replace:
            if current.size != size:
                raise CommandError(
                    _(
                        "Cơ sở dữ liệu đã có dữ liệu mẫu cỡ %(loaded)s; không nạp thêm cỡ %(asked)s. "
                        "Dùng --replace để xóa dữ liệu mẫu cũ và nạp lại."
                    )
                    % {"loaded": current.size, "asked": size}
                )
            self.stdout.write(
                _("Dữ liệu mẫu cỡ %(size)s (seed %(seed)s) đã được nạp lúc %(at)s: không làm gì thêm.")
                % {
                    "size": current.size,
                    "seed": current.seed,
                    "at": f"{timezone.localtime(current.loaded_at):%d/%m/%Y %H:%M}",
                }
            )
            return
        try:
            data = generate(size, seed, as_of=as_of, persons=persons, province_code=province)
        except KeyError as error:
            raise CommandError(_("Không có tỉnh mã %(code)s.") % {"code": province}) from error
        self.stdout.write(
            _("Nạp dữ liệu mẫu cỡ %(size)s (seed %(seed)s): %(orgs)s cơ quan, đơn vị; %(persons)s hồ sơ.")
            % {
                "size": size,
                "seed": seed,
                "orgs": f"{len(data.nodes):,}",
                "persons": f"{data.person_count:,}",
            }
        )
        try:
            with transaction.atomic():  # the old demo data goes only if the new one is loaded
                if current is not None:
                    self.stdout.write(_("Đang xóa dữ liệu mẫu cũ…"))
                    loader.replace_existing()
                result = loader.load(data, password=password, progress=self.stdout.write)
        except loader.DemoError as error:
            raise CommandError(str(error)) from error
        except (IntegrityError, ProtectedError) as error:  # e.g. other data still refers to old demo rows
            raise CommandError(_("Không nạp được dữ liệu mẫu: %(error)s") % {"error": error}) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Xong trong %(seconds).1f giây: %(rows)s dòng (%(rate)s dòng/giây).")
                % {
                    "seconds": result.seconds,
                    "rows": f"{result.rows:,}",
                    "rate": f"{result.rows / result.seconds:,.0f}",
                }
            )
        )
        created = [spec for spec, was_created in result.users if was_created]
        if created:
            self.stdout.write(_("Tài khoản mẫu (mật khẩu chung: %(password)s):") % {"password": password})
            for spec in created:
                self.stdout.write(
                    f"  {spec.username:<16} {spec.role:<13} {spec.org_code:<10} {spec.full_name}"
                )
