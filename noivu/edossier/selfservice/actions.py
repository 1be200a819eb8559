"""State changes of self-service (tự cập nhật hồ sơ): accounts created for persons from their dossier, a
person's proposals to change their own dossier, and the HR officer's approval or return of them."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.extensions import AuditListener, audit_listeners
from noivu.core.files import check_file
from noivu.edossier import engine
from noivu.edossier.models import ChangeProposal, PersonAccount, ProposalKind, ProposalStatus
from noivu.edossier.selfservice.changes import CHANGE_KINDS, parsed, typed_values
from noivu.personnel.models import Person

ACCOUNTS_CREATED = event_type("edossier.accounts_created", gettext_lazy("Tạo tài khoản cá nhân"))
PROPOSAL_SUBMITTED = event_type("edossier.proposal_submitted", gettext_lazy("Gửi đề nghị cập nhật hồ sơ"))
PROPOSAL_WITHDRAWN = event_type("edossier.proposal_withdrawn", gettext_lazy("Rút đề nghị cập nhật hồ sơ"))
PROPOSAL_APPROVED = event_type("edossier.proposal_approved", gettext_lazy("Duyệt đề nghị cập nhật hồ sơ"))
PROPOSAL_RETURNED = event_type("edossier.proposal_returned", gettext_lazy("Trả lại đề nghị cập nhật hồ sơ"))

ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
BATCH = 2_000


def max_attachment_bytes() -> int:
    return int(getattr(settings, "EDOSSIER_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024))


@dataclass(frozen=True)
class Attachment:
    """A scan as sent: its name and content (read up to one byte past the limit)."""

    name: str
    content: bytes


def checked_attachment(upload: Attachment) -> tuple[str, str]:
    """The scan's base name and type, or a ValidationError on the field ``attachment`` naming the file
    and the rule (:func:`noivu.core.files.check_file`: PDF, JPEG or PNG by extension and by content)."""
    try:
        checked = check_file(
            upload.name, upload.content, extensions=ATTACHMENT_TYPES, max_bytes=max_attachment_bytes()
        )
    except ValidationError as refused:
        raise ValidationError({"attachment": refused.messages}) from refused
    return checked.name, checked.content_type


def own_person(user: Any) -> Person | None:
    """The person whose own dossier ``user`` reads through a personal account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    account = (
        PersonAccount.objects.unrestricted().select_related("person__organization").filter(user=user).first()
    )
    return account.person if account is not None else None


def own_person_or_404(user: Any) -> Person:
    """The person whose own dossier ``user`` reads; 404 for an account that is not a person's own."""
    person = own_person(user)
    if person is None:
        raise Http404(_("Tài khoản này không gắn với hồ sơ cá nhân nào."))
    return person


def _require_own(ctx: ActionContext, person: Person) -> None:
    owner = (
        PersonAccount.objects.unrestricted().filter(person=person).values_list("user_id", flat=True).first()
    )
    if owner is None or owner != getattr(ctx.user, "pk", None):
        raise PermissionDenied(_("Bạn chỉ đề nghị cập nhật được hồ sơ của chính mình."))
    ctx.require_owner(owner)


@dataclass(frozen=True)
class CreatedAccount:
    person: Person
    username: str
    user: Any


@action(ACCOUNTS_CREATED)
def do_create_accounts(ctx: ActionContext, *, persons: QuerySet[Person]) -> list[CreatedAccount]:
    """Create a personal account for each of ``persons`` (already restricted to the user's right to change
    them) who is a cadre, civil servant or public employee with a valid dossier identifier and no account
    yet: the user name is the identifier, the password unusable until the person sets it through the
    first-login link. Persons whose identifier fails are left out (the identifier report lists them)."""
    ctx.require_somewhere()
    User = get_user_model()
    candidates = persons.filter(category__in=engine.DOSSIER_CATEGORIES, dossier_account__isnull=True)
    frame = engine.identifier_frame(candidates, today())
    failing = set(frame.filter(frame["problems"].list.len() > 0)["person_id"].to_list())
    rows = list(candidates.exclude(pk__in=failing).values_list("pk", "cccd_number", "full_name"))
    taken = set(
        User.objects.filter(username__in=[cccd for _pk, cccd, _name in rows]).values_list(
            "username", flat=True
        )
    )
    kept = [(pk, cccd, full_name) for pk, cccd, full_name in rows if cccd and cccd not in taken]
    users = []
    for _pk, cccd, full_name in kept:
        user = User(username=cccd, full_name=full_name)
        user.set_unusable_password()
        users.append(user)
    # In bulk, with their history rows: a province's tens of thousands of accounts in seconds.
    users = bulk_create_with_history(users, User, batch_size=BATCH, default_user=ctx.user)
    bulk_create_with_history(
        [
            PersonAccount(user=user, person_id=pk)
            for user, (pk, _cccd, _name) in zip(users, kept, strict=True)
        ],
        PersonAccount,
        batch_size=BATCH,
        default_user=ctx.user,
    )
    created = [
        CreatedAccount(Person(pk=pk, full_name=full_name), cccd, user)
        for user, (pk, cccd, full_name) in zip(users, kept, strict=True)
    ]
    ctx.audit(extra={"accounts": len(created)})
    return created


