"""State changes of the person record: creation, transfer, correction of the basic fields. Every one
checks scope, keeps invariants and is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core import dates
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.text import normalize
from noivu.organizations.models import Organization
from noivu.personnel import codelists
from noivu.personnel.models import Assignment, Person

PERSON_CREATED = event_type("person.created", gettext_lazy("Tạo hồ sơ"))
PERSON_UPDATED = event_type("person.updated", gettext_lazy("Sửa thông tin cơ bản của hồ sơ"))
PERSON_TRANSFERRED = event_type("person.transferred", gettext_lazy("Điều động"))


@action(PERSON_CREATED)
def do_create_person(
    ctx: ActionContext,
    *,
    full_name: str,
    birth_date: dt.date,
    gender: str,
    organization: Organization,
    category: str,
    start_date: dt.date,
    cccd_number: str | None = None,
    ethnic_group: str = "",
    position_title: str = "",
) -> Person:
    """Create a person's record with its first primary assignment."""
    ctx.require(organization)
    person = Person(organization=organization, category=category)
    apply_person_changes(
        person,
        {
            "full_name": full_name,
            "birth_date": birth_date,
            "gender": gender,
            "cccd_number": cccd_number,
            "ethnic_group": ethnic_group,
        },
    )
    person.save()
    assignment = Assignment(
        person=person,
        organization=organization,
        category=category,
        position_title=normalize(position_title),
        effective_from=start_date,
    )
    assignment.full_clean()
    assignment.save()
    ctx.audit(person)
    return person


@action(PERSON_TRANSFERRED)
def do_transfer_person(
    ctx: ActionContext,
    *,
    person: Person,
    to_organization: Organization,
    category: str,
    effective_from: dt.date,
    position_title: str = "",
) -> Assignment:
    """Move a person to another unit (điều động, luân chuyển): the current primary assignment ends the
    day before, a new one starts; both units must be within the acting user's right to change. A
    transfer dated in the future moves the person's unit on its day (:mod:`.scheduled`)."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    from_organization = person.organization
    ctx.require(from_organization)
    ctx.require(to_organization)
    current = person.assignments.filter(is_primary=True).as_of(effective_from).first()
    if current is not None:
        if current.effective_from >= effective_from:
            raise ValidationError(
                {"effective_from": _("Ngày điều động phải sau ngày bắt đầu của quá trình công tác hiện tại.")}
            )
        current.effective_to = effective_from - dt.timedelta(days=1)
        current.save(update_fields=["effective_to"])
    assignment = Assignment(
        person=person,
        organization=to_organization,
        category=category,
        position_title=position_title,
        effective_from=effective_from,
    )
    assignment.full_clean()
    assignment.save()
    if effective_from <= dates.today():
        person.organization = to_organization
        person.category = category
        person.save(update_fields=["organization", "category", "updated_at", "full_name", "full_name_folded"])
    ctx.audit(
        person,
        organization_path=to_organization.path,
        extra={
            "from_organization": from_organization.pk,
            "to_organization": to_organization.pk,
            "category": category,
            "effective_from": effective_from.isoformat(),
        },
    )
    return assignment


BASIC_FIELDS = ("full_name", "birth_date", "gender", "cccd_number", "ethnic_group")
# The other fields of the 2C form (sơ yếu lý lịch) a person's record holds itself.
CV_FIELDS = (
    "other_names",
    "religion",
    "cccd_issued_on",
    "cccd_issued_by",
    "phone",
    "email",
    "personnel_code",
    "occupation_at_recruitment",
    "recruited_on",
    "recruiting_agency",
    "main_duties",
    "mass_organization_joined_on",
    "enlisted_on",
    "discharged_on",
    "highest_military_rank",
    "highest_honorary_title",
    "strengths",
    "policy_status",
    "social_insurance_number",
    "personal_history",
)
EDITABLE_FIELDS = BASIC_FIELDS + CV_FIELDS


def apply_person_changes(person: Person, changes: dict) -> None:
    """Set ``changes`` on ``person`` and check the whole record as every entry path does: texts
    normalised, an ethnic group or religion given by name stored as its code, the CCCD in ASCII digits,
    then the model's rules (:meth:`Person.clean`). Raises ValidationError naming the field."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable fields of a person: {sorted(unknown)}")
    for field, value in changes.items():
        if isinstance(value, str) and field != "personal_history":
            value = normalize(value)
        if field == "ethnic_group" and value:
            code = codelists.ethnic_group_code(value)
            if code is None:
                raise ValidationError({"ethnic_group": _("Dân tộc không có trong danh mục 54 dân tộc.")})
            value = code
        if field == "religion" and value:
            value = codelists.religions().resolve(value) or value
        if field == "cccd_number":
            value = "".join((value or "").split()) or None
        setattr(person, field, value)
    person.full_clean()


