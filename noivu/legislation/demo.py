"""The drafting programme's part of the demo data set: the Ministry's detailed regulations of the sector's
laws (with the real decrees and their later replacements) and the province's programme of decisions, with
documents on track, at risk, overdue and issued as of the demo day."""

import datetime as dt
from dataclasses import dataclass

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.models import LegalBasis
from noivu.legislation.models import STEP_ORDER, Amendment, DraftDocument, DraftingStep, Programme, Step
from noivu.legislation.progress import plan_steps
from noivu.organizations.models import Organization


@dataclass(frozen=True)
class Issued:
    kind: str
    title: str
    article: str
    number: str
    issued_on: dt.date
    effective_on: dt.date
    amendments: tuple[tuple[str, str, dt.date], ...] = ()


ISSUED = (
    Issued(
        "decree",
        "Nghị định quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
        "Điều 15, 23, 24, 26, 27 Luật Thi đua, khen thưởng 2022",
        "98/2023/NĐ-CP",
        dt.date(2023, 12, 31),
        dt.date(2024, 1, 1),
        (("replaced", "152/2025/NĐ-CP", dt.date(2025, 6, 14)),),
    ),
    Issued(
        "decree",
        "Nghị định về tinh giản biên chế",
        "Luật Cán bộ, công chức; Luật Viên chức",
        "29/2023/NĐ-CP",
        dt.date(2023, 6, 3),
        dt.date(2023, 7, 20),
        (("replaced", "154/2025/NĐ-CP", dt.date(2025, 6, 15)),),
    ),
    Issued(
        "decree",
        "Nghị định về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
        "Luật Cán bộ, công chức; Luật Viên chức",
        "90/2020/NĐ-CP",
        dt.date(2020, 8, 13),
        dt.date(2020, 8, 13),
        (
            ("amended", "48/2023/NĐ-CP", dt.date(2023, 7, 17)),
            ("replaced", "335/2025/NĐ-CP", dt.date(2025, 12, 21)),
        ),
    ),
    Issued(
        "decree",
        "Nghị định quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        "Nghị quyết 142/2024/QH15 về dự toán ngân sách nhà nước",
        "73/2024/NĐ-CP",
        dt.date(2024, 6, 30),
        dt.date(2024, 7, 1),
    ),
    Issued(
        "decree",
        "Nghị định về tuyển dụng, sử dụng và quản lý công chức",
        "Luật Cán bộ, công chức 2025",
        "170/2025/NĐ-CP",
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 1),
    ),
)

# (kind, title, article detailed, days from the demo day to the deadline, steps done)
PENDING = (
    (
        "circular",
        "Thông tư hướng dẫn khung năng lực vị trí việc làm công chức",
        "Điều 12 Nghị định 361/2025/NĐ-CP",
        160,
        1,
    ),
    ("decree", "Nghị định sửa đổi chế độ phụ cấp công vụ", "Điều 23 Luật Cán bộ, công chức", 30, 2),
    (
        "circular",
        "Thông tư hướng dẫn quản lý hồ sơ cán bộ, công chức trên cơ sở dữ liệu quốc gia",
        "Nghị định 27/2026/NĐ-CP",
        -10,
        2,
    ),
    (
        "decision",
        "Quyết định ban hành quy chế làm việc của Hội đồng Thi đua - Khen thưởng Trung ương",
        "Điều 81 Luật Thi đua, khen thưởng",
        90,
        0,
    ),
)
PROVINCIAL = (
    (
        "decision",
        "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ",
        "Nghị định 150/2025/NĐ-CP",
        25,
        3,
    ),
    (
        "decision",
        "Quyết định ban hành Quy chế công tác thi đua, khen thưởng của tỉnh",
        "Điều 84 Luật Thi đua, khen thưởng",
        75,
        1,
    ),
    (
        "decision",
        "Quyết định phân cấp quản lý cán bộ, công chức, viên chức",
        "Luật Tổ chức chính quyền địa phương 2025",
        -5,
        3,
    ),
    (
        "decision",
        "Quyết định quy định tiêu chuẩn chức danh trưởng, phó phòng chuyên môn",
        "Nghị định 361/2025/NĐ-CP",
        200,
        0,
    ),
)


