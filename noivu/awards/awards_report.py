"""Emulation and commendation's statistical report of awards and discipline (khen thưởng, kỷ luật cán bộ,
công chức, viên chức), registered with ``reports`` through :data:`noivu.core.extensions.statistical_reports`.

The persons counted are the cadres, civil servants and public employees in service on the day asked, in the
unit and category of their primary assignment that day
(:func:`noivu.personnel.quality_report.cadres_in_force`). Each award figure counts the persons holding at
least one title or commendation of that form decided in the year of the day, from 1 January up to the day
(the decision's date, not the year of the achievement); each discipline figure the persons disciplined in
that form over the same days (Nghị định 112/2020/NĐ-CP Điều 2, as amended by Nghị định 71/2023/NĐ-CP); the
last the persons under a discipline in force on the day (its period, which bars awards and delays step
raises). Records removed from the dossier are not counted.

The forms of award are free text on the record (a council writes the title's name, an officer the form of a
paper decision): a form is grouped by the words it contains, the first group matching, and the rest count as
other forms.
"""

import datetime as dt
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.awards.models import AwardRecord, DisciplineForm, DisciplineRecord
from noivu.core.extensions import Figure, ReportingForm, StatisticalReport, statistical_reports
from noivu.personnel.quality_report import cadres_in_force, listing
from noivu.personnel.records.presenters import PersonPresenter

FORM = ReportingForm(
    code="Biểu khen thưởng, kỷ luật CBCCVC",
    title="Khen thưởng, kỷ luật cán bộ, công chức, viên chức",
    basis=(
        "Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành "
        "Nội vụ; "
        "hình thức khen thưởng theo Luật Thi đua, khen thưởng 06/2022/QH15; hình thức kỷ luật theo "
        "Nghị định 112/2020/NĐ-CP (sửa đổi bởi Nghị định 71/2023/NĐ-CP)"
    ),
    verified=False,
    note=(
        "Số hiệu, tên và ngày ban hành của Thông tư đã đối chiếu trên cơ sở dữ liệu văn bản pháp luật; "
        "không tìm được phụ lục biểu mẫu chính thức nên mã biểu và bố cục các cột (hình thức khen thưởng, "
        "hình thức kỷ luật) chưa đối chiếu được."
    ),
)

# (key, label, words the form contains), matched in order: a form counts in the first group it matches.
AWARD_FORMS = (
    ("orders", _("Huân chương, Huy chương"), ("Huân chương", "Huy chương")),
    ("fighters", _("Chiến sĩ thi đua các cấp"), ("Chiến sĩ thi đua",)),
    ("merit", _("Bằng khen"), ("Bằng khen",)),
    ("advanced", _("Lao động tiên tiến"), ("Lao động tiên tiến",)),
    ("commendation", _("Giấy khen"), ("Giấy khen",)),
)


def _year_so_far(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), day


def _awards(day: dt.date) -> QuerySet[AwardRecord]:
    # Membership only: the rows counted are already those of the user's scope.
    return AwardRecord.objects.unrestricted().filter(decision_date__range=_year_so_far(day))


def _containing(words: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(form__icontains=word) for word in words))


def _award_form(index: int | None) -> Any:
    """Persons awarded a form of group ``index`` of ``AWARD_FORMS`` (None: of no group) in the year."""

    def condition(day: dt.date) -> Q:
        earlier = AWARD_FORMS if index is None else AWARD_FORMS[:index]
        awards = _awards(day)
        if index is not None:
            awards = awards.filter(_containing(AWARD_FORMS[index][2]))
        if earlier:
            awards = awards.exclude(reduce(or_, (_containing(words) for _key, _label, words in earlier)))
        return Q(person_id__in=awards.values("person_id"))

    return condition


def _disciplined(form: str | None) -> Any:
    def condition(day: dt.date) -> Q:
        decided = DisciplineRecord.objects.unrestricted().filter(decision_date__range=_year_so_far(day))
        if form is not None:
            decided = decided.filter(form=form)
        return Q(person_id__in=decided.values("person_id"))

    return condition


def _under_discipline(day: dt.date) -> Q:
    in_force = DisciplineRecord.objects.unrestricted().as_of(day).filter(decision_date__lte=day)
    return Q(person_id__in=in_force.values("person_id"))


def _figures() -> tuple[Figure, ...]:
    awards = _("Khen thưởng trong năm (số người)")
    discipline = _("Kỷ luật trong năm (số người)")
    figures = [
        Figure("total", _("Tổng số người")),
        Figure(
            "awarded",
            _("Được khen thưởng"),
            awards,
            lambda day: Q(person_id__in=_awards(day).values("person_id")),
        ),
    ]
    figures += [
        Figure(f"award_{key}", label, awards, _award_form(index))
        for index, (key, label, _w) in enumerate(AWARD_FORMS)
    ]
    figures.append(Figure("award_other", _("Hình thức khác"), awards, _award_form(None)))
    figures.append(Figure("disciplined", _("Bị kỷ luật"), discipline, _disciplined(None)))
    figures += [
        Figure(f"discipline_{form.value}", form.label, discipline, _disciplined(form.value))
        for form in DisciplineForm
    ]
    figures.append(
        Figure(
            "under_discipline",
            _("Đang trong thời hạn kỷ luật vào ngày tính"),
            _("Kỷ luật"),
            _under_discipline,
        )
    )
    return tuple(figures)


AWARDS_REPORT = statistical_reports.register(
    StatisticalReport(
        key="awards-discipline",
        title=_("Khen thưởng, kỷ luật cán bộ, công chức, viên chức"),
        order=40,
        form=FORM,
        figures=_figures(),
        facts=cadres_in_force,
        listing=listing,
        presenter=PersonPresenter,
        columns=("full_name", "birth_date", "gender", "category", "unit", "rank", "cccd_number"),
        link=lambda person: reverse("personnel:detail", args=[person.pk]),
        chart=("awarded", "disciplined"),
        description=_(
            "Số người đang công tác vào ngày tính (theo đơn vị của quá trình công tác chính ngày đó) "
            "được khen thưởng, bị kỷ luật theo quyết định ký từ ngày 01/01 đến ngày tính, và số người "
            "đang trong thời hạn kỷ luật vào ngày tính."
        ),
    )
)