@action(PERSON_UPDATED)
def do_update_person(
    ctx: ActionContext,
    *,
    person: Person,
    changes: dict,
    expected_updated_at: dt.datetime | None = None,
) -> Person:
    """Correct the fields of a person's record (thông tin cơ bản and the other items of the 2C form):
    name, birth date, gender, CCCD, ethnicity, religion, contacts, recruitment, military service…

    Units and categories change only through assignments. When ``expected_updated_at`` is given and
    the record has been saved since, the change is refused so that another officer's edit is not lost.
    """
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    ctx.require(person)
    if expected_updated_at is not None and person.updated_at != expected_updated_at:
        raise ValidationError(_("Hồ sơ vừa được người khác cập nhật; hãy tải lại trang và sửa lại."))
    before = {field: getattr(person, field) for field in changes}
    apply_person_changes(person, changes)
    person.save()
    # The fields whose value changed: a form sends every field, the audit names the corrections.
    ctx.audit(person, extra={"fields": sorted(f for f in changes if getattr(person, f) != before[f])})
    return person


ASSIGNMENT_ENDED = event_type("person.assignment_ended", gettext_lazy("Thôi giữ vị trí công tác"))


@action(ASSIGNMENT_ENDED)
def do_end_assignment(
    ctx: ActionContext, *, person: Person, last_day: dt.date, cause: str = ""
) -> Assignment:
    """End the person's primary assignment in force on ``last_day`` on that day (nghỉ hưu, thôi việc, tinh
    giản biên chế): the person then holds no primary assignment and leaves the unit's headcount; the record
    and its history stay. ``cause`` is recorded with the audit event."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    current = person.assignments.filter(is_primary=True).as_of(last_day).first()
    ctx.require(current.organization if current is not None else person.organization)
    if current is None:
        raise ValidationError(
            {
                "last_day": _("Ngày %(day)s người này không giữ vị trí công tác chính nào.")
                % {"day": f"{last_day:%d/%m/%Y}"}
            }
        )
    if current.effective_to is not None and current.effective_to < last_day:
        raise ValidationError({"last_day": _("Quá trình công tác này đã kết thúc trước ngày đó.")})
    later = person.assignments.filter(is_primary=True, effective_from__gt=last_day)
    if later.exists():
        raise ValidationError(
            {
                "last_day": _(
                    "Người này đã có quá trình công tác sau ngày %(day)s: điều chỉnh quá trình đó trước."
                )
                % {"day": f"{last_day:%d/%m/%Y}"}
            }
        )
    current.effective_to = last_day
    current.full_clean()
    current.save(update_fields=["effective_to"])
    ctx.audit(
        person,
        organization_path=current.organization.path,
        extra={"last_day": last_day.isoformat(), "cause": cause, "assignment": current.pk},
    )
    return current


ASSIGNMENT_UPDATED = event_type("person.assignment_updated", gettext_lazy("Sửa quá trình công tác"))
ASSIGNMENT_DELETED = event_type("person.assignment_deleted", gettext_lazy("Xóa quá trình công tác"))
ASSIGNMENT_FIELDS = (
    "organization",
    "category",
    "position_title",
    "is_primary",
    "effective_from",
    "effective_to",
)


def _follow_primary_assignment(person: Person) -> None:
    """Keep the unit and category of the record equal to those of the primary assignment in force today
    (none in force: the record keeps the unit it left, as when an assignment ends)."""
    current = person.assignments.filter(is_primary=True).as_of(dates.today()).first()
    if current is not None and (person.organization_id, person.category) != (
        current.organization_id,
        current.category,
    ):
        person.organization_id, person.category = current.organization_id, current.category
        person.save(update_fields=["organization", "category", "updated_at"])


def _own_assignment(person: Person, assignment: Assignment) -> Assignment:
    locked = Assignment.objects.select_for_update().filter(pk=assignment.pk, person_id=person.pk).first()
    if locked is None:
        raise ValidationError(_("Quá trình công tác này không thuộc hồ sơ đang sửa."))
    return locked


@action(ASSIGNMENT_UPDATED)
def do_update_assignment(
    ctx: ActionContext, *, person: Person, assignment: Assignment, values: dict
) -> Assignment:
    """Correct a period of the person's career (quá trình công tác, chức vụ): unit, category, position,
    whether it is the primary post, its dates. The unit before and the unit after must both be within the
    acting user's right to change; primary periods may not overlap; the record follows the primary
    assignment in force today. The history keeps the values before the correction."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    ctx.require(person)
    assignment = _own_assignment(person, assignment)
    ctx.require(assignment.organization)
    unknown = set(values) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable fields of an assignment: {sorted(unknown)}")
    before = {name: getattr(assignment, name) for name in values}
    for name, value in values.items():
        if name == "position_title":
            value = normalize(value or "")
        setattr(assignment, name, value)
    if "organization" in values:
        ctx.require(assignment.organization)
    assignment.full_clean()
    assignment.save()
    _follow_primary_assignment(person)
    ctx.audit(
        person,
        organization_path=assignment.organization.path,
        extra={
            "assignment": assignment.pk,
            "fields": sorted(name for name in values if getattr(assignment, name) != before[name]),
        },
    )
    return assignment


