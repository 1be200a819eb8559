"""State changes of the person record: creation, transfer, correction of the basic fields. Every one
checks scope, keeps invariants and is audited."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from noivu.accounts.models import User
from noivu.core.permissions import Action, can
from noivu.organizations.models import Organization
from noivu.personnel.models import Assignment, Person


def _require_change_right(user: User, organization: Organization) -> None:
    if not can(user, Action.CHANGE, organization):
        raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ của %(org)s.") % {"org": organization})


@transaction.atomic
def do_create_person(
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
    acting_user: User,
) -> Person:
    """Create a person's record with its first primary assignment."""
    _require_change_right(acting_user, organization)
    person = Person(
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        cccd_number=cccd_number or None,
        ethnic_group=ethnic_group,
        organization=organization,
        category=category,
    )
    person.full_clean()
    person._history_user = acting_user  # type: ignore[attr-defined]  # simple_history reads it
    person.save()
    assignment = Assignment(
        person=person,
        organization=organization,
        category=category,
        position_title=position_title,
        effective_from=start_date,
    )
    assignment.full_clean()
    assignment._history_user = acting_user  # type: ignore[attr-defined]  # simple_history reads it
    assignment.save()
    return person


@transaction.atomic
def do_transfer_person(
    *,
    person: Person,
    to_organization: Organization,
    category: str,
    effective_from: dt.date,
    position_title: str = "",
    acting_user: User,
) -> Assignment:
    """Move a person to another unit (điều động, luân chuyển): the current primary assignment ends the
    day before, a new one starts; both units must be within the acting user's right to change."""
    _require_change_right(acting_user, person.organization)
    _require_change_right(acting_user, to_organization)
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = person.assignments.filter(is_primary=True).as_of(effective_from).first()
    if current is not None:
        if current.effective_from >= effective_from:
            raise ValidationError(
                {"effective_from": _("Ngày điều động phải sau ngày bắt đầu của quá trình công tác hiện tại.")}
            )
        current.effective_to = effective_from - dt.timedelta(days=1)
        current._history_user = acting_user
        current.save(update_fields=["effective_to"])
    assignment = Assignment(
        person=person,
        organization=to_organization,
        category=category,
        position_title=position_title,
        effective_from=effective_from,
    )
    assignment.full_clean()
    assignment._history_user = acting_user  # type: ignore[attr-defined]  # simple_history reads it
    assignment.save()
    if effective_from <= dt.date.today():
        person.organization = to_organization
        person.category = category
        person._history_user = acting_user  # type: ignore[attr-defined]  # simple_history reads it
        person.save(update_fields=["organization", "category", "updated_at", "full_name", "full_name_folded"])
    return assignment


BASIC_FIELDS = ("full_name", "birth_date", "gender", "cccd_number", "ethnic_group")


@transaction.atomic
def do_update_person(
    *,
    person: Person,
    changes: dict,
    acting_user: User,
    expected_updated_at: dt.datetime | None = None,
) -> Person:
    """Correct a person's basic information (thông tin cơ bản): name, birth date, gender, CCCD, ethnicity.

    Units and categories change only through assignments. When ``expected_updated_at`` is given and
    the record has been saved since, the change is refused so that another officer's edit is not lost.
    """
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    _require_change_right(acting_user, person.organization)
    unknown = set(changes) - set(BASIC_FIELDS)
    if unknown:
        raise ValueError(f"not basic fields of a person: {sorted(unknown)}")
    if expected_updated_at is not None and person.updated_at != expected_updated_at:
        raise ValidationError(_("Hồ sơ vừa được người khác cập nhật; hãy tải lại trang và sửa lại."))
    for field, value in changes.items():
        setattr(person, field, value)
    if not person.cccd_number:
        person.cccd_number = None
    person.full_clean()
    person._history_user = acting_user  # type: ignore[attr-defined]  # simple_history reads it
    person.save()
    return person
