"""Versions of a project (các lần gửi thẩm định): what a project held when sent for appraisal, and what
changed since — the positions added, removed, or whose headcount, planned rank or people changed."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from noivu.positions.models import PositionProject, ProjectPosition, ProjectSubmission


def snapshot(project: PositionProject) -> dict[str, dict[str, Any]]:
    """The project's positions by code: name, headcount, planned rank and the people placed (main)."""
    rows = (
        ProjectPosition.objects.unrestricted()
        .filter(project=project)
        .annotate(placed=Count("holders", filter=Q(holders__is_main=True)))
        .values_list("catalog__code", "catalog__name", "headcount", "rank_code", "placed")
    )
    return {
        code: {"name": name, "headcount": headcount, "rank_code": rank, "placed": placed}
        for code, name, headcount, rank, placed in rows
    }


@dataclass(frozen=True)
class Change:
    """One position's change between two versions (thay đổi so với lần gửi trước)."""

    code: str
    name: str
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS[self.kind])

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }


CHANGE_LABELS = {
    "added": _("Thêm vị trí"),
    "removed": _("Bỏ vị trí"),
    "changed": _("Thay đổi"),
}


def diff(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[Change]:
    """The positions added, removed or changed from ``before`` to ``after`` (snapshots), by code."""
    changes = []
    for code in sorted(set(before) | set(after)):
        old, new = before.get(code), after.get(code)
        if old is None and new is not None:
            changes.append(Change(code, new["name"], "added", None, new))
        elif new is None and old is not None:
            changes.append(Change(code, old["name"], "removed", old, None))
        elif old is not None and new is not None and old != new:
            changes.append(Change(code, new["name"], "changed", old, new))
    return changes


def changes_since_last_round(project: PositionProject) -> tuple[int | None, list[Change]]:
    """What changed between the previous submission and the project now (or its last submission, once
    sent): the round compared with, and the changes; (None, []) before a second submission."""
    rounds = list(ProjectSubmission.objects.unrestricted().filter(project=project).order_by("-round")[:2])
    if project.editable:
        if not rounds:
            return None, []
        return rounds[0].round, diff(rounds[0].positions, snapshot(project))
    if len(rounds) < 2:
        return None, []
    return rounds[1].round, diff(rounds[1].positions, rounds[0].positions)