@action(ASSIGNMENT_DELETED)
def do_delete_assignment(ctx: ActionContext, *, person: Person, assignment: Assignment) -> None:
    """Delete a period of the career entered by mistake; the history keeps it, with who deleted it and
    when. A record keeps at least one primary assignment: correct the last one instead."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    ctx.require(person)
    assignment = _own_assignment(person, assignment)
    ctx.require(assignment.organization)
    if (
        assignment.is_primary
        and not person.assignments.filter(is_primary=True).exclude(pk=assignment.pk).exists()
    ):
        raise ValidationError(
            _("Đây là quá trình công tác chính duy nhất của hồ sơ: hãy sửa quá trình này thay vì xóa.")
        )
    ctx.audit(person, organization_path=assignment.organization.path, extra={"assignment": assignment.pk})
    assignment.delete()
    _follow_primary_assignment(person)


PERSON_DELETED = event_type("person.deleted", gettext_lazy("Xóa hồ sơ"))


@action(PERSON_DELETED)
def do_delete_person(ctx: ActionContext, *, person: Person) -> None:
    """Delete a record created by mistake, with its assignments and the facts of its dossier; the history
    keeps every row deleted, with who deleted it and when. A record other data still refers to (a
    streamlining case, a merge…) is not deleted: the message names what holds it."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    ctx.require(person)
    ctx.audit(person, extra={"full_name": person.full_name})
    try:
        person.delete()  # the protected references are found before anything is deleted
    except ProtectedError as error:
        held_by = sorted({str(row._meta.verbose_name) for row in error.protected_objects})
        raise ValidationError(
            _("Hồ sơ đang được dùng trong %(what)s: không xóa được.") % {"what": ", ".join(held_by)}
        ) from error