def follow_corrected_identifier(event: Any, target: Any) -> None:
    """The user name of a personal account stays the dossier identifier: when the number is corrected on
    the record (which checks it as every entry path does), the account's user name follows it, in the same
    transaction and kept in the user's history. A number another account already uses as its user name is
    not taken."""
    if event.event_type != "person.updated" or "cccd_number" not in event.extra.get("fields", ()):
        return
    if not isinstance(target, Person) or not target.cccd_number:
        return
    account = PersonAccount.objects.unrestricted().select_related("user").filter(person=target).first()
    if account is None or account.user.username == target.cccd_number:
        return
    if get_user_model().objects.filter(username=target.cccd_number).exclude(pk=account.user_id).exists():
        return
    account.user.username = target.cccd_number
    account.user.save(update_fields=["username"])


audit_listeners.register(AuditListener("edossier.account_identifier", 20, follow_corrected_identifier))


@action(PROPOSAL_SUBMITTED)
def do_submit_proposal(
    ctx: ActionContext,
    *,
    person: Person,
    kind: str,
    values: dict,
    note: str = "",
    attachment: Attachment | None = None,
) -> ChangeProposal:
    """Send a proposal to change one's own dossier: checked now by the record's rules for ``kind``; a
    degree or certificate needs the scan of the document. Contacts and addresses have one proposal waiting
    at a time."""
    _require_own(ctx, person)
    form = parsed(kind, person, values)
    if not CHANGE_KINDS[kind].adds_a_row:
        waiting = ChangeProposal.objects.filter(person=person, kind=kind, status=ProposalStatus.SUBMITTED)
        if waiting.exists():
            raise ValidationError(
                _("Đề nghị về %(kind)s trước đó còn chờ duyệt: hãy rút đề nghị đó trước khi gửi đề nghị mới.")
                % {"kind": str(ProposalKind(kind).label).lower()}
            )
    if kind == "education" and attachment is None:
        raise ValidationError({"attachment": [_("Cần kèm bản chụp văn bằng, chứng chỉ.")]})
    proposal = ChangeProposal(person=person, kind=kind, values=typed_values(form), note=note.strip())
    if attachment is not None:
        name, content_type = checked_attachment(attachment)
        proposal.attachment_name = name
        proposal.attachment_type = content_type
        proposal.attachment.save(name, ContentFile(attachment.content), save=False)
    proposal.save()
    ctx.audit(proposal, extra={"kind": kind})
    return proposal


@action(PROPOSAL_WITHDRAWN)
def do_withdraw_proposal(ctx: ActionContext, *, proposal: ChangeProposal) -> ChangeProposal:
    """Withdraw one's own proposal while it waits."""
    _require_own(ctx, proposal.person)
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Chỉ rút được đề nghị đang chờ duyệt."))
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    return proposal


def _waiting(proposal: ChangeProposal) -> ChangeProposal:
    proposal = (
        ChangeProposal.objects.select_for_update().select_related("person__organization").get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(
            _("Đề nghị này đã được xử lý (%(status)s).") % {"status": proposal.get_status_display()}
        )
    return proposal


@action(PROPOSAL_APPROVED)
def do_approve_proposal(ctx: ActionContext, *, proposal: ChangeProposal) -> ChangeProposal:
    """Approve a proposal of a person of one's unit: its values are checked again against the dossier as
    it is now and applied by the record's own action (dated, audited, and put in the outbox for the
    national database), in one transaction with the approval."""
    ctx.require(proposal)
    proposal = _waiting(proposal)
    person = proposal.person
    form = parsed(proposal.kind, person, proposal.values)
    reason = _("Duyệt đề nghị cập nhật hồ sơ số %(number)s của người có hồ sơ") % {"number": proposal.pk}
    CHANGE_KINDS[proposal.kind].apply(person, form, ctx.user, reason)
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by = ctx.user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    ctx.audit(proposal)
    return proposal


@action(PROPOSAL_RETURNED)
def do_return_proposal(ctx: ActionContext, *, proposal: ChangeProposal) -> ChangeProposal:
    """Return a proposal to the person with the action's reason (what to correct or prove), which the
    person reads."""
    ctx.require(proposal)
    reason = ctx.reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Cần nêu lý do trả lại để người đề nghị biết cần sửa gì.")]})
    proposal = _waiting(proposal)
    proposal.status = ProposalStatus.RETURNED
    proposal.return_reason = reason
    proposal.decided_by = ctx.user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
    ctx.audit(proposal)
    return proposal
