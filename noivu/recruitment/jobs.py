"""Background jobs of recruitment (tác vụ nền): a large application workbook, checked row by row with its
progress shown, then recorded all or nothing by the same action as a small one."""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import do_start_job
from noivu.core.excel.reader import WorkbookError
from noivu.core.jobs import Progress, job
from noivu.core.models import Job
from noivu.core.numbers import grouped
from noivu.recruitment import actions
from noivu.recruitment.excel import candidate_error_workbook, read_candidates
from noivu.recruitment.models import CandidateStatus, RecruitmentPlan

IMPORT_KIND = "recruitment-candidates-import"
# The result page lists this many problems; the error workbook has them all.
SHOWN_PROBLEMS = 200


def inline_rows() -> int:
    """A workbook of up to this many applications is recorded while the user waits; a larger one in the
    background."""
    return int(getattr(settings, "RECRUITMENT_IMPORT_INLINE_ROWS", 300))


def start_import(plan: RecruitmentPlan, content: bytes, file_name: str, user: Any) -> Job:
    """Keep the uploaded workbook and start its import into ``plan`` as a background job of ``user``, who
    must be allowed to change the plan."""
    stored = default_storage.save(f"recruitment-imports/{uuid.uuid4().hex}.xlsx", ContentFile(content))
    return do_start_job(
        kind=IMPORT_KIND,
        params={"plan": plan.pk, "upload": stored, "file_name": file_name[:200]},
        on=plan,
        acting_user=user,
    )


def error_file_name(job_id: int) -> str:
    return f"recruitment-imports/{job_id}-loi.xlsx"


@job(
    IMPORT_KIND,
    label=gettext_lazy("Nhận hồ sơ dự tuyển từ tệp"),
    page="recruitment:candidates_import_job",
    error_file="recruitment:candidates_import_job_errors",
)
def run_candidate_import(record: Job, progress: Progress) -> dict[str, Any]:
    """Import the application workbook named in ``record.params["upload"]`` into the plan
    ``record.params["plan"]`` on behalf of the user who started it (the start checked their right to
    change the plan; the action checks it again)."""
    upload = record.params["upload"]
    try:
        with default_storage.open(upload, "rb") as handle:
            content = handle.read()
    finally:
        default_storage.delete(upload)
    plan = RecruitmentPlan.objects.unrestricted().get(pk=record.params["plan"])  # checked when started
    result: dict[str, Any] = {
        "ok": False,
        "plan": plan.pk,
        "file_name": record.params.get("file_name", ""),
        "rows": 0,
        "created": 0,
        "ineligible": 0,
        "file_errors": [],
        "error_count": 0,
        "problems": [],
        "error_file": None,
    }
    progress(2, _("Đang đọc tệp…"))
    problems: list[actions.CandidateProblem] = []
    try:
        rows = read_candidates(plan, content)
        result["rows"] = len(rows)
        checking = _("Đang kiểm tra %(rows)s dòng…") % {"rows": grouped(len(rows))}
        progress(5, checking)
        problems = actions.check_candidate_rows(
            plan, rows, progress=lambda done, total: progress(5 + 75 * done // max(total, 1), checking)
        )
        if not problems:
            progress(80, _("Đang ghi %(rows)s hồ sơ…") % {"rows": grouped(len(rows))})
            added = actions.do_import_candidates(plan=plan, rows=rows, acting_user=record.created_by)
            result["ok"] = True
            result["created"] = len(added)
            result["ineligible"] = sum(1 for c in added if c.status == CandidateStatus.INELIGIBLE)
    except WorkbookError as error:
        result["file_errors"] = list(error.messages)
    except actions.CandidateImportRefused as refused:
        problems = refused.problems
    except ValidationError as error:
        result["file_errors"] = list(error.messages)
    if problems:
        result["error_count"] = len(problems)
        result["problems"] = [
            {
                "row": problem.row,
                "column": actions.candidate_column(problem.field) or "—",
                "rule": str(actions.CANDIDATE_RULES[problem.rule]),
                "message": problem.message,
            }
            for problem in problems[:SHOWN_PROBLEMS]
        ]
        result["error_file"] = default_storage.save(
            error_file_name(record.pk), ContentFile(candidate_error_workbook(content, problems))
        )
    if result["ok"]:
        progress(100, _("Đã nhận %(count)s hồ sơ.") % {"count": grouped(result["created"])})
    else:
        progress(100, _("Không nhận: tệp có lỗi, chưa hồ sơ nào được ghi."))
    return result
