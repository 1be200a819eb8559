"""State changes of job positions: the catalogue, an agency's project and its workflow (draft → submitted →
under appraisal → returned / approved; an approved version superseded by a new one), the appraisers'
comments, the campaigns and their reminders. Every one checks the acting user's right and is audited."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.accounts.models import Grant
from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.permissions import Action, Role
from noivu.core.text import normalize
from noivu.organizations.models import Organization
from noivu.personnel.codelists import is_valid_rank_code
from noivu.personnel.models import Assignment, Person
from noivu.positions.catalogue.rules import FIELDS as CATALOG_FIELDS
from noivu.positions.catalogue.rules import checked_position, problems_of
from noivu.positions.frames import CATEGORIES_OF_KIND, project_findings
from noivu.positions.models import (
    Campaign,
    CatalogPosition,
    PositionHolder,
    PositionProject,
    ProjectComment,
    ProjectPosition,
    ProjectStatus,
    ProjectSubmission,
)
from noivu.positions.versions import snapshot

CATALOG_SAVED = event_type("positions.catalog_saved", gettext_lazy("Cập nhật danh mục vị trí việc làm"))
CATALOG_IMPORTED = event_type(
    "positions.catalog_imported", gettext_lazy("Nhập danh mục vị trí việc làm từ tệp Excel")
)
PROJECT_CREATED = event_type("positions.project_created", gettext_lazy("Lập đề án vị trí việc làm"))
PROJECT_EDITED = event_type("positions.project_edited", gettext_lazy("Sửa đề án vị trí việc làm"))
PROJECT_SUBMITTED = event_type("positions.project_submitted", gettext_lazy("Gửi thẩm định đề án"))
APPRAISAL_STARTED = event_type("positions.appraisal_started", gettext_lazy("Tiếp nhận thẩm định đề án"))
PROJECT_COMMENTED = event_type("positions.project_commented", gettext_lazy("Ý kiến thẩm định đề án"))
PROJECT_RETURNED = event_type("positions.project_returned", gettext_lazy("Trả lại đề án"))
PROJECT_APPROVED = event_type("positions.project_approved", gettext_lazy("Phê duyệt đề án vị trí việc làm"))
VERSION_CREATED = event_type("positions.version_created", gettext_lazy("Lập phiên bản mới của đề án"))
CAMPAIGN_OPENED = event_type("positions.campaign_opened", gettext_lazy("Mở đợt phê duyệt đề án"))
REMINDERS_SENT = event_type("positions.reminders_sent", gettext_lazy("Nhắc hạn phê duyệt đề án"))


def _clean(instance: Any) -> None:
    instance.full_clean()
    instance.save()


def _locked(project: PositionProject) -> PositionProject:
    return PositionProject.objects.unrestricted().select_for_update().get(pk=project.pk)


def _require_editable(project: PositionProject) -> None:
    if not project.editable:
        raise ValidationError(
            _(
                "Đề án %(status)s không sửa được: chỉ sửa dự thảo hoặc đề án bị trả lại; đề án đã phê duyệt "
                "chỉ được thay thế bằng phiên bản mới."
            )
            % {"status": project.get_status_display().lower()}
        )


# --- Catalogue --------------------------------------------------------------------------------------


@action(CATALOG_SAVED)
def do_save_catalog_position(ctx: ActionContext, *, code: str, **fields: Any) -> CatalogPosition:
    """Add a position to the national catalogue or change it, with history: the Ministry's organisation
    and personnel staff (a right to change over the whole country) and the national administrators."""
    ctx.require(CatalogPosition)
    code = normalize(code)
    existing = CatalogPosition.objects.unrestricted().select_for_update().filter(code=code).first()
    before = _catalog_values(existing) if existing is not None else None
    position = checked_position(code, fields, existing)
    if before != _catalog_values(position):
        position.save()
    return position


@dataclass(frozen=True)
class CatalogueRow:
    """A row of an imported catalogue workbook: its Excel row number, the position's code, the values
    read and the problems its cells already had (a group that is not one, a yes/no that is neither)."""

    row: int
    code: str
    values: dict[str, Any]
    problems: list[tuple[str, str, str]] = field(default_factory=list)


class CatalogueImportRefused(ValidationError):
    """An import refused as a whole: ``problems`` are (row, field, rule code, message)."""

    def __init__(self, problems: list[tuple[int, str, str, str]]):
        super().__init__(
            [
                _("Dòng %(row)s, %(field)s: %(message)s") % {"row": row, "field": name, "message": message}
                for row, name, _rule, message in problems[:50]
            ]
        )
        self.problems = problems


@dataclass(frozen=True)
class CatalogueImported:
    added: list[str]
    changed: list[str]
    unchanged: int


@action(CATALOG_IMPORTED)
def do_import_catalogue(
    ctx: ActionContext, *, rows: list[CatalogueRow], source: str = ""
) -> CatalogueImported:
    """Add and change catalogue positions from a workbook, all or nothing: every row is checked as the form
    and the API check one position, and a single problem anywhere refuses the whole file. Positions the
    file does not name stay as they are."""
    ctx.require(CatalogPosition)
    existing = {p.code: p for p in CatalogPosition.objects.unrestricted().select_for_update()}
    problems: list[tuple[int, str, str, str]] = []
    seen: dict[str, int] = {}
    checked: list[tuple[CatalogPosition, bool]] = []
    for row in rows:
        problems.extend((row.row, name, rule, message) for name, rule, message in row.problems)
        code = normalize(row.code)
        if code in seen:
            problems.append(
                (
                    row.row,
                    "code",
                    "duplicate",
                    _("Mã %(code)s đã có ở dòng %(first)s của tệp.") % {"code": code, "first": seen[code]},
                )
            )
            continue
        seen[code] = row.row
        before = existing.get(code)
        snapshot_before = _catalog_values(before) if before is not None else None
        try:
            position = checked_position(code, row.values, before)
        except ValidationError as error:
            problems.extend((row.row, name, rule, message) for name, rule, message in problems_of(error))
            continue
        if not row.problems:
            checked.append(
                (position, snapshot_before is None or snapshot_before != _catalog_values(position))
            )
    if problems:
        raise CatalogueImportRefused(sorted(problems, key=lambda p: p[0]))
    added: list[str] = []
    changed: list[str] = []
    for position, differs in checked:
        if position.pk is None:
            added.append(position.code)
        elif differs:
            changed.append(position.code)
        else:
            continue
        position.save()
    ctx.audit(extra={"source": source[:200], "added": len(added), "changed": len(changed)})
    return CatalogueImported(added=added, changed=changed, unchanged=len(checked) - len(added) - len(changed))


def _catalog_values(position: CatalogPosition) -> tuple[Any, ...]:
    return tuple(getattr(position, name) for name in CATALOG_FIELDS)


# --- Projects ---------------------------------------------------------------------------------------


@action(PROJECT_CREATED)
def do_create_project(
    ctx: ActionContext,
    *,
    organization: Organization,
    staff_kind: str,
    title: str = "",
    legal_basis: str = "",
    campaign: Campaign | None = None,
) -> PositionProject:
    """Open an agency's first job-position project for its civil servants or public employees, as a draft.
    A later change of an approved project is a new version of it (:func:`do_new_version`)."""
    ctx.require(organization)
    existing = PositionProject.objects.unrestricted().filter(organization=organization, staff_kind=staff_kind)
    if existing.exists():
        raise ValidationError(
            {
                "organization": _(
                    "Đơn vị đã có đề án vị trí việc làm cho đối tượng này: sửa đề án đang có hoặc lập phiên "
                    "bản mới của đề án đã phê duyệt."
                )
            }
        )
    project = PositionProject(
        organization=organization,
        staff_kind=staff_kind,
        title=title.strip() or _("Đề án vị trí việc làm của %(name)s") % {"name": organization.name},
        legal_basis=legal_basis.strip(),
        campaign=campaign,
    )
    _clean(project)
    return project


@action(VERSION_CREATED)
def do_new_version(ctx: ActionContext, *, project: PositionProject) -> PositionProject:
    """A new draft version of an approved project, with its positions and people copied: the approved
    version stays as it was and in force until the new one is approved."""
    project = _locked(project)
    ctx.require(project)
    if project.status != ProjectStatus.APPROVED:
        raise ValidationError(_("Chỉ lập phiên bản mới từ đề án đang có hiệu lực (đã phê duyệt)."))
    newer = PositionProject.objects.unrestricted().filter(
        organization_id=project.organization_id, staff_kind=project.staff_kind, version__gt=project.version
    )
    if newer.exists():
        raise ValidationError(_("Đề án này đã có phiên bản mới đang soạn hoặc đang thẩm định."))
    draft = PositionProject(
        organization_id=project.organization_id,
        staff_kind=project.staff_kind,
        version=project.version + 1,
        previous=project,
        campaign=project.campaign,
        title=project.title,
        legal_basis=project.legal_basis,
    )
    _clean(draft)
    copies = {}
    for position in project.positions.all():
        copies[position.pk] = ProjectPosition.objects.create(
            project=draft,
            catalog_id=position.catalog_id,
            headcount=position.headcount,
            rank_code=position.rank_code,
            note=position.note,
        )
    PositionHolder.objects.bulk_create(
        PositionHolder(
            project=draft, position=copies[h.position_id], person_id=h.person_id, is_main=h.is_main
        )
        for h in project.holders.all()
    )
    return draft


@action(PROJECT_EDITED)
def do_save_details(
    ctx: ActionContext, *, project: PositionProject, title: str, legal_basis: str
) -> PositionProject:
    """Change a draft's title and legal basis (căn cứ pháp lý)."""
    project = _locked(project)
    ctx.require(project)
    _require_editable(project)
    project.title, project.legal_basis = title.strip(), legal_basis.strip()
    _clean(project)
    return project


