"""Personnel's statistical report: the quantity and quality of cadres, civil servants and public employees
(số lượng, chất lượng cán bộ, công chức, viên chức), registered with ``reports`` through
:data:`noivu.core.extensions.statistical_reports`.

A person counts in the unit and the category of their primary assignment in force on the day asked, as the
dashboard card does (:func:`noivu.personnel.cards.assignments_in_force`); workers under labour contracts and
the non-professional commune workers are not cadres, civil servants or public employees and are left out.
The quality figures read the facts of the dossier as they stood that day: the rank held (quá trình ngạch in
force), Party membership (admitted and not yet left), and the highest level of each kind of education
reached by then (a level without a graduation year counts as reached). Each figure is a condition on the
assignment row, so that ``reports`` counts them all in one grouped query and lists the persons of a cell.
"""

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core import dates
from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.core.rules import rule_table
from noivu.personnel import codelists
from noivu.personnel.cards import assignments_in_force
from noivu.personnel.dossier.models import Education, EducationKind, PartyMembership, RankHistory
from noivu.personnel.models import Category, Gender
from noivu.personnel.records.filters import PersonFilters
from noivu.personnel.records.presenters import PersonPresenter

CADRES = (Category.CADRE, Category.COMMUNE_CADRE)
CIVIL_SERVANTS = (Category.CIVIL_SERVANT, Category.COMMUNE_CIVIL_SERVANT)
COUNTED = (*CADRES, *CIVIL_SERVANTS, Category.PUBLIC_EMPLOYEE)

# The form as far as it could be checked: Thông tư 18/2025/TT-BNV (08/10/2025) sets the statistical reporting
# of the Home Affairs sector, succeeding Thông tư 2/2023/TT-BNV; its title and date were read in public legal
# databases, not the text of its forms, so the form's code and columns are not verified.
FORM = ReportingForm(
    code="Biểu số lượng, chất lượng CBCCVC",
    title="Số lượng, chất lượng cán bộ, công chức, viên chức",
    basis=(
        "Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành Nội vụ"
    ),
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "mã biểu và bố cục các cột chưa đối chiếu được với phụ lục biểu mẫu chính thức."
    ),
)

AGE_BANDS = (
    ("age_under_30", _("Dưới 30"), None, 30),
    ("age_30_40", _("Từ 30 đến 40"), 30, 41),
    ("age_41_50", _("Từ 41 đến 50"), 41, 51),
    ("age_51_60", _("Từ 51 đến 60"), 51, 61),
    ("age_over_60", _("Trên 60"), 61, None),
)

# Kinh under its code and the names older rows hold, and no group recorded: every other group is an ethnic
# minority.
NOT_MINORITY = ("", "01", "Kinh", "Việt", "Kinh (Việt)")
NO_RELIGION = ("", "none", "Không")

# Highest level of each kind, as groups of the levels of the code list (highest first).
PROFESSIONAL = (
    ("edu_doctorate", _("Tiến sĩ"), ("doctorate",)),
    ("edu_master", _("Thạc sĩ"), ("master",)),
    ("edu_specialist", _("Chuyên khoa I, II"), ("specialist_2", "specialist_1")),
    ("edu_university", _("Đại học"), ("university",)),
    ("edu_college", _("Cao đẳng"), ("college",)),
    ("edu_intermediate", _("Trung cấp"), ("intermediate",)),
)
POLITICAL_THEORY = (
    ("theory_advanced", _("Cao cấp, cử nhân"), ("bachelor", "advanced")),
    ("theory_intermediate", _("Trung cấp"), ("intermediate",)),
    ("theory_elementary", _("Sơ cấp"), ("elementary",)),
)
STATE_MANAGEMENT = (
    ("management_senior", _("Chuyên viên cao cấp"), ("senior_specialist",)),
    ("management_principal", _("Chuyên viên chính"), ("principal_specialist",)),
    ("management_specialist", _("Chuyên viên"), ("specialist",)),
    ("management_clerk", _("Cán sự"), ("clerk",)),
)

# The rank groups of the form (ngạch …và tương đương) by the salary group the rule table
# ``rank_salary_tables`` gives a rank on the day (Nghị định 204/2004/NĐ-CP, Thông tư 2/2021/TT-BNV), and for a
# public employee's professional title (chức danh nghề nghiệp) by its grade named in the title (hạng I–IV,
# Nghị định 115/2020/NĐ-CP; the grade-to-group equivalence is unverified).
RANK_GROUPS = (
    ("rank_senior", _("Chuyên viên cao cấp và tương đương"), ("A3",), "hạng I"),
    ("rank_principal", _("Chuyên viên chính và tương đương"), ("A2",), "hạng II"),
    ("rank_specialist", _("Chuyên viên và tương đương"), ("A1",), "hạng III"),
    ("rank_clerk", _("Cán sự và tương đương"), ("A0", "B"), "hạng IV"),
    ("rank_staff", _("Nhân viên"), ("C",), None),
)


def _persons_in(rows: QuerySet) -> Q:
    return Q(person_id__in=rows.values("person_id"))


def _age(low: int | None, high: int | None) -> Any:
    def condition(day: dt.date) -> Q:
        # Age in full years on the day (dates.age_on): at least ``low``, under ``high``.
        bounds = Q()
        if low is not None:
            bounds &= Q(person__birth_date__lte=dates.years_before(day, low))
        if high is not None:
            bounds &= Q(person__birth_date__gt=dates.years_before(day, high))
        return bounds

    return condition


