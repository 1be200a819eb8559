"""The project document (văn bản đề án vị trí việc làm) for printing as PDF, and its annexes as an Excel
workbook: the list of positions with headcount and ranks, the job description and competency framework of
each position, the people placed. The sections follow the contents of a project listed by Nghị định
106/2020/NĐ-CP Điều 7 (necessity and legal basis; the positions with their descriptions, frameworks and
ranks; the summary; recommendations); the annexes' layouts of the decrees were not read, so the columns are
those the contents name."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from noivu.core.excel.writer import Column, Sheet, workbook_bytes
from noivu.personnel.codelists import education_levels
from noivu.positions.models import PositionGroup, PositionProject


def _positions(project: PositionProject) -> list[Any]:
    return list(project.positions.select_related("catalog").order_by("catalog__group", "catalog__code"))


def document_context(project: PositionProject, findings: list[Any], today: dt.date) -> dict[str, Any]:
    """What the printable document shows: the positions by group, the totals by planned rank, findings."""
    positions = _positions(project)
    groups = []
    for value, label in PositionGroup.choices:
        members = [p for p in positions if p.catalog.group == value]
        if members:
            groups.append({"label": label, "positions": members, "total": sum(p.headcount for p in members)})
    by_rank: dict[str, int] = {}
    for position in positions:
        key = position.rank_code or "—"
        by_rank[key] = by_rank.get(key, 0) + position.headcount
    levels = education_levels("professional")
    for position in positions:
        position.qualification_label = (
            levels.name_of(position.catalog.min_qualification) if position.catalog.min_qualification else ""
        )
    return {
        "item": project,
        "groups": groups,
        "total": sum(p.headcount for p in positions),
        "by_rank": sorted(by_rank.items()),
        "findings": findings,
        "today": today,
    }


def annexes_workbook(project: PositionProject) -> bytes:
    positions = _positions(project)
    groups = dict(PositionGroup.choices)

    def listing() -> Iterator[list[Any]]:
        for number, p in enumerate(positions, 1):
            yield [
                number,
                p.catalog.code,
                p.catalog.name,
                str(groups[p.catalog.group]),
                p.headcount,
                p.rank_code,
                p.catalog.min_rank_code,
            ]

    def descriptions() -> Iterator[list[Any]]:
        for p in positions:
            competencies = "; ".join(
                f"{c.get('name', '')} ({_('cấp độ')} {c.get('level', '')})" for c in p.catalog.competencies
            )
            yield [
                p.catalog.code,
                p.catalog.name,
                p.catalog.tasks,
                p.catalog.products,
                p.catalog.conditions,
                competencies,
            ]

    def people() -> Iterator[list[Any]]:
        holders = project.holders.select_related("person", "position__catalog").order_by(
            "position__catalog__code", "person__full_name_folded"
        )
        for number, h in enumerate(holders, 1):
            yield [
                number,
                h.person.full_name,
                h.position.catalog.code,
                h.position.catalog.name,
                _("Vị trí chính") if h.is_main else _("Kiêm nhiệm"),
            ]

    return workbook_bytes(
        [
            Sheet(
                _("Danh mục vị trí")[:31],
                [
                    Column(_("STT"), 6),
                    Column(_("Mã vị trí"), 12),
                    Column(_("Tên vị trí việc làm"), 45),
                    Column(_("Nhóm"), 30),
                    Column(_("Số lượng"), 10),
                    Column(_("Ngạch bố trí"), 12),
                    Column(_("Ngạch tối thiểu"), 12),
                ],
                listing(),
            ),
            Sheet(
                _("Mô tả, khung năng lực")[:31],
                [
                    Column(_("Mã vị trí"), 12),
                    Column(_("Tên vị trí việc làm"), 40),
                    Column(_("Nhiệm vụ"), 50),
                    Column(_("Sản phẩm đầu ra"), 40),
                    Column(_("Điều kiện làm việc"), 30),
                    Column(_("Khung năng lực"), 50),
                ],
                descriptions(),
            ),
            Sheet(
                _("Người được bố trí")[:31],
                [
                    Column(_("STT"), 6),
                    Column(_("Họ và tên"), 30),
                    Column(_("Mã vị trí"), 12),
                    Column(_("Vị trí"), 40),
                    Column(_("Hình thức"), 14),
                ],
                people(),
            ),
        ]
    )