@action(PROJECT_EDITED)
def do_set_position(
    ctx: ActionContext,
    *,
    project: PositionProject,
    catalog: CatalogPosition,
    headcount: int,
    rank_code: str = "",
    note: str = "",
) -> ProjectPosition:
    """Add a catalogue position to a draft project, or change its headcount and planned rank."""
    project = _locked(project)
    ctx.require(project)
    _require_editable(project)
    if catalog.staff_kind != project.staff_kind or not catalog.active:
        raise ValidationError(
            {
                "catalog": _("Vị trí %(code)s không thuộc danh mục đang dùng cho %(kind)s.")
                % {"code": catalog.code, "kind": project.get_staff_kind_display().lower()}
            }
        )
    if rank_code.strip() and not is_valid_rank_code(rank_code.strip()):
        raise ValidationError(
            {"rank_code": _("Mã ngạch không đúng định dạng (ví dụ 01.003 hoặc V.07.03.28).")}
        )
    if headcount < 0:
        raise ValidationError({"headcount": _("Số lượng người làm việc không được âm.")})
    position = ProjectPosition.objects.unrestricted().filter(project=project, catalog=catalog).first()
    position = position or ProjectPosition(project=project, catalog=catalog)
    position.headcount, position.rank_code, position.note = headcount, rank_code.strip(), note.strip()
    _clean(position)
    return position


