"""The electronic dossier's part of the demo data set: the outbox of the last weeks' changes of rank and
salary step, most delivered (and kept by the stand-in receiver), a few waiting (some past their three
working days) and one the receiver refused, so that the synchronisation and reconciliation pages show
what an agency sees; self-service: the personal account ``demo.canhan`` of a civil servant of the
province's Department of Home Affairs (the demo password), with proposals waiting, approved and returned;
and an initial export of that department's dossiers, made by the national administrator."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Case, When
from django.utils import timezone

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.jobs import run_job
from noivu.core.models import Job
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.edossier.jobs import EXPORT_JOB
from noivu.edossier.models import (
    ChangeProposal,
    ConsentRequest,
    ConsentStatus,
    PersonAccount,
    ProposalKind,
    ProposalStatus,
    SyncEvent,
    SyncStatus,
)
from noivu.edossier.sync import FORMAT_VERSION, MAX_ATTEMPTS, outbox_event, receive
from noivu.organizations.models import Organization
from noivu.payroll.models import SalaryHistory
from noivu.personnel.models import Person

EVENTS = 40
OVERDUE = 3
PERSONAL_USERNAME = "demo.canhan"
EXPORTED_BY = "demo.quantri"
CONSENT_READERS = ("demo.lanhdao", "demo.thamdinh")
SCAN = b"%PDF-1.4\n% ban chup mau\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def load(context: DemoContext) -> str:
    steps = list(
        SalaryHistory.objects.unrestricted()
        .filter(person__organization__path__startswith=context.root_path)
        .filter(person__category__in=DOSSIER_CATEGORIES, person__cccd_number__regex=r"^\d{12}$")
        .select_related("person__organization")
        .order_by("-effective_from", "id")[:EVENTS]
    )
    now = timezone.make_aware(dt.datetime.combine(context.as_of, dt.time(9)))
    events = []
    for number, step in enumerate(steps):
        event = outbox_event(
            step.person, step, "dossier.salary_step_recorded", now - dt.timedelta(hours=6 * number)
        )
        if number < OVERDUE:
            event.occurred_at = now - dt.timedelta(days=8 + number)
            event.due_on = context.as_of - dt.timedelta(days=2 + number)
            event.attempts = 2
            event.last_error = (
                f"không kết nối được máy nhận tại {settings.EDOSSIER_SYNC_ENDPOINT} (Connection refused)"
            )
        elif number == len(steps) - 1:
            event.status, event.attempts = SyncStatus.DEAD, MAX_ATTEMPTS
            event.last_error = "agency: mã cơ quan chưa được đăng ký trên cơ sở dữ liệu quốc gia"
        elif number % 3:
            event.status, event.delivered_at = (
                SyncStatus.DELIVERED,
                event.occurred_at + dt.timedelta(minutes=5),
            )
        events.append(event)
    SyncEvent.objects.bulk_create(events)
    # What the stand-in receiver kept of the delivered ones, so that the reconciliation compares them.
    receive(
        {
            "format_version": FORMAT_VERSION,
            "events": [event.payload for event in events if event.status == SyncStatus.DELIVERED],
        }
    )
    proposals = _self_service(context)
    exported = _initial_export(context)
    return (
        f"{len(events)} sự kiện đồng bộ hồ sơ điện tử, {proposals} đề nghị cập nhật hồ sơ,"
        f" kết xuất ban đầu {exported} hồ sơ"
    )


def _initial_export(context: DemoContext) -> int:
    """The initial export of the Department of Home Affairs' dossiers, made by the national administrator
    as the page makes it, so that the page lists an export to download; how many dossiers it holds."""
    administrator = get_user_model().objects.filter(username=EXPORTED_BY).first()
    department = _home_affairs(context)
    if administrator is None or department is None:
        return 0
    record = Job.objects.create(
        kind=EXPORT_JOB, params={"organization": department.pk, "deliver": False}, created_by=administrator
    )
    run_job(record.pk)
    record.refresh_from_db()
    return int(record.result.get("dossiers", 0)) if isinstance(record.result, dict) else 0


def _home_affairs(context: DemoContext) -> Organization | None:
    return (
        Organization.objects.filter(path__startswith=context.root_path, name__startswith="Sở Nội vụ")
        .order_by("path")
        .first()
    )


def _self_service(context: DemoContext) -> int:
    """The personal account of a civil servant of the Department of Home Affairs (the HR officer's own
    unit) and their proposals; the account has the demo users' password."""
    officer = get_user_model().objects.filter(username="demo.nhansu").first()
    department = _home_affairs(context)
    if officer is None or department is None:
        return 0
    person = (
        Person.objects.unrestricted()
        .filter(
            organization__path__startswith=department.path,
            category__in=DOSSIER_CATEGORIES,
            cccd_number__regex=r"^\d{12}$",
        )
        .order_by(
            # Preferably a staff member of working age without a leading office, as most users will be.
            Case(When(birth_date__year__range=(1975, 1992), then=0), default=1),
            Case(When(assignments__position_title="", then=0), default=1),
            "id",
        )
        .first()
    )
    if person is None:
        return 0
    user, _created = get_user_model().objects.get_or_create(
        username=PERSONAL_USERNAME, defaults={"full_name": person.full_name, "password": officer.password}
    )
    PersonAccount.objects.get_or_create(user=user, person=person)
    now = timezone.make_aware(dt.datetime.combine(context.as_of, dt.time(8)))
    waiting_phone = ChangeProposal(
        person=person,
        kind=ProposalKind.CONTACTS,
        values={"phone": "0915 246 813", "email": person.email},
        note="Đổi số điện thoại di động.",
    )
    degree = ChangeProposal(
        person=person,
        kind=ProposalKind.EDUCATION,
        values={
            "kind": "foreign_language",
            "level": "level_4",
            "language": "Tiếng Anh",
            "graduation_year": "2025",
        },
        note="Chứng chỉ tiếng Anh bậc 4 cấp tháng 11/2025.",
        attachment_name="chung-chi-tieng-anh.pdf",
        attachment_type="application/pdf",
    )
    degree.attachment.save("chung-chi-tieng-anh.pdf", ContentFile(SCAN), save=False)
    returned = ChangeProposal(
        person=person,
        kind=ProposalKind.FAMILY,
        values={"relation": "child", "full_name": "Con mới sinh", "birth_year": str(context.as_of.year)},
        status=ProposalStatus.RETURNED,
        return_reason="Ghi đủ họ và tên của con như trong giấy khai sinh và kèm bản chụp giấy khai sinh.",
        decided_by=officer,
        decided_at=now - dt.timedelta(days=2),
    )
    rows = ChangeProposal.objects.bulk_create([waiting_phone, degree, returned])
    for number, row in enumerate(rows):
        ChangeProposal.objects.filter(pk=row.pk).update(submitted_at=now - dt.timedelta(days=5 - number))
    readers = {user.username: user for user in get_user_model().objects.filter(username__in=CONSENT_READERS)}
    if len(readers) == len(CONSENT_READERS):
        ConsentRequest.objects.bulk_create(
            [
                ConsentRequest(
                    identifier=person.cccd_number or "",
                    person=person,
                    requested_by=readers["demo.lanhdao"],
                    purpose="Xem xét bổ nhiệm vào vị trí lãnh đạo phòng",
                    status=ConsentStatus.GRANTED,
                    answered_at=now - dt.timedelta(days=1),
                    expires_on=context.as_of + dt.timedelta(days=29),
                ),
                ConsentRequest(
                    identifier=person.cccd_number or "",
                    person=person,
                    requested_by=readers["demo.thamdinh"],
                    purpose="Thẩm định hồ sơ đề án vị trí việc làm",
                ),
            ]
        )
    return len(rows)


def clear(root_path: str) -> None:
    units = Organization.objects.filter(path__startswith=root_path).values_list("pk", flat=True)
    exports = Job.objects.filter(kind=EXPORT_JOB, params__organization__in=list(units))
    for result in exports.values_list("result", flat=True):
        if isinstance(result, dict) and result.get("file"):
            default_storage.delete(result["file"])
    exports.delete()
    SyncEvent.objects.unrestricted().filter(person__organization__path__startswith=root_path).delete()
    get_user_model().objects.filter(
        dossier_account__person__organization__path__startswith=root_path
    ).delete()


demo_steps.register(DemoStep(key="edossier", order=90, load=load, clear=clear))
