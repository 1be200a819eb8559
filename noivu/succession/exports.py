"""The planning pools of a scope as an Excel workbook (danh sách quy hoạch): a row for each person in a
pool on the day asked (or each pool with no one), with the unit, the position, its level and term."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from noivu.core.excel.writer import DATE, Column, Sheet, workbook_bytes
from noivu.succession.models import PlanningPool, PoolCandidate


def pools_workbook(pools: QuerySet[PlanningPool], day: dt.date) -> bytes:
    """``pools`` (already read within the user's scope) with the persons in each on ``day``."""
    rows = pools.select_related("organization").order_by(
        "organization__path", "level", "position_title", "pk"
    )
    members: dict[int, list[PoolCandidate]] = {}
    for member in (
        PoolCandidate.objects.unrestricted()  # the pools were read through restrict() by the caller
        .filter(pool__in=rows, added_on__lte=day)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))
        .select_related("person")
        .order_by("pool_id", "person__full_name", "pk")
    ):
        members.setdefault(member.pool_id, []).append(member)
    columns = [
        Column(_("STT"), 6),
        Column(_("Cơ quan, đơn vị"), 36),
        Column(_("Chức danh quy hoạch"), 30),
        Column(_("Cấp chức danh"), 18),
        Column(_("Nhiệm kỳ"), 12),
        Column(_("Họ và tên"), 28),
        Column(_("Ngày sinh"), 12, DATE),
        Column(_("Ngày đưa vào quy hoạch"), 14, DATE),
    ]

    def lines() -> Iterator[list[Any]]:
        number = 0
        for pool in rows:
            base = [
                pool.organization.name,
                pool.position_title,
                pool.get_level_display(),
                f"{pool.term_start}-{pool.term_end}",
            ]
            if pool.pk not in members:
                number += 1
                yield [number, *base, _("(chưa có người trong quy hoạch)"), None, None]
            for member in members.get(pool.pk, []):
                number += 1
                yield [number, *base, member.person.full_name, member.person.birth_date, member.added_on]

    return workbook_bytes([Sheet(_("Danh sách quy hoạch"), columns, lines())])
