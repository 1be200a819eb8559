"""The documents of a council session (hồ sơ khen thưởng), as the council page and the API give them: the
list of nominees with their ballot results (danh sách đề nghị khen thưởng) and, once decided, the list
attached to the decision with each person's reward (danh sách kèm theo quyết định), both Excel workbooks
in the project's layout, and the decision itself as a Word document (:mod:`noivu.awards.word`).

Text is written as text: a name or unit starting with = + - or @ cannot become a formula in Excel."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from noivu.awards import engine
from noivu.awards.models import CouncilSession
from noivu.core.excel.writer import DATE, HEADER, Cell, Column, Sheet, workbook_bytes
from noivu.personnel.models import Assignment


@dataclass(frozen=True)
class Line:
    """A nominee as the documents print them."""

    name: str
    birth_date: dt.date | None
    position: str
    unit: str
    code: str
    title: str
    yes_votes: int | None
    votes_needed: int | None
    passed: bool | None
    reward: int | None
    collective: bool = False


@dataclass(frozen=True)
class TitleReward:
    """The money of one title in a decision: the coefficient, the base salary, the amount each person
    receives, and the rule of the coefficient."""

    title: str
    persons: int
    coefficient: Decimal
    collective: bool
    base_salary: int
    amount: int
    citation: str


def lines(session: CouncilSession) -> list[Line]:
    """The nominees of ``session`` by title then name, each person with the position and unit they held on
    the day of the session; a collective with its unit and the unit above it, its title marked as a
    collective's."""
    names = {code: rule.value["name"] for code, rule in engine.title_rules(session.held_on).items()}
    nominees = list(
        session.nominees.select_related("person__organization", "organization").order_by(
            "title", "person__full_name_folded", "organization__name"
        )
    )
    # The persons are the session's nominees, which the session read within the user's scope bounds.
    held = (
        Assignment.objects.unrestricted()
        .as_of(session.held_on)
        .filter(person_id__in=[n.person_id for n in nominees if n.person_id], is_primary=True)
        .values_list("person_id", "position_title", "organization__name")
    )
    posts = {person_id: (position, unit) for person_id, position, unit in held}
    found = []
    for nominee in nominees:
        title = names.get(nominee.title, nominee.title)
        common = {
            "code": nominee.title,
            "yes_votes": nominee.yes_votes,
            "votes_needed": nominee.votes_needed,
            "passed": nominee.passed,
            "reward": nominee.reward,
        }
        if nominee.organization is not None:
            parent = nominee.organization.get_parent()
            found.append(
                Line(
                    name=nominee.organization.name,
                    birth_date=None,
                    position="",
                    unit=parent.name if parent is not None else "",
                    title=_("%(title)s (tập thể)") % {"title": title},
                    collective=True,
                    **common,
                )
            )
            continue
        assert nominee.person is not None
        found.append(
            Line(
                name=nominee.person.full_name,
                birth_date=nominee.person.birth_date,
                position=posts.get(nominee.person_id, ("", ""))[0],
                unit=posts.get(nominee.person_id, ("", nominee.person.organization.name))[1],
                title=title,
                **common,
            )
        )
    return found


def title_rewards(session: CouncilSession, awarded: list[Line]) -> list[TitleReward]:
    """The money of each title awarded by the decided ``session`` to individuals and to collectives,
    computed as on the decision's date."""
    assert session.decided_on is not None
    found = []
    for code, collective in dict.fromkeys((line.code, line.collective) for line in awarded):
        recipient = engine.COLLECTIVE if collective else engine.INDIVIDUAL
        reward = engine.reward_amount(code, recipient, session.decided_on)
        same = [line for line in awarded if line.code == code and line.collective == collective]
        found.append(
            TitleReward(
                title=same[0].title,
                persons=len(same),
                coefficient=reward.coefficient,
                collective=collective,
                base_salary=reward.base_salary,
                amount=reward.amount,
                citation=reward.rules[1].legal_basis.citation,
            )
        )
    return found


def _result(line: Line) -> str:
    if line.passed is None:
        return _("Chưa bỏ phiếu")
    return _("Đạt") if line.passed else _("Không đạt")


def nomination_workbook(session: CouncilSession) -> bytes:
    """The list of nominees (danh sách đề nghị khen thưởng): each person's title and ballot result."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Ngày sinh"), 12, DATE),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị công tác"), 32),
        Column(_("Danh hiệu, hình thức đề nghị"), 28),
        Column(_("Số phiếu đồng ý"), 10),
        Column(_("Tổng số thành viên Hội đồng"), 12),
        Column(_("Tỷ lệ phiếu đồng ý (%)"), 12),
        Column(_("Số phiếu cần đạt"), 10),
        Column(_("Kết quả"), 14),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(lines(session), 1):
            share = None
            if line.yes_votes is not None:
                share = float(round(Decimal(line.yes_votes * 100) / session.members, 2))
            yield [
                number,
                line.name,
                line.birth_date,
                line.position,
                line.unit,
                line.title,
                line.yes_votes,
                session.members,
                share,
                line.votes_needed,
                _result(line),
            ]

    name = _("Đề nghị khen thưởng %(year)s") % {"year": session.year}
    return workbook_bytes([Sheet(name, columns, rows())])


def annex_workbook(session: CouncilSession) -> bytes:
    """The list attached to the decision (danh sách kèm theo quyết định): the persons awarded, their title
    and reward in đồng, and the total."""
    awarded = [line for line in lines(session) if line.passed]
    coefficients = {reward.title: reward.coefficient for reward in title_rewards(session, awarded)}
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị công tác"), 32),
        Column(_("Danh hiệu, hình thức"), 28),
        Column(_("Hệ số mức lương cơ sở"), 12),
        Column(_("Tiền thưởng (đồng)"), 16),
    ]

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(awarded, 1):
            coefficient = float(coefficients[line.title])
            yield [number, line.name, line.position, line.unit, line.title, coefficient, line.reward]
        total = sum(line.reward or 0 for line in awarded)
        yield ["", Cell(_("Tổng cộng"), HEADER), "", "", "", "", Cell(total, HEADER)]

    name = _("Kèm theo quyết định")
    return workbook_bytes([Sheet(name, columns, rows())])


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """The file as an attachment named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
