"""State changes of the dossier facts (hồ sơ 2C): dated facts close the open period of the same fact
the day before; every change checks scope, keeps invariants and is audited."""

import datetime as dt
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.models import EffectiveDated, SoftDeletable
from noivu.core.text import normalize
from noivu.personnel.dossier.models import (
    Education,
    FamilyRelation,
    HealthNote,
    PartyMembership,
    RankHistory,
)
from noivu.personnel.models import Person
from noivu.personnel.records.actions import EDITABLE_FIELDS, apply_person_changes

Dated = TypeVar("Dated", bound=EffectiveDated)

DOSSIER_UPDATED = event_type("person.dossier_updated", gettext_lazy("Sửa sơ yếu lý lịch"))
RANK_RECORDED = event_type("dossier.rank_recorded", gettext_lazy("Ghi quá trình ngạch"))
PARTY_MEMBERSHIP_RECORDED = event_type(
    "dossier.party_membership_recorded", gettext_lazy("Ghi thông tin đảng viên")
)
EDUCATION_ADDED = event_type("dossier.education_added", gettext_lazy("Thêm trình độ đào tạo"))
FAMILY_MEMBER_ADDED = event_type("dossier.family_member_added", gettext_lazy("Thêm quan hệ gia đình"))
HEALTH_NOTE_ADDED = event_type("dossier.health_note_added", gettext_lazy("Ghi tình trạng sức khỏe"))

# The fields of the 2C form other than the basic ones (name, birth date, gender, CCCD).
DOSSIER_FIELDS = tuple(
    field for field in EDITABLE_FIELDS if field not in ("full_name", "birth_date", "gender", "cccd_number")
)


def _save(row: models.Model) -> None:
    row.full_clean()
    row.save()


def _record_period(
    ctx: ActionContext,
    model: type[Dated],
    *,
    person: Person,
    same_fact: dict,
    values: dict,
    effective_from: dt.date,
    effective_to: dt.date | None,
) -> Dated:
    """Add a period of a dated fact. A period without an end replaces the open one of the same fact,
    which ends the day before; a period with an end (an older fact entered late) must fit between
    the existing ones."""
    ctx.require(person)
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    if effective_to is None:
        open_period = {"person": person, "effective_to__isnull": True, **same_fact}
        current = model._default_manager.filter(**open_period).first()
        if current is not None:
            if current.effective_from >= effective_from:
                message = _("Ngày hiệu lực phải sau ngày bắt đầu của khoảng đang có hiệu lực (%(period)s).")
                raise ValidationError({"effective_from": message % {"period": current.period_label()}})
            current.effective_to = effective_from - dt.timedelta(days=1)
            current.save(update_fields=["effective_to"])
    fields = {"person": person, "effective_from": effective_from, "effective_to": effective_to}
    row = model(**fields, **same_fact, **values)
    _save(row)
    return row


@action(DOSSIER_UPDATED)
def do_update_dossier(ctx: ActionContext, *, person: Person, changes: dict) -> Person:
    """Complete or correct the identity and career details of the CV (sơ yếu lý lịch) other than the
    basic ones. An ethnic group given by name is stored as its statistics-office code."""
    unknown = set(changes) - set(DOSSIER_FIELDS)
    if unknown:
        raise ValueError(f"not dossier fields of a person: {sorted(unknown)}")
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    ctx.require(person)
    apply_person_changes(person, changes)
    person.save()
    return person


@action(RANK_RECORDED)
def do_record_rank_change(
    ctx: ActionContext,
    *,
    person: Person,
    rank_code: str,
    effective_from: dt.date,
    rank_name: str = "",
    decision_number: str = "",
    decision_date: dt.date | None = None,
    effective_to: dt.date | None = None,
) -> RankHistory:
    """Appoint to, transfer to or raise to a rank (bổ nhiệm, chuyển, nâng ngạch); the name of a known
    code is filled in from the rule table ``rank_salary_tables``."""
    return _record_period(
        ctx,
        RankHistory,
        person=person,
        same_fact={},
        values={
            "rank_code": rank_code.strip(),
            "rank_name": normalize(rank_name),
            "decision_number": decision_number,
            "decision_date": decision_date,
        },
        effective_from=effective_from,
        effective_to=effective_to,
    )


@action(PARTY_MEMBERSHIP_RECORDED)
def do_record_party_membership(
    ctx: ActionContext,
    *,
    person: Person,
    admitted_on: dt.date,
    official_on: dt.date | None = None,
    card_number: str = "",
) -> PartyMembership:
    """Record admission to the Party (kết nạp Đảng) or, for an existing admission, the official date."""
    ctx.require(person)
    membership = PartyMembership.objects.filter(person=person, admitted_on=admitted_on).first()
    if membership is None:
        membership = PartyMembership(person=person, admitted_on=admitted_on)
    membership.official_on = official_on or membership.official_on
    membership.card_number = card_number or membership.card_number
    _save(membership)
    return membership


