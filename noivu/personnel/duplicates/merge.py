"""Merging two records of the same person (gộp hồ sơ trùng lặp), audited.

Every row that points at the removed person is moved to the kept one by walking the relations
declared on :class:`Person`, so records added later (addresses, rank and salary history, training…)
are carried without being listed here. A row that the kept person may hold only once of its kind
(a unique constraint including the person, e.g. one permanent address) stays with the kept person:
the removed person's row is written into the merge record and deleted.
"""

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.fields import concrete_field, related_model
from noivu.personnel.duplicates.models import PersonMerge
from noivu.personnel.models import Person

# Field names that are unique together, with the condition under which they are.
UniqueSet = tuple[tuple[str, ...], models.Q]

PERSONS_MERGED = event_type("person.merged", gettext_lazy("Gộp hồ sơ trùng lặp"))
DUPLICATES_MERGED = event_type("person.duplicates_merged", gettext_lazy("Gộp một nhóm hồ sơ trùng lặp"))


@action(PERSONS_MERGED)
def do_merge_persons(ctx: ActionContext, keep: Person, remove: Person) -> PersonMerge:
    """Merge ``remove`` into ``keep``: move its related rows, fill the kept record's empty fields from
    it, delete it and record the merge. Both records must be within the user's right to change; the
    action's ``reason`` is required and kept on the merge record."""
    reason = ctx.reason
    if keep.pk == remove.pk:
        raise ValidationError(_("Không thể gộp một hồ sơ với chính nó."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do gộp hồ sơ.")})
    for person in (keep, remove):
        ctx.require(person)
    pair = Person.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk]).order_by("pk")
    locked = {person.pk: person for person in pair}
    keep, remove = locked[keep.pk], locked[remove.pk]
    change_reason = _("Gộp hồ sơ #%(removed)s vào #%(kept)s: %(reason)s") % {
        "removed": remove.pk,
        "kept": keep.pk,
        "reason": reason,
    }
    snapshot = _serialize(remove)
    moved: dict[str, int] = {}
    conflicts: list[dict] = []
    for relation in Person._meta.related_objects:
        if isinstance(relation, models.ManyToManyRel):
            if relation.through is not None and relation.through._meta.auto_created:
                accessor = relation.get_accessor_name()
                assert accessor is not None  # related_objects holds no hidden relation
                others = list(getattr(remove, accessor).all())
                getattr(keep, accessor).add(*others)
                moved[related_model(relation)._meta.label] = len(others)
            continue
        count = _move_rows(relation.field, keep, remove, conflicts, change_reason)
        if count:
            moved[f"{related_model(relation)._meta.label}.{relation.field.name}"] = count
    for field in Person._meta.many_to_many:
        through = field.remote_field.through
        if through is not None and through._meta.auto_created:
            getattr(keep, field.name).add(*getattr(remove, field.name).all())

    merge = PersonMerge.objects.create(
        kept_person=keep,
        removed_person_id=remove.pk,
        removed_full_name=remove.full_name,
        removed_snapshot=snapshot,
        moved=moved,
        conflicts=conflicts,
        reason=reason,
        merged_by=ctx.user,
    )
    filled = _fill_empty_fields(keep, remove)
    remove._change_reason = change_reason  # type: ignore[attr-defined]  # simple_history reads it
    remove.delete()
    if filled:
        keep._change_reason = change_reason  # type: ignore[attr-defined]  # simple_history reads it
        keep.full_clean()
        keep.save()
        merge.filled_fields = filled
        merge.save(update_fields=["filled_fields"])
    ctx.audit(keep, extra={"merge": merge.pk, "removed_person": merge.removed_person_id, "moved": moved})
    return merge


@action(DUPLICATES_MERGED)
def do_merge_duplicates(ctx: ActionContext, keep: Person, removed: list[Person]) -> list[PersonMerge]:
    """Merge every record of ``removed`` into ``keep``, all or none (one merge record each)."""
    ctx.require(keep)
    merges = [do_merge_persons(keep, remove, acting_user=ctx.user, reason=ctx.reason) for remove in removed]
    ctx.audit(keep, extra={"merges": [merge.pk for merge in merges]})
    return merges


def merged_person_ids(person: Person) -> list[int]:
    """Ids under which ``person``'s history is kept: their own and those of the records merged into them."""
    merged = PersonMerge.objects.unrestricted().filter(kept_person=person)
    return [person.pk, *merged.values_list("removed_person_id", flat=True)]


def _move_rows(
    field: models.ForeignObject,
    keep: Person,
    remove: Person,
    conflicts: list[dict],
    change_reason: str,
) -> int:
    """Point the rows of ``field``'s model from ``remove`` to ``keep``; return how many moved."""
    model = field.model
    unique_sets = _unique_sets_with(model, field.name)
    count = 0
    for row in model._base_manager.filter(**{field.name: remove}).order_by("pk"):
        row._change_reason = change_reason  # type: ignore[attr-defined]  # simple_history reads it
        if _conflicts_with_kept(row, field, keep, unique_sets):
            conflicts.append({"model": model._meta.label, "pk": row.pk, "fields": _serialize(row)})
            row.delete()
            continue
        setattr(row, field.name, keep)
        row.save(update_fields=[field.name])
        count += 1
    return count


def _unique_sets_with(model: type[models.Model], field_name: str) -> list[UniqueSet]:
    """The unique field sets of ``model`` that include ``field_name``, each with its condition."""
    sets: list[UniqueSet] = []
    field = concrete_field(model, field_name)
    if field.unique:
        sets.append(((field_name,), models.Q()))
    for fields in model._meta.unique_together:
        if field_name in fields:
            sets.append((tuple(fields), models.Q()))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition or models.Q()))
    return sets


def _conflicts_with_kept(
    row: models.Model, field: models.ForeignObject, keep: Person, unique_sets: list[UniqueSet]
) -> bool:
    manager = type(row)._base_manager
    for fields, condition in unique_sets:
        others = [concrete_field(type(row), name) for name in fields if name != field.name]
        values = {other.attname: getattr(row, other.attname) for other in others}
        if any(value is None for value in values.values()):
            continue  # NULLs never collide in a unique index.
        if not manager.filter(condition, pk=row.pk).exists():
            continue
        if manager.filter(condition, **{field.name: keep}, **values).exists():
            return True
    return False


def _fill_empty_fields(keep: Person, remove: Person) -> list[str]:
    filled = []
    for field in Person._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        mine, theirs = getattr(keep, field.attname), getattr(remove, field.attname)
        if mine in (None, "") and theirs not in (None, ""):
            setattr(keep, field.attname, theirs)
            filled.append(field.name)
    return filled


def _serialize(obj: models.Model) -> dict:
    return serializers.serialize("python", [obj])[0]["fields"]