@action(PROJECT_EDITED)
def do_remove_position(ctx: ActionContext, *, position: ProjectPosition) -> PositionProject:
    """Take a position out of a draft project, with the people placed in it."""
    project = _locked(position.project)
    ctx.require(project)
    _require_editable(project)
    position.delete()
    return project


def present_in(project: PositionProject, day: dt.date) -> Any:
    """The persons a project places: primary assignment in force on ``day`` in the agency or below it, in
    the personnel categories of the project's kind of staff."""
    return (
        Assignment.objects.unrestricted()
        .as_of(day)
        .filter(
            is_primary=True,
            organization__path__startswith=project.organization.path,
            category__in=CATEGORIES_OF_KIND[project.staff_kind],
        )
    )


@action(PROJECT_EDITED)
def do_place_person(
    ctx: ActionContext, *, position: ProjectPosition, person: Person, is_main: bool = True
) -> PositionHolder:
    """Place a person working in the agency in a position of its draft project: their main position
    (exactly one) or one held concurrently (kiêm nhiệm)."""
    project = _locked(position.project)
    ctx.require(project)
    ctx.require(person)
    _require_editable(project)
    if not present_in(project, dates.today()).filter(person=person).exists():
        raise ValidationError(
            {
                "person": _("%(name)s không công tác tại %(unit)s (hoặc không thuộc đối tượng %(kind)s).")
                % {
                    "name": person.full_name,
                    "unit": project.organization.name,
                    "kind": project.get_staff_kind_display().lower(),
                }
            }
        )
    if is_main:
        other = (
            PositionHolder.objects.unrestricted()
            .filter(project=project, person=person, is_main=True)
            .exclude(position=position)
            .select_related("position__catalog")
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "person": _(
                        "Quy tắc một vị trí chính: %(name)s đã được bố trí vào vị trí chính %(position)s; bỏ "
                        "bố trí đó trước hoặc ghi vị trí này là kiêm nhiệm."
                    )
                    % {"name": person.full_name, "position": other.position.catalog.name}
                }
            )
    holder = PositionHolder.objects.unrestricted().filter(position=position, person=person).first()
    holder = holder or PositionHolder(project=project, position=position, person=person)
    holder.is_main = is_main
    _clean(holder)
    return holder


