"""The exchange's pages, for the national administrator: upload a file of dossiers received from another
installation (a background job), the conflicts of identification numbers and their decision; and the
receiver of the upward sync, for the provinces' outboxes (a bearer token per source, no session)."""

import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from noivu.accounts.http import AuthenticatedRequest
from noivu.accounts.models import User
from noivu.core.actions import do_start_job
from noivu.core.listing import page_number
from noivu.core.models import Job
from noivu.core.permissions import Action, is_national
from noivu.exchange import actions, events
from noivu.exchange.jobs import IMPORT_JOB
from noivu.exchange.models import Conflict, ConflictStatus
from noivu.organizations.models import Organization

CONFLICTS_PER_PAGE = 50
SOURCE_LENGTH = 32


def _national(request: AuthenticatedRequest) -> None:
    """The exchange is the national administrator's: a grant over the whole country to administer."""
    if not is_national(request.user, Action.ADMINISTER):
        raise PermissionDenied


def index(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a file of dossiers (dossier format 1, NDJSON, gzip or plain) from a named source; the
    imports made, with their outcome."""
    _national(request)
    if request.method == "POST":
        source = request.POST.get("source", "").strip()
        upload = request.FILES.get("file")
        if not source or len(source) > SOURCE_LENGTH or upload is None:
            messages.error(request, _("Hãy nhập mã hệ thống gửi (tối đa 32 ký tự) và chọn tệp hồ sơ."))
            return redirect("exchange:index")
        stored = default_storage.save(f"exchange/uploads/{uuid.uuid4()}.ndjson", upload)
        started = do_start_job(
            kind=IMPORT_JOB,
            params={"source": source, "file": stored},
            on=Organization,
            permission=Action.ADMINISTER,
            acting_user=request.user,
        )
        return redirect("core:job", pk=started.pk)
    imports = Job.objects.visible_to(request.user).filter(kind=IMPORT_JOB).order_by("-created_at")[:20]
    pending = Conflict.objects.unrestricted().filter(status=ConflictStatus.PENDING).count()
    return render(request, "exchange/index.html", {"imports": imports, "pending": pending})


def conflicts(request: AuthenticatedRequest) -> HttpResponse:
    """The conflicts of identification numbers, those waiting for a decision first."""
    _national(request)
    status = request.GET.get("status", ConflictStatus.PENDING)
    rows = Conflict.objects.restrict(request.user, Action.ADMINISTER).select_related("held_person")
    if status in ConflictStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, CONFLICTS_PER_PAGE).get_page(page_number(request))
    return render(
        request,
        "exchange/conflicts.html",
        {"page": page, "status": status, "statuses": ConflictStatus.choices},
    )


def conflict(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One conflict: the record holding the number and the incoming dossier; the decision."""
    _national(request)
    found = (
        Conflict.objects.restrict(request.user, Action.ADMINISTER)
        .select_related("held_person")
        .get_or_404(pk=pk)
    )
    if request.method == "POST":
        try:
            actions.do_decide_conflict(
                conflict=found,
                take=request.POST.get("decision") == "take",
                acting_user=request.user,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Đã ghi quyết định."))
        return redirect("exchange:conflict", pk=found.pk)
    return render(
        request,
        "exchange/conflict.html",
        {
            "conflict": found,
            "incoming": found.document.get("person", {}),
            "pending": found.status == "pending",
        },
    )


def _source_of(request: HttpRequest) -> str | None:
    """The source whose token the request carries (none when no source is configured)."""
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    for source, token in settings.EXCHANGE_SOURCES.items():
        if token and constant_time_compare(given, token):
            return str(source)
    return None


@csrf_exempt
@login_not_required
@require_POST
def receiver(request: HttpRequest) -> HttpResponse:
    """The receiver of the upward sync (máy nhận đồng bộ): a batch of event format 1 from a province's
    outbox in, the keys applied and those refused out; only with a configured source's token."""
    source = _source_of(request)
    if source is None:
        return JsonResponse({"detail": "khóa truy cập không hợp lệ"}, status=401)
    user = User.objects.filter(username=settings.EXCHANGE_RECEIVER_USER, is_active=True).first()
    if user is None or not is_national(user, Action.ADMINISTER):
        return JsonResponse({"detail": "chưa cấu hình tài khoản nhận đồng bộ"}, status=503)
    try:
        batch = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "nội dung không phải JSON"}, status=422)
    status, body = events.receive(batch, source, user)
    return JsonResponse(body, status=status)
