"""State changes of the drafting programme: every one an action that checks the user's right on the
drafting agency, keeps history and writes a typed audit event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import LegalBasis
from noivu.core.permissions import Action
from noivu.core.text import normalize
from noivu.legislation.models import (
    STEP_ORDER,
    Amendment,
    AmendmentKind,
    DraftDocument,
    DraftingStep,
    Programme,
    Step,
)
from noivu.legislation.progress import plan_steps
from noivu.organizations.models import Organization

PROGRAMME_CREATED = event_type(
    "legislation.programme_created", gettext_lazy("Lập chương trình xây dựng văn bản")
)
DOCUMENT_ADDED = event_type("legislation.document_added", gettext_lazy("Thêm văn bản cần xây dựng"))
STEP_COMPLETED = event_type("legislation.step_completed", gettext_lazy("Hoàn thành bước xây dựng văn bản"))
BASIS_LINKED = event_type("legislation.basis_linked", gettext_lazy("Gắn căn cứ pháp lý với văn bản"))
AMENDMENT_RECORDED = event_type(
    "legislation.amendment_recorded", gettext_lazy("Ghi nhận văn bản sửa đổi, thay thế")
)


@action(PROGRAMME_CREATED, permission=Action.CHANGE)
def do_create_programme(
    ctx: ActionContext,
    *,
    organization: Organization | None,
    name: str,
    year: int,
    law_title: str = "",
    note: str = "",
) -> Programme:
    """A new programme led by ``organization``."""
    if organization is None:
        raise ValidationError({"organization": _("Chương trình phải có cơ quan chủ trì.")})
    ctx.require(organization)
    programme = Programme(
        organization=organization,
        name=normalize(name),
        year=year,
        law_title=normalize(law_title),
        note=note.strip(),
    )
    programme.full_clean()
    programme.save()
    return programme


@action(DOCUMENT_ADDED, permission=Action.CHANGE)
def do_add_document(
    ctx: ActionContext,
    *,
    programme: Programme,
    organization: Organization | None,
    kind: str,
    title: str,
    deadline: dt.date | None,
    lead: str = "",
    detailed_article: str = "",
) -> DraftDocument:
    """Add a document to draft to ``programme``, drafted by ``organization`` by ``deadline``; its steps
    are planned backwards from the deadline with the step durations in force today."""
    ctx.require(programme)
    errors = {}
    if organization is None:
        errors["organization"] = _("Văn bản phải có cơ quan chủ trì soạn thảo.")
    if deadline is None:
        errors["deadline"] = _("Văn bản phải có hạn ban hành.")
    if errors:
        raise ValidationError(errors)
    assert organization is not None and deadline is not None
    ctx.require(organization)
    document = DraftDocument(
        programme=programme,
        organization=organization,
        kind=kind,
        title=normalize(title),
        deadline=deadline,
        lead=normalize(lead),
        detailed_article=normalize(detailed_article),
    )
    document.full_clean()
    document.save()
    for index, item in enumerate(plan_steps(deadline, dates.today())):
        DraftingStep.objects.create(
            document=document, step=item.step, position=index, planned_on=item.planned_on
        )
    return document


@action(STEP_COMPLETED, permission=Action.CHANGE)
def do_complete_step(
    ctx: ActionContext,
    *,
    document: DraftDocument,
    step: str,
    done_on: dt.date,
    note: str = "",
    number: str = "",
    effective_on: dt.date | None = None,
) -> DraftingStep:
    """Record that ``step`` of ``document`` was done on ``done_on``. Steps are done in order; the
    signature needs the document's number (số hiệu) and makes ``done_on`` its issue date, and links the
    legal bases already recorded under that number (the rules the new document sets)."""
    ctx.require(document)
    if step not in STEP_ORDER:
        raise ValidationError({"step": _("Bước không hợp lệ.")})
    rows = {row.step: row for row in DraftingStep.objects.select_for_update().filter(document=document)}
    current = rows[step]
    if current.done_on is not None:
        raise ValidationError(
            {"step": _("Bước này đã hoàn thành ngày %(day)s.") % {"day": f"{current.done_on:%d/%m/%Y}"}}
        )
    earlier = [rows[name] for name in STEP_ORDER[: STEP_ORDER.index(step)]]
    missing = [row for row in earlier if row.done_on is None]
    if missing:
        raise ValidationError(
            {"step": _("Phải hoàn thành bước “%(step)s” trước.") % {"step": missing[0].get_step_display()}}
        )
    latest = max((row.done_on for row in earlier if row.done_on), default=None)
    if latest is not None and done_on < latest:
        raise ValidationError(
            {
                "done_on": _("Ngày hoàn thành không được trước ngày của bước trước (%(day)s).")
                % {"day": f"{latest:%d/%m/%Y}"}
            }
        )
    if done_on > dates.today():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được sau hôm nay.")})
    if step == Step.SIGNATURE:
        number = normalize(number)
        if not number:
            raise ValidationError({"number": _("Khi ký ban hành phải ghi số hiệu văn bản.")})
        document.number = number
        document.issued_on = done_on
        document.effective_on = effective_on
    current.done_on = done_on
    current.note = note.strip()
    current.full_clean()
    current.save()
    following = STEP_ORDER.index(step) + 1
    document.step = STEP_ORDER[following] if following < len(STEP_ORDER) else step
    document.full_clean()
    document.save()
    if step == Step.SIGNATURE:
        document.legal_bases.add(*LegalBasis.objects.unrestricted().filter(document_number=document.number))
    ctx.audit(document, extra={"step": step, "done_on": done_on.isoformat()})
    return current


@action(BASIS_LINKED, permission=Action.CHANGE)
def do_link_legal_basis(
    ctx: ActionContext, *, document: DraftDocument, legal_basis: LegalBasis
) -> DraftDocument:
    """Record that the issued ``document`` sets the rule resting on ``legal_basis`` (so the system knows
    which rule tables a new decree touches)."""
    ctx.require(document)
    if document.issued_on is None:
        raise ValidationError({"legal_basis": _("Chỉ gắn căn cứ pháp lý với văn bản đã ban hành.")})
    document.legal_bases.add(legal_basis)
    ctx.audit(document, extra={"legal_basis": legal_basis.citation})
    return document


@action(AMENDMENT_RECORDED, permission=Action.CHANGE)
def do_record_amendment(
    ctx: ActionContext,
    *,
    document: DraftDocument,
    kind: str,
    by_number: str,
    issued_on: dt.date | None,
    note: str = "",
) -> Amendment:
    """Record that ``by_number``, issued on ``issued_on``, amended or replaced the issued ``document``."""
    ctx.require(document)
    if document.issued_on is None:
        raise ValidationError({"document": _("Văn bản chưa ban hành thì chưa thể bị sửa đổi, thay thế.")})
    if issued_on is None:
        raise ValidationError({"issued_on": _("Phải có ngày ban hành của văn bản sửa đổi, thay thế.")})
    if issued_on < document.issued_on:
        raise ValidationError(
            {
                "issued_on": _("Văn bản sửa đổi không thể ban hành trước văn bản bị sửa (%(day)s).")
                % {"day": f"{document.issued_on:%d/%m/%Y}"}
            }
        )
    if kind not in AmendmentKind.values:
        raise ValidationError({"kind": _("Hình thức phải là sửa đổi, bổ sung hoặc thay thế.")})
    amendment = Amendment(
        document=document, kind=kind, by_number=normalize(by_number), issued_on=issued_on, note=note.strip()
    )
    amendment.full_clean()
    amendment.save()
    return amendment