@action(PROJECT_EDITED)
def do_unplace_person(ctx: ActionContext, *, holder: PositionHolder) -> PositionProject:
    """Take a person out of a position of a draft project."""
    project = _locked(holder.project)
    ctx.require(project)
    _require_editable(project)
    holder.delete()
    return project


# --- Workflow ---------------------------------------------------------------------------------------


@action(PROJECT_SUBMITTED)
def do_submit_project(ctx: ActionContext, *, project: PositionProject) -> PositionProject:
    """Send a draft (or a returned project, corrected) for appraisal. Refused while a check finds an error;
    what the project holds is kept as this round's version, so that the appraiser sees what changed."""
    project = _locked(project)
    ctx.require(project)
    _require_editable(project)
    today = dates.today()
    if not project.positions.exists():
        raise ValidationError(_("Đề án chưa có vị trí việc làm nào."))
    errors = [f for f in project_findings(project, today) if f.severity == "error"]
    if errors:
        raise ValidationError(
            [
                _("Chưa gửi được: %(message)s (%(citation)s)")
                % {"message": f.message, "citation": f.citation}
                for f in errors
            ]
        )
    project.round += 1
    project.status = ProjectStatus.SUBMITTED
    project.submitted_on = today
    project.save()
    ProjectSubmission.objects.create(
        project=project, round=project.round, submitted_on=today, positions=snapshot(project)
    )
    return project


def _appraising(project: PositionProject) -> None:
    if project.status not in (ProjectStatus.SUBMITTED, ProjectStatus.UNDER_APPRAISAL):
        raise ValidationError(
            _("Chỉ thẩm định đề án đã gửi; đề án này %(status)s.")
            % {"status": project.get_status_display().lower()}
        )


@action(APPRAISAL_STARTED, permission=Action.APPRAISE)
def do_start_appraisal(ctx: ActionContext, *, project: PositionProject) -> PositionProject:
    """The Home Affairs department takes a submitted project into appraisal."""
    project = _locked(project)
    ctx.require(project)
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("Chỉ tiếp nhận thẩm định đề án vừa được gửi."))
    project.status = ProjectStatus.UNDER_APPRAISAL
    project.save()
    return project


@action(PROJECT_COMMENTED, permission=Action.APPRAISE)
def do_comment(
    ctx: ActionContext, *, project: PositionProject, text: str, position: ProjectPosition | None = None
) -> ProjectComment:
    """An appraiser's comment on one position of a project, or on the whole project."""
    project = _locked(project)
    ctx.require(project)
    _appraising(project)
    if not text.strip():
        raise ValidationError({"text": _("Ý kiến không được để trống.")})
    if position is not None and position.project_id != project.pk:
        raise ValidationError({"position": _("Vị trí không thuộc đề án này.")})
    comment = ProjectComment(
        project=project,
        position=position,
        position_code=position.catalog.code if position is not None else "",
        round=project.round,
        text=text.strip(),
        author=ctx.user,
    )
    _clean(comment)
    return comment


@action(PROJECT_RETURNED, permission=Action.APPRAISE)
def do_return_project(ctx: ActionContext, *, project: PositionProject, reasons: str) -> PositionProject:
    """Return a project to the agency for correction, with the reasons (and the comments per position)."""
    project = _locked(project)
    ctx.require(project)
    _appraising(project)
    if not reasons.strip():
        raise ValidationError({"reasons": _("Trả lại cần ghi lý do.")})
    project.status = ProjectStatus.RETURNED
    project.return_reason = reasons.strip()
    project.save()
    return project