def _education(kind: str, day: dt.date, levels: tuple[str, ...]) -> QuerySet:
    # Membership only: the rows counted are already those of the user's scope.
    reached = Q(graduation_year__isnull=True) | Q(graduation_year__lte=day.year)
    return Education.objects.unrestricted().filter(reached, kind=kind, level__in=levels)


def _highest(kind: str, groups: tuple[tuple[str, Any, tuple[str, ...]], ...]) -> list[Figure]:
    order = [item.code for item in codelists.education_levels(kind).items]
    figures = []
    for key, label, levels in groups:
        higher = tuple(order[: min(order.index(level) for level in levels)])

        def condition(day: dt.date, levels: tuple[str, ...] = levels, higher: tuple[str, ...] = higher) -> Q:
            held = _persons_in(_education(kind, day, levels))
            return held & ~_persons_in(_education(kind, day, higher)) if higher else held

        figures.append(Figure(key, label, EducationKind(kind).label, condition))
    return figures


def _rank_codes(day: dt.date, groups: tuple[str, ...]) -> list[str]:
    table = rule_table("rank_salary_tables")
    codes = []
    for code in table.codes():
        value = table.get(code, day)
        group = value.value["salary_group"].split(".")[0] if value is not None else ""
        if group and (group in groups or group[0] in groups):
            codes.append(code)
    return codes


def _rank_group(groups: tuple[str, ...], grade: str | None) -> Any:
    def condition(day: dt.date) -> Q:
        # Two sets rather than one with OR, so that each is read from the index rank_held_on.
        ranks = RankHistory.objects.unrestricted().as_of(day)
        held = _persons_in(ranks.filter(rank_code__in=_rank_codes(day, groups)))
        if grade is not None:
            held |= _persons_in(ranks.filter(rank_code__startswith="V.", rank_name__endswith=grade))
        return held

    return condition


def _party_member(day: dt.date) -> Q:
    member = PartyMembership.objects.unrestricted().filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day), admitted_on__lte=day
    )
    return _persons_in(member)


def _figures() -> tuple[Figure, ...]:
    category = _("Đối tượng")
    quality = _("Cơ cấu")
    age = _("Độ tuổi")
    figures = [
        Figure("total", _("Tổng số")),
        Figure("cadres", _("Cán bộ"), category, lambda day: Q(category__in=CADRES)),
        Figure("civil_servants", _("Công chức"), category, lambda day: Q(category__in=CIVIL_SERVANTS)),
        Figure(
            "public_employees", _("Viên chức"), category, lambda day: Q(category=Category.PUBLIC_EMPLOYEE)
        ),
        Figure("women", _("Nữ"), quality, lambda day: Q(person__gender=Gender.FEMALE)),
        Figure(
            "ethnic_minority",
            _("Dân tộc thiểu số"),
            quality,
            lambda day: ~Q(person__ethnic_group__in=NOT_MINORITY),
        ),
        Figure("religion", _("Có tôn giáo"), quality, lambda day: ~Q(person__religion__in=NO_RELIGION)),
        Figure("party", _("Đảng viên"), quality, _party_member),
    ]
    figures += [Figure(key, label, age, _age(low, high)) for key, label, low, high in AGE_BANDS]
    figures += _highest(EducationKind.PROFESSIONAL, PROFESSIONAL)
    figures += _highest(EducationKind.POLITICAL_THEORY, POLITICAL_THEORY)
    figures += _highest(EducationKind.STATE_MANAGEMENT, STATE_MANAGEMENT)
    figures += [
        Figure(key, label, _("Ngạch, chức danh nghề nghiệp"), _rank_group(groups, grade))
        for key, label, groups, grade in RANK_GROUPS
    ]
    return tuple(figures)


def cadres_in_force(user: Any, as_of: dt.date) -> QuerySet:
    """The primary assignments in force on ``as_of`` of the cadres, civil servants and public employees the
    user may see: one row per person, in the unit and category of that day."""
    return assignments_in_force(user, as_of).filter(category__in=COUNTED)


def listing(user: Any, as_of: dt.date, person_ids: QuerySet) -> QuerySet:
    """The persons of a cell as rows of the person list, with their unit, category and rank of that day."""
    filters = PersonFilters({"as_of": as_of.isoformat()}, user=user)
    return filters.persons().filter(pk__in=person_ids)


QUALITY_REPORT = statistical_reports.register(
    StatisticalReport(
        key="personnel-quality",
        title=_("Số lượng, chất lượng cán bộ, công chức, viên chức"),
        order=10,
        form=FORM,
        figures=_figures(),
        facts=cadres_in_force,
        listing=listing,
        presenter=PersonPresenter,
        columns=("full_name", "birth_date", "gender", "category", "unit", "rank", "cccd_number"),
        link=lambda person: reverse("personnel:detail", args=[person.pk]),
        chart=("cadres", "civil_servants", "public_employees"),
        description=_(
            "Theo đơn vị và đối tượng của quá trình công tác chính đang hiệu lực vào ngày tính; trình độ là "
            "trình độ cao nhất đạt được đến ngày đó."
        ),
    )
)
