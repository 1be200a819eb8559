"""REST endpoints of the workforce forecast (dự báo nguồn nhân lực), limited to the user's scope: the same
filter set, engine and presenter as the page."""

import datetime as dt
from typing import Any

from ninja import Field, Query, Router, Schema

from noivu.accounts.http import AuthenticatedRequest
from noivu.core.api import MAX_PAGE_SIZE, PAGE_SIZE, QUERY_ERRORS
from noivu.core.replica import reading_from_replica
from noivu.workforce.filters import ForecastFilters
from noivu.workforce.presenters import vacancies, vacancy_rows
from noivu.workforce.views import compute

router = Router(tags=["workforce"])


class YearOut(Schema):
    year: int = Field(description="Năm thứ 1 đến 5, mỗi năm kết thúc vào ngày tròn năm của ngày tính.")
    start: dt.date
    end: dt.date
    retirements: int = Field(description="Số người đến tuổi nghỉ hưu trong năm (Nghị định 135/2020/NĐ-CP).")
    streamlining: int = Field(description="Số người nghỉ theo hồ sơ tinh giản đã phê duyệt.")
    intake: int = Field(description="Chỉ tiêu tuyển dụng của các kế hoạch đang thực hiện.")
    headcount: int = Field(description="Số người dự báo có mặt vào cuối năm.")
    quota: int | None = Field(description="Biên chế được giao có hiệu lực vào cuối năm.")
    quota_source: str
    quota_carried: bool = Field(description="Biên chế của năm trước được giữ nguyên (chưa giao năm này).")
    gap: int | None = Field(description="Biên chế trừ số dự báo: dương là còn thiếu, âm là vượt.")
    vacated_positions: int = Field(description="Số vị trí việc làm có người giữ sẽ thôi giữ trong năm.")
    target: int | None = Field(description="Số người tối đa theo chỉ tiêu tinh giản có hiệu lực cuối năm.")
    target_source: str


class ForecastRowOut(Schema):
    organization: str | None = Field(description="Mã đơn vị; trống ở dòng tổng của cả phạm vi.")
    organization_name: str | None
    category: str = Field(description="Loại biên chế.")
    current: int = Field(description="Số người có mặt vào ngày tính.")
    years: list[YearOut]
    leave_sources: list[str]
    leave_source_count: int
    intake_sources: list[str]


class ForecastOut(Schema):
    as_of: dt.date
    retirement_rules: list[str] = Field(description="Các quy định về tuổi nghỉ hưu đã áp dụng.")
    totals: list[ForecastRowOut]
    rows: list[ForecastRowOut]
    age_pyramid: dict[int, dict[str, dict[str, int]]] = Field(
        description="Theo năm thứ (0: ngày tính), nhóm tuổi, giới tính (M/F): số người hiện có còn ở lại."
    )
    rank_pyramid: dict[int, list[tuple[str, int]]] = Field(description="Theo năm thứ: (mã ngạch, số người).")
    rank_names: dict[str, str] = Field(
        description="Tên ngạch, chức danh nghề nghiệp ghi trong hồ sơ, theo mã."
    )
    vacancies: int = Field(description="Số vị trí sẽ trống trong năm năm (danh sách: /vacancies).")


@router.get("/forecast", response={200: ForecastOut, **QUERY_ERRORS}, summary="Dự báo nguồn nhân lực 5 năm")
@reading_from_replica()
def get_forecast(request: AuthenticatedRequest, query: Query[ForecastFilters.schema()]) -> dict[str, Any]:  # type: ignore[valid-type]
    """The five-year forecast of the user's scope (or the subtree of ``under``) as of the day asked."""
    filters = ForecastFilters.from_schema(query, user=request.user)
    result = compute(request.user, filters)
    return {
        "as_of": result.as_of,
        "retirement_rules": result.retirement_rules,
        "totals": [row.as_dict() for row in result.totals],
        "rows": [row.as_dict() for row in result.rows],
        "age_pyramid": result.age_pyramid,
        "rank_pyramid": result.rank_pyramid,
        "rank_names": result.rank_names,
        "vacancies": result.vacancies.height,
    }


class ForecastVacancyOut(Schema):
    year: int
    position: str
    full_name: str
    birth_date: dt.date | None
    unit: str
    leaves_on: dt.date
    reason: str
    source: str
    cccd_number: str = Field(description="Số CCCD, che theo quyền xem dữ liệu cá nhân của người dùng.")


class VacanciesOut(Schema):
    items: list[ForecastVacancyOut]
    count: int


class VacancyQuery(ForecastFilters.schema()):  # type: ignore[misc]
    page: int = Field(1, ge=1, description="Số trang, bắt đầu từ 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 500).")


@router.get("/vacancies", response={200: VacanciesOut, **QUERY_ERRORS}, summary="Vị trí việc làm sẽ trống")
@reading_from_replica()
def list_vacancies(request: AuthenticatedRequest, query: Query[VacancyQuery]) -> dict[str, Any]:
    """The positions whose holder retires or leaves within the five years, with who holds them, in order
    of the day they leave; personal data masked as the user's role requires."""
    filters = ForecastFilters.from_schema(
        ForecastFilters.schema()(**query.dict(exclude={"page", "page_size"})), user=request.user
    )
    frame = compute(request.user, filters).vacancies
    page = frame.slice((query.page - 1) * query.page_size, query.page_size)
    return {"items": vacancy_rows(request.user, vacancies(request.user, page)), "count": frame.height}