@action(PROJECT_APPROVED, permission=Action.APPROVE)
def do_approve_project(
    ctx: ActionContext,
    *,
    project: PositionProject,
    decision_number: str,
    decision_date: dt.date,
    signer: str,
) -> PositionProject:
    """Approve an appraised project by a decision (number, date, signer): its positions and headcount take
    effect from the decision's date, and the version it replaces ends the day before."""
    project = _locked(project)
    ctx.require(project)
    if project.status != ProjectStatus.UNDER_APPRAISAL:
        raise ValidationError(_("Chỉ phê duyệt đề án đã qua thẩm định."))
    errors: dict[str, str] = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Phê duyệt cần số quyết định.")
    if not signer.strip():
        errors["signer"] = _("Phê duyệt cần người ký quyết định.")
    previous = project.previous
    if previous is not None and previous.effective_from and decision_date <= previous.effective_from:
        errors["decision_date"] = _(
            "Ngày quyết định phải sau ngày hiệu lực của phiên bản được thay thế (%(day)s)."
        ) % {"day": f"{previous.effective_from:%d/%m/%Y}"}
    if errors:
        raise ValidationError(errors)
    if previous is not None:
        previous = _locked(previous)
        previous.status = ProjectStatus.SUPERSEDED
        previous.effective_to = decision_date - dt.timedelta(days=1)
        previous.save()
    project.status = ProjectStatus.APPROVED
    project.decision_number, project.decision_date = decision_number.strip(), decision_date
    project.signer = signer.strip()
    project.effective_from = decision_date
    project.return_reason = ""
    project.save()
    return project


# --- Campaigns --------------------------------------------------------------------------------------


@action(CAMPAIGN_OPENED)
def do_open_campaign(
    ctx: ActionContext,
    *,
    organization: Organization,
    title: str,
    staff_kind: str,
    deadline: dt.date,
    agencies: list[Organization],
    opened_on: dt.date | None = None,
    legal_basis: str = "",
) -> Campaign:
    """Open a campaign: every agency named (within the opening body's subtree) must have its project
    approved by ``deadline``."""
    ctx.require(organization)
    if not agencies:
        raise ValidationError({"agencies": _("Chọn ít nhất một cơ quan, đơn vị thực hiện.")})
    outside = [a.name for a in agencies if not a.path.startswith(organization.path)]
    if outside:
        raise ValidationError(
            {
                "agencies": _("Không thuộc %(name)s: %(list)s.")
                % {"name": organization.name, "list": ", ".join(outside[:5])}
            }
        )
    campaign = Campaign(
        organization=organization,
        title=title.strip(),
        staff_kind=staff_kind,
        opened_on=opened_on or dates.today(),
        deadline=deadline,
        legal_basis=legal_basis.strip(),
    )
    _clean(campaign)
    campaign.agencies.set(agencies)
    return campaign


@action(REMINDERS_SENT)
def do_send_reminders(ctx: ActionContext, *, campaign: Campaign) -> int:
    """E-mail the HR officers of every agency of the campaign whose project is not yet approved, with the
    days left (or overdue); returns the number of messages sent once the action commits."""
    from noivu.positions.campaigns import dashboard

    campaign = Campaign.objects.unrestricted().select_for_update().get(pk=campaign.pk)
    ctx.require(campaign)
    today = dates.today()
    lagging = [row for row in dashboard(campaign, today) if row.status != ProjectStatus.APPROVED]
    paths = {row.path: row for row in lagging}
    grants = Grant.objects.unrestricted().filter(role=Role.HR_OFFICER).select_related("user", "organization")
    messages = []
    for grant in grants:
        email = grant.user.email
        if not email:
            continue
        for path, row in paths.items():
            # The officers of the agency itself or of a unit above it within the campaign's body.
            if path.startswith(grant.organization.path) and grant.organization.path.startswith(
                campaign.organization.path
            ):
                state = (
                    _("quá hạn %(days)s ngày") % {"days": -row.days_left}
                    if row.days_left < 0
                    else _("còn %(days)s ngày đến hạn") % {"days": row.days_left}
                )
                body = _(
                    "Đề án vị trí việc làm của %(unit)s (%(status)s) phải được phê duyệt trước ngày "
                    "%(deadline)s theo %(campaign)s: %(state)s."
                ) % {
                    "unit": row.name,
                    "status": row.status_label.lower(),
                    "deadline": f"{campaign.deadline:%d/%m/%Y}",
                    "campaign": campaign.title,
                    "state": state,
                }
                subject = _("Nhắc hạn phê duyệt đề án vị trí việc làm: %(unit)s") % {"unit": row.name}
                messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    campaign.last_reminded_on = today
    campaign.save()
    ctx.audit(campaign, extra={"messages": len(messages), "agencies": len(lagging)})
    ctx.on_commit(lambda: send_mass_mail(messages, fail_silently=False), robust=True)
    return len(messages)