@action(EDUCATION_ADDED)
def do_add_education(
    ctx: ActionContext,
    *,
    person: Person,
    kind: str,
    level: str,
    field: str = "",
    language: str = "",
    institution: str = "",
    mode: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    graduation_year: int | None = None,
    certificate: str = "",
) -> Education:
    """Add a level of education reached (văn bằng, chứng chỉ); ``level`` is a code of the kind's list."""
    ctx.require(person)
    if graduation_year is None and end_date is not None:
        graduation_year = end_date.year
    row = Education(
        person=person,
        kind=kind,
        level=level,
        field=normalize(field),
        language=language,
        institution=normalize(institution),
        mode=mode,
        start_date=start_date,
        end_date=end_date,
        graduation_year=graduation_year,
        certificate=certificate,
    )
    _save(row)
    return row


@action(FAMILY_MEMBER_ADDED)
def do_add_family_member(
    ctx: ActionContext,
    *,
    person: Person,
    relation: str,
    full_name: str,
    birth_year: int | None = None,
    hometown: str = "",
    occupation: str = "",
    address: str = "",
) -> FamilyRelation:
    """Add a family member to the CV (quan hệ gia đình), listed after those already recorded."""
    ctx.require(person)
    row = FamilyRelation(
        person=person,
        relation=relation,
        full_name=full_name,
        birth_year=birth_year,
        hometown=normalize(hometown),
        occupation=normalize(occupation),
        address=normalize(address),
        order=person.family.count(),
    )
    _save(row)
    return row


@action(HEALTH_NOTE_ADDED)
def do_add_health_note(
    ctx: ActionContext,
    *,
    person: Person,
    recorded_on: dt.date,
    status: str,
    height_cm: int | None = None,
    weight_kg: int | None = None,
    blood_type: str = "",
    note: str = "",
) -> HealthNote:
    """Record the person's health (tình trạng sức khỏe) at a date."""
    ctx.require(person)
    row = HealthNote(
        person=person,
        recorded_on=recorded_on,
        status=normalize(status),
        height_cm=height_cm,
        weight_kg=weight_kg,
        blood_type=blood_type,
        note=note,
    )
    _save(row)
    return row


FACT_UPDATED = event_type("dossier.fact_updated", gettext_lazy("Sửa thông tin trong hồ sơ"))
FACT_DELETED = event_type("dossier.fact_deleted", gettext_lazy("Xóa thông tin trong hồ sơ"))


def _stored(row: models.Model, name: str, value: object) -> object:
    """``value`` as field ``name`` of ``row`` stores it: texts normalised, an empty value the field's
    default (None where it may be null, "" for text)."""
    model_field = row._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    if value in (None, ""):
        if model_field.null:
            return None
        return model_field.get_default()
    if isinstance(value, str) and isinstance(model_field, models.CharField):
        return normalize(value)
    return value


def _own_row(person: Person, row: models.Model) -> models.Model:
    """``row`` locked for the change, refused unless it is a fact of ``person``'s record."""
    locked = type(row)._default_manager.select_for_update().filter(pk=row.pk).first()
    if locked is None or getattr(locked, "person_id", None) != person.pk:
        raise ValidationError(_("Thông tin này không thuộc hồ sơ đang sửa."))
    return locked


@action(FACT_UPDATED)
def do_update_fact(ctx: ActionContext, *, person: Person, row: models.Model, values: dict) -> models.Model:
    """Correct a fact of the dossier (any kind: rank, salary step, allowance, training, family…): the
    fields given take the values given, an empty one its default; the fact's rules are checked again
    (periods that may not overlap, years and dates in range, code lists). The history keeps the
    values before the correction."""
    ctx.require(person)
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    row = _own_row(person, row)
    for name, value in values.items():
        setattr(row, name, _stored(row, name, value))
    _save(row)
    ctx.audit(
        person,
        extra={"fact": row._meta.label_lower, "id": row.pk, "fields": sorted(values)},
    )
    return row


@action(FACT_DELETED)
def do_delete_fact(ctx: ActionContext, *, person: Person, row: models.Model) -> None:
    """Remove a fact entered by mistake (xóa mềm): the reason is required; the row leaves the record but
    stays in its table and its history, with who removed it, when and why, and the integrity check keeps
    checking it. A period closed when the removed one was entered stays closed: correct its end if it
    should run on."""
    ctx.require(person)
    if not ctx.reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do xóa thông tin này khỏi hồ sơ.")})
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    locked = _own_row(person, row)
    assert isinstance(locked, SoftDeletable)
    locked.deleted_at = timezone.now()
    locked.deleted_by = ctx.user
    locked.deletion_reason = ctx.reason.strip()
    locked.save(update_fields=["deleted_at", "deleted_by", "deletion_reason"])
    ctx.audit(person, extra={"fact": locked._meta.label_lower, "id": locked.pk})