def _steps(document: DraftDocument, planned_from: dt.date, done: int, as_of: dt.date) -> None:
    plan = plan_steps(document.deadline, planned_from)
    done_dates = []
    for index, item in enumerate(plan):
        done_on = None
        if index < done:
            done_on = min(
                item.planned_on - dt.timedelta(days=3), as_of - dt.timedelta(days=2 * (done - index))
            )
            done_dates.append(done_on)
        DraftingStep.objects.create(
            document=document, step=item.step, position=index, planned_on=item.planned_on, done_on=done_on
        )
    if done:
        document.step = STEP_ORDER[min(done, len(STEP_ORDER) - 1)]
        document.save(update_fields=["step"])


def _pending(programme: Programme, agency: Organization, specs: tuple, as_of: dt.date) -> int:
    for kind, title, article, days, done in specs:
        document = DraftDocument.objects.create(
            programme=programme,
            organization=agency,
            kind=kind,
            title=title,
            detailed_article=article,
            deadline=as_of + dt.timedelta(days=days),
            lead="Vụ trưởng" if agency.kind == "division" else "Giám đốc Sở Nội vụ",
        )
        _steps(document, as_of - dt.timedelta(days=120), done, as_of)
    return len(specs)


def _issued(programme: Programme, agency: Organization) -> int:
    for spec in ISSUED:
        document = DraftDocument.objects.create(
            programme=programme,
            organization=agency,
            kind=spec.kind,
            title=spec.title,
            detailed_article=spec.article,
            deadline=spec.issued_on,
            number=spec.number,
            issued_on=spec.issued_on,
            effective_on=spec.effective_on,
            step=Step.PUBLICATION,
            lead="Bộ trưởng Bộ Nội vụ",
        )
        plan = plan_steps(spec.issued_on, spec.issued_on)
        for index, item in enumerate(plan):
            DraftingStep.objects.create(
                document=document,
                step=item.step,
                position=index,
                planned_on=item.planned_on,
                done_on=min(item.planned_on, spec.issued_on + dt.timedelta(days=2)),
            )
        document.legal_bases.add(*LegalBasis.objects.unrestricted().filter(document_number=spec.number))
        for kind, number, issued_on in spec.amendments:
            Amendment.objects.create(document=document, kind=kind, by_number=number, issued_on=issued_on)
    return len(ISSUED)


def load(context: DemoContext) -> str:
    """The Ministry's programme (if the Ministry is in the demo tree) and the province's."""
    units = Organization.objects.unrestricted().within(context.root_path)
    count = 0
    ministry = units.filter(code="BNV").first()
    if ministry is not None:
        legal = units.filter(path__startswith=ministry.path, name="Vụ Pháp chế").first() or ministry
        programme = Programme.objects.create(
            organization=ministry,
            name="Văn bản quy định chi tiết các luật thuộc lĩnh vực nội vụ",
            law_title="Luật Cán bộ, công chức; Luật Viên chức; Luật Thi đua, khen thưởng",
            year=context.as_of.year,
        )
        count += _issued(programme, legal)
        count += _pending(programme, legal, PENDING, context.as_of)
    province = units.filter(code=f"T{context.province_code}").first()
    department = units.filter(code=f"T{context.province_code}-SNV").first()
    if province is not None and department is not None:
        programme = Programme.objects.create(
            organization=province,
            name=f"Chương trình ban hành văn bản năm {context.as_of.year} của {province.name}",
            year=context.as_of.year,
        )
        count += _pending(programme, department, PROVINCIAL, context.as_of)
    return f"Chương trình xây dựng văn bản: {count} văn bản."


def clear(root_path: str) -> None:
    DraftDocument.objects.unrestricted().filter(organization__path__startswith=root_path).delete()
    Programme.objects.unrestricted().filter(organization__path__startswith=root_path).delete()


demo_steps.register(DemoStep(key="legislation", order=60, load=load, clear=clear))
