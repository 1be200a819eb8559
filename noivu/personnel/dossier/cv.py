"""The printable CV (sơ yếu lý lịch cán bộ, công chức, viên chức, mẫu 2C) built from a person's dossier.

The items follow the numbering of the 2C form (1–25 single items, 26–31 tables); see
``codelists.yaml`` → ``cv_form`` for the form's legal basis. Personal data are masked unless
the CV is built for a reader allowed to see them (:mod:`noivu.personnel.privacy`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.personnel import codelists
from noivu.personnel.dossier import registry
from noivu.personnel.dossier.models import SPOUSE_SIDE_RELATIONS, EducationKind
from noivu.personnel.dossier.registry import CvTable
from noivu.personnel.masking import HIDDEN, mask_address, mask_cccd, mask_email, mask_name, mask_phone
from noivu.personnel.models import AddressKind, Person, PersonAddress


@dataclass(frozen=True)
class Item:
    """One numbered line of the form; ``number`` is empty for a line continuing the previous item."""

    number: str
    label: str
    value: str


@dataclass
class CurriculumVitae:
    person: Person
    full: bool
    today: dt.date
    form_name: str
    form_basis: str
    managing_agency: str
    using_agency: str
    personnel_code: str
    items: list[Item] = field(default_factory=list)
    training: list[dict] = field(default_factory=list)
    work_history: list[dict] = field(default_factory=list)
    personal_history: str = ""
    family_own: list[dict] = field(default_factory=list)
    family_spouse: list[dict] = field(default_factory=list)
    salary_history: list[dict] = field(default_factory=list)
    # The tables of the parts other apps register, after those of the form: (table, rows).
    tables: list[tuple[CvTable, list[tuple[str, ...]]]] = field(default_factory=list)


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _month(day: dt.date | None) -> str:
    return f"{day:%m/%Y}" if day else ""


def _join(*parts: str, sep: str = "; ") -> str:
    return sep.join(part for part in parts if part)


def _address_text(address: PersonAddress) -> str:
    return _join(address.detail, address.current_text or address.legacy_text, sep=", ")


def _education_line(rows: list, kind: str) -> str:
    """The highest level of one kind of education, with its field (chuyên ngành) when there is one."""
    held = [row for row in rows if row.kind == kind]
    best = codelists.highest(kind, [row.level for row in held])
    if best is None:
        return ""
    row = next(row for row in held if row.level == best)
    return _join(row.level_name, row.field, sep=" – ")


def _languages(rows: list, kind: str) -> str:
    return _join(*(_join(row.language, row.level_name, sep=" ") for row in rows if row.kind == kind))


def build_cv(person: Person, *, full: bool, today: dt.date | None = None) -> CurriculumVitae:
    """The 2C CV of ``person`` as of ``today``; ``full`` shows personal data unmasked."""
    today = today or dates.today()
    organization = person.organization
    parent = organization.get_parent()
    form = codelists.cv_form()
    cv = CurriculumVitae(
        person=person,
        full=full,
        today=today,
        form_name=form["name"],
        form_basis=form["basis"],
        managing_agency=parent.name if parent else organization.name,
        using_agency=organization.name,
        personnel_code=person.personnel_code,
    )

    addresses = {address.kind: _address_text(address) for address in person.addresses.all()}

    def address(kind: str) -> str:
        text = addresses.get(kind, "")
        return text if full else mask_address(text)

    assignments = list(person.assignments.select_related("organization").order_by("effective_from"))
    current = [row for row in assignments if row.in_force_on(today)]
    rank = person.rank_history.as_of(today).first()
    # Salary steps and allowances are payroll's facts, awards and discipline those of awards, given to the
    # form through the dossier registry.
    registered = registry.cv_facts(person, today)
    salary = registered.get("salary")
    allowances = list(registered.get("allowances", ()))
    education = list(person.education.all())
    party = person.party_memberships.order_by("-admitted_on").first()
    health = person.health_notes.order_by("-recorded_on").first()

    leadership = [row for row in allowances if row.kind == "leadership"]
    other_allowances = [row for row in allowances if row.kind != "leadership"]
    salary_line = ""
    if rank or salary:
        salary_line = _join(
            _("Ngạch: %(name)s") % {"name": rank.rank_name} if rank else "",
            _("Mã ngạch: %(code)s") % {"code": rank.rank_code} if rank else "",
            _("Bậc lương: %(step)s") % {"step": salary.step} if salary else "",
            _("Hệ số: %(coefficient)s") % {"coefficient": number_format(salary.coefficient, 2)}
            if salary
            else "",
            _("Ngày hưởng: %(day)s") % {"day": _date(salary.effective_from)} if salary else "",
            _("Thâm niên vượt khung: %(percent)s%%") % {"percent": salary.seniority_percent}
            if salary and salary.seniority_percent
            else "",
        )
    if full:
        identity = _join(
            person.cccd_number or "",
            _("ngày cấp %(day)s") % {"day": _date(person.cccd_issued_on)} if person.cccd_issued_on else "",
            _("nơi cấp %(place)s") % {"place": person.cccd_issued_by} if person.cccd_issued_by else "",
        )
        contact = _join(person.phone, person.email)
        insurance = person.social_insurance_number
    else:
        identity = mask_cccd(person.cccd_number)
        contact = _join(mask_phone(person.phone), mask_email(person.email))
        insurance = HIDDEN if person.social_insurance_number else ""
    health_line = ""
    if health is not None:
        health_line = (
            _join(
                health.status,
                _("chiều cao %(cm)s cm") % {"cm": health.height_cm} if health.height_cm else "",
                _("cân nặng %(kg)s kg") % {"kg": health.weight_kg} if health.weight_kg else "",
                _("nhóm máu %(type)s") % {"type": health.blood_type} if health.blood_type else "",
            )
            if full
            else HIDDEN
        )

    cv.items = [
        Item("1", _("Họ và tên khai sinh (viết chữ in hoa)"), person.full_name.upper()),
        Item("2", _("Tên gọi khác"), person.other_names),
        Item(
            "3",
            _("Sinh ngày"),
            _join(_date(person.birth_date), _("Giới tính: %(g)s") % {"g": person.get_gender_display()}),
        ),
        Item("4", _("Nơi sinh"), address(AddressKind.BIRTHPLACE)),
        Item("5", _("Quê quán"), address(AddressKind.HOMETOWN)),
        Item("6", _("Dân tộc"), person.ethnic_group_name),
        Item("7", _("Tôn giáo"), person.religion_name),
        Item("8", _("Nơi đăng ký thường trú"), address(AddressKind.PERMANENT)),
        Item("9", _("Nơi ở hiện nay"), address(AddressKind.CURRENT)),
        Item("10", _("Nghề nghiệp khi được tuyển dụng"), person.occupation_at_recruitment),
        Item(
            "11",
            _("Ngày tuyển dụng, cơ quan tuyển dụng"),
            _join(_date(person.recruited_on), person.recruiting_agency),
        ),
        Item(
            "12",
            _("Chức vụ (chức danh) hiện tại"),
            _join(*(_join(row.position_title, row.organization.name, sep=", ") for row in current)),
        ),
        Item("", _("Công việc chính được giao"), person.main_duties),
        Item("13", _("Ngạch, bậc, hệ số lương"), salary_line),
        Item("", _("Phụ cấp chức vụ"), _join(*(row.amount_label for row in leadership))),
        Item(
            "",
            _("Phụ cấp khác"),
            _join(*(f"{row.get_kind_display()}: {row.amount_label}" for row in other_allowances)),
        ),
        Item("14.1", _("Trình độ giáo dục phổ thông"), _education_line(education, EducationKind.GENERAL)),
        Item(
            "14.2", _("Trình độ chuyên môn cao nhất"), _education_line(education, EducationKind.PROFESSIONAL)
        ),
        Item("14.3", _("Lý luận chính trị"), _education_line(education, EducationKind.POLITICAL_THEORY)),
        Item("14.4", _("Quản lý nhà nước"), _education_line(education, EducationKind.STATE_MANAGEMENT)),
        Item("14.5", _("Ngoại ngữ"), _languages(education, EducationKind.FOREIGN_LANGUAGE)),
        Item("14.6", _("Tin học"), _languages(education, EducationKind.IT)),
        Item(
            "15",
            _("Ngày vào Đảng Cộng sản Việt Nam"),
            _join(
                _date(party.admitted_on),
                _("Ngày chính thức: %(day)s") % {"day": _date(party.official_on)}
                if party.official_on
                else "",
            )
            if party
            else "",
        ),
        Item("16", _("Ngày tham gia tổ chức chính trị - xã hội"), _date(person.mass_organization_joined_on)),
        Item(
            "17",
            _("Ngày nhập ngũ, ngày xuất ngũ, quân hàm cao nhất"),
            _join(_date(person.enlisted_on), _date(person.discharged_on), person.highest_military_rank),
        ),
        Item("18", _("Danh hiệu được phong tặng cao nhất"), person.highest_honorary_title),
        Item("19", _("Sở trường công tác"), person.strengths),
        Item("20", _("Khen thưởng"), _join(*registered.get("awards", ()))),
        Item("21", _("Kỷ luật"), _join(*registered.get("disciplines", ()))),
        Item("22", _("Tình trạng sức khỏe, chiều cao, cân nặng, nhóm máu"), health_line),
        Item("23", _("Là thương binh hạng, là con gia đình chính sách"), person.policy_status),
        Item("24", _("Số căn cước công dân (số định danh cá nhân)"), identity),
        Item("", _("Điện thoại, thư điện tử"), contact),
        Item("25", _("Số sổ bảo hiểm xã hội"), insurance),
    ]

    cv.training = [
        {
            "institution": row.institution,
            "field": _join(row.get_kind_display(), row.field, row.language, sep=" – "),
            "period": _join(
                _month(row.start_date), _month(row.end_date) or str(row.graduation_year or ""), sep=" – "
            ),
            "mode": row.mode,
            "certificate": _join(row.certificate, row.level_name, sep=", "),
        }
        for row in sorted(education, key=lambda row: row.start_date or row.end_date or dt.date.max)
        if row.kind != EducationKind.GENERAL
    ] + [
        {
            "institution": row.institution,
            "field": row.name,
            "period": _join(_month(row.start_date), _month(row.end_date), sep=" – "),
            "mode": row.mode,
            "certificate": row.certificate,
        }
        for row in registered.get("training_courses", ())
    ]
    cv.work_history = [
        {
            "period": _join(_month(row.effective_from), _month(row.effective_to) or _("nay"), sep=" – "),
            "post": _join(
                row.position_title,
                row.organization.name,
                "" if row.is_primary else _("kiêm nhiệm"),
                sep=", ",
            ),
        }
        for row in assignments
    ]
    cv.personal_history = person.personal_history if full else (HIDDEN if person.personal_history else "")

    for member in person.family.all():
        row = {
            "relation": member.get_relation_display(),
            "name": member.full_name if full else mask_name(member.full_name),
            "birth_year": member.birth_year or "",
            "detail": _join(member.hometown, member.occupation, member.address, sep=", ") if full else HIDDEN,
        }
        (cv.family_spouse if member.relation in SPOUSE_SIDE_RELATIONS else cv.family_own).append(row)

    cv.salary_history = [
        {
            "month": _month(row.effective_from),
            "rank_step": _join(row.rank_code, _("bậc %(step)s") % {"step": row.step}, sep=" / "),
            "coefficient": row.coefficient,
            "seniority": f"{row.seniority_percent}%" if row.seniority_percent else "",
        }
        for row in registered.get("salary_history", ())
    ]
    cv.tables = [(table, table.rows(person, full)) for table in registry.cv_tables()]
    return cv
