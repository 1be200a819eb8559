"""The app's part of the demo data set (dữ liệu mẫu): registries of the demo province, three years of
situation reports (those before 1/7/2025 named by their legacy communes) with a rising trend and, in the last
complete month, a cluster of incidents in one commune that the early warning flags, and a year of procedure
dossiers with their statutory clocks, some overdue."""

import datetime as dt
import random
from decimal import Decimal
from typing import TypeVar

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from noivu.admin_units.models import TWO_TIER_START, AdminUnit, Level, Regime, UnitSuccession
from noivu.core import dates
from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.models import RuleRow
from noivu.core.rules import rule_table
from noivu.core.text import fold
from noivu.organizations.models import Organization, OrganizationKind
from noivu.religion.models import (
    ActivityGroup,
    CalendarDay,
    Dignitary,
    DignitaryKind,
    Dossier,
    DossierStatus,
    Incident,
    IncidentStatus,
    NamedRecord,
    Outcome,
    PlaceKind,
    Religion,
    ReligiousOrganization,
    SupplementRequest,
    Topic,
    WorshipPlace,
)
from noivu.religion.models import (
    OrganizationKind as ReligiousKind,
)
from noivu.religion.procedures.calendar import calendar_for
from noivu.religion.procedures.clock import COUNTING, PROCEDURES, Pause, Procedure, deadline

RELIGIONS = (
    ("PG", "Phật giáo"),
    ("CG", "Công giáo"),
    ("TL", "Tin lành"),
    ("CD", "Cao đài"),
    ("PGHH", "Phật giáo Hòa Hảo"),
    ("HG", "Hồi giáo"),
)
# (religion, organisation, place prefix, dignitary titles)
ORGANIZATIONS = (
    ("PG", "Ban Trị sự Giáo hội Phật giáo Việt Nam", "Chùa", ("Thượng tọa", "Đại đức", "Ni sư")),
    ("CG", "Giáo phận", "Nhà thờ giáo xứ", ("Linh mục", "Linh mục quản xứ")),
    ("TL", "Tổng Liên hội Hội thánh Tin lành Việt Nam (miền Nam) – chi hội", "Nhà thờ Tin lành", ("Mục sư",)),
    ("CD", "Hội thánh Cao đài Tây Ninh – Họ đạo", "Thánh thất", ("Giáo hữu", "Lễ sanh")),
)
BELIEF_PLACES = ("Đình làng", "Đền thờ", "Miếu", "Nhà thờ họ")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Văn An", "Minh Đức", "Thị Hoa", "Quang Huy", "Thanh Tâm", "Hữu Phước", "Thị Lan", "Văn Bình")
INCIDENTS = {
    Topic.UNREGISTERED: "Nhóm sinh hoạt tôn giáo chưa đăng ký tại nhà riêng",
    Topic.LAND: "Tranh chấp đất đai liên quan cơ sở tôn giáo",
    Topic.WORSHIP_PLACE: "Xây dựng công trình phụ trợ chưa được cấp phép",
    Topic.COMPLAINT: "Đơn khiếu nại của tín đồ",
    Topic.PROSELYTISM: "Truyền đạo trái phép tại khu dân cư",
    Topic.FESTIVAL: "Lễ hội đông người vượt quy mô đăng ký",
    Topic.OTHER: "Sự việc khác liên quan tín ngưỡng",
}
PROCEDURE_WEIGHTS = {
    "TN_DANG_KY_HOAT_DONG": 5,
    "TG_SHTGTT": 6,
    "TG_SHTGTT_DOI_NGUOI_DAI_DIEN": 2,
    "TG_DANG_KY_CHUC_VIEC": 4,
    "TG_CUOC_LE_TINH": 3,
    "TG_LOP_BOI_DUONG": 2,
    "TG_DAI_HOI_TINH": 1,
}
HISTORY_MONTHS = 36
T = TypeVar("T", bound=NamedRecord)


def _bulk(records: list[T]) -> list[T]:
    """Write registry rows with their first history row; their search key set as ``save()`` would."""
    if not records:
        return records
    for record in records:
        record.name_folded = fold(record.name)
    return list(bulk_create_with_history(records, type(records[0])))


def _near(rng: random.Random, centre: tuple[float, float] | None) -> dict[str, Decimal]:
    """A point a few hundred metres from the commune's centre (demo places have no surveyed location)."""
    if centre is None:
        return {}
    latitude, longitude = centre
    return {
        "latitude": Decimal(f"{latitude + rng.uniform(-0.012, 0.012):.5f}"),
        "longitude": Decimal(f"{longitude + rng.uniform(-0.012, 0.012):.5f}"),
    }


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


def load(context: DemoContext) -> str:
    rng = random.Random(context.seed * 7919 + 15)
    units = Organization.objects.unrestricted().filter(path__startswith=context.root_path)
    province = units.filter(
        kind=OrganizationKind.PROVINCE_COMMITTEE, admin_unit_code=context.province_code
    ).first()
    if province is None:
        return "Tín ngưỡng, tôn giáo: không có tỉnh mẫu."
    communes = list(
        units.filter(kind=OrganizationKind.COMMUNE_COMMITTEE, path__startswith=province.path).order_by("path")
    )
    if not communes:
        return "Tín ngưỡng, tôn giáo: tỉnh mẫu không có xã."
    religions = {}
    for code, name in RELIGIONS:
        religions[code], _ = Religion.objects.get_or_create(code=code, defaults={"name": name})
    start = dt.date(2018, 1, 1)
    organizations = _bulk(
        [
            ReligiousOrganization(
                name=f"{name} {province.name.removeprefix('UBND ')}",
                religion=religions[code],
                kind=ReligiousKind.RECOGNISED,
                organization=province,
                effective_from=start,
                decision_number=f"{rng.randint(10, 99)}/QĐ-UBND",
            )
            for code, name, _prefix, _titles in ORGANIZATIONS
        ],
    )
    by_religion = {record.religion_id: record for record in organizations}
    places: list[WorshipPlace] = []
    groups: list[ActivityGroup] = []
    dignitaries: list[Dignitary] = []
    centres = {
        code: (latitude, longitude)
        for code, latitude, longitude in AdminUnit.objects.unrestricted()
        .filter(regime=Regime.TWO_TIER, level=Level.COMMUNE, code__in=[c.admin_unit_code for c in communes])
        .exclude(latitude=None)
        .values_list("code", "latitude", "longitude")
    }
    for commune in communes:
        short = commune.name.removeprefix("UBND ").split(" ", 1)[-1]
        centre = centres.get(commune.admin_unit_code)
        for code, _label, prefix, _titles in ORGANIZATIONS[: rng.randint(2, 4)]:
            places.append(
                WorshipPlace(
                    name=f"{prefix} {short}",
                    kind=PlaceKind.RELIGIOUS,
                    religion=religions[code],
                    religious_organization=by_religion[religions[code].pk],
                    organization=commune,
                    commune_code=commune.admin_unit_code,
                    address=f"Thôn {rng.randint(1, 9)}, {commune.name.removeprefix('UBND ')}",
                    effective_from=start,
                    **_near(rng, centre),
                )
            )
        for kind in rng.sample(BELIEF_PLACES, 2):
            places.append(
                WorshipPlace(
                    name=f"{kind} {short}",
                    kind=PlaceKind.BELIEF,
                    organization=commune,
                    commune_code=commune.admin_unit_code,
                    effective_from=start,
                    **_near(rng, centre),
                )
            )
        if rng.random() < 0.6:
            code = rng.choice(("TL", "CG"))
            groups.append(
                ActivityGroup(
                    name=f"Nhóm {religions[code].name} thôn {rng.randint(1, 9)} {short}",
                    religion=religions[code],
                    religious_organization=by_religion[religions[code].pk],
                    representative=_name(rng),
                    members=rng.randint(12, 80),
                    organization=commune,
                    commune_code=commune.admin_unit_code,
                    effective_from=dt.date(2020 + rng.randint(0, 5), rng.randint(1, 12), 1),
                )
            )
    places = _bulk(places)
    _bulk(groups)
    religious_places = [place for place in places if place.kind == PlaceKind.RELIGIOUS]
    for place in religious_places:
        titles = next(t for c, _n, _p, t in ORGANIZATIONS if religions[c].pk == place.religion_id)
        dignitaries.append(
            Dignitary(
                name=_name(rng),
                kind=rng.choice(
                    (DignitaryKind.DIGNITARY, DignitaryKind.OFFICE_HOLDER, DignitaryKind.MONASTIC)
                ),
                title=rng.choice(titles),
                birth_year=rng.randint(1950, 1995),
                religious_organization=place.religious_organization,
                place=place,
                organization=place.organization,
                commune_code=place.commune_code,
                effective_from=dt.date(rng.randint(2005, 2024), rng.randint(1, 12), 1),
            )
        )
    _bulk(dignitaries)
    incidents = _incidents(context, rng, province, communes, religious_places)
    dossiers = _dossiers(context, rng, province, communes, organizations)
    return (
        f"Tín ngưỡng, tôn giáo: {len(organizations)} tổ chức, {len(places)} cơ sở, "
        f"{len(dignitaries)} chức sắc, {len(groups)} nhóm, {incidents} vụ việc, {dossiers} hồ sơ thủ tục."
    )


def _incidents(
    context: DemoContext,
    rng: random.Random,
    province: Organization,
    communes: list[Organization],
    places: list[WorshipPlace],
) -> int:
    """Three years of incidents: a seasonal pattern (festivals in the first lunar months, more in spring),
    a rising trend, and in the last complete month a cluster in the first commune."""
    legacy = dict(
        UnitSuccession.objects.unrestricted()
        .filter(level=Level.COMMUNE, new_code__in=[c.admin_unit_code for c in communes], is_default=True)
        .values_list("new_code", "legacy_code")
    )
    last = dates.add_months(context.as_of.replace(day=1), -1)
    first = dates.add_months(last, -(HISTORY_MONTHS - 1))
    topics = list(Topic)
    weights = [5, 3, 3, 4, 2, 2, 1]
    season = [1.5, 1.6, 1.3, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 0.9, 1.0, 1.2]
    per_commune = [rng.uniform(0.3, 1.6) for _ in communes]
    rows = []
    for step in range(HISTORY_MONTHS + 1):
        month = dates.add_months(first, step)
        if month > context.as_of:
            break
        level = 0.35 * (1 + 0.5 * step / HISTORY_MONTHS) * season[month.month - 1]
        for index, commune in enumerate(communes):
            count = _poisson(rng, level * per_commune[index])
            if month == last and index == 0:
                count += 9
            for _ in range(count):
                day = month + dt.timedelta(days=rng.randint(0, 27))
                if day > context.as_of:
                    continue
                topic = rng.choices(topics, weights)[0]
                old = day < TWO_TIER_START and commune.admin_unit_code in legacy
                place = rng.choice(places) if places and rng.random() < 0.3 else None
                closed = day < context.as_of - dt.timedelta(days=60)
                rows.append(
                    Incident(
                        organization=commune,
                        title=INCIDENTS[topic],
                        topic=topic,
                        severity=rng.choices([1, 2, 3, 4], [5, 4, 2, 1])[0],
                        occurred_on=day,
                        reported_on=min(day + dt.timedelta(days=rng.randint(0, 5)), context.as_of),
                        commune_code=commune.admin_unit_code,
                        province_code=context.province_code,
                        legacy_commune_code=legacy[commune.admin_unit_code] if old else "",
                        place=place if place and place.organization_id == commune.pk else None,
                        description="Nắm tình hình qua lực lượng cơ sở.",
                        actions_taken="Vận động, tuyên truyền; lập biên bản làm việc." if closed else "",
                        follow_up="" if closed else "Tiếp tục theo dõi, báo cáo UBND cấp trên.",
                        follow_up_due=None if closed else day + dt.timedelta(days=30),
                        status=IncidentStatus.CLOSED if closed else IncidentStatus.FOLLOWING,
                    )
                )
    bulk_create_with_history(rows, Incident, batch_size=2000)
    return len(rows)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw by counting exponential arrivals (means here are small)."""
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def _dossiers(
    context: DemoContext,
    rng: random.Random,
    province: Organization,
    communes: list[Organization],
    organizations: list[ReligiousOrganization],
) -> int:
    """A year of dossiers: most answered in time, a few late with their reason, the recent ones still
    open (some past their deadline, one waiting for a supplement)."""
    table = rule_table(PROCEDURES)
    counting = rule_table(COUNTING)
    calendar = calendar_for(province.path)
    rows = {
        (row.code, row.effective_from): row for row in RuleRow.objects.unrestricted().filter(table=PROCEDURES)
    }
    codes = list(PROCEDURE_WEIGHTS)
    weights = list(PROCEDURE_WEIGHTS.values())
    dossiers: list[Dossier] = []
    supplements: list[tuple[int, SupplementRequest]] = []
    start = context.as_of - dt.timedelta(days=365)
    day = start
    number = 0
    while day <= context.as_of:
        for _ in range(_poisson(rng, 1.2 + 0.8 * (day - start).days / 365)):
            code = rng.choices(codes, weights)[0]
            rule = table.get(code, day)
            if rule is None:
                continue
            procedure = Procedure.of(rule)
            commune = rng.choice(communes)
            unit = commune if procedure.authority == "commune" else province
            pauses = []
            if rng.random() < 0.15:
                asked = day + dt.timedelta(days=rng.randint(2, 6))
                received = asked + dt.timedelta(days=rng.randint(3, 15))
                pauses = [Pause(asked, received if received <= context.as_of else None)]
            if any(p.requested_on > context.as_of for p in pauses):
                pauses = []
            clock = deadline(procedure, day, pauses, calendar, counting)
            number += 1
            decided_on = None
            outcome = ""
            late_reason = ""
            status = DossierStatus.SUPPLEMENT if clock.paused else DossierStatus.RECEIVED
            if clock.due_on is not None:
                finish = clock.due_on - dt.timedelta(days=rng.randint(0, 10))
                if rng.random() < 0.08:
                    finish = clock.due_on + dt.timedelta(days=rng.randint(1, 12))
                    late_reason = "Chờ ý kiến của cơ quan chuyên môn về địa điểm."
                if finish <= context.as_of - dt.timedelta(days=3) and rng.random() < 0.93:
                    decided_on = max(finish, day)
                    outcome = Outcome.APPROVED if rng.random() < 0.9 else Outcome.REFUSED
                    status = DossierStatus.DECIDED
                    if decided_on <= clock.due_on:
                        late_reason = ""
                else:
                    late_reason = ""
            organization = rng.choice(organizations)
            dossiers.append(
                Dossier(
                    reference=f"{day:%Y%m%d}-{number:05d}",
                    procedure_code=code,
                    rule=rows[(code, rule.effective_from)],
                    organization=unit,
                    applicant=organization.name if code.startswith("TG_D") else f"Đại diện {_name(rng)}",
                    religious_organization=organization,
                    commune_code=commune.admin_unit_code,
                    subject=procedure.name,
                    received_on=day,
                    status=status,
                    due_on=clock.due_on,
                    decided_on=decided_on,
                    outcome=outcome,
                    decision_number=f"{rng.randint(1, 300)}/UBND-TG" if decided_on else "",
                    late_reason=late_reason,
                )
            )
            for pause in pauses:
                supplements.append(
                    (
                        len(dossiers) - 1,
                        SupplementRequest(
                            requested_on=pause.requested_on,
                            received_on=pause.received_on,
                            content="Bổ sung giấy tờ chứng minh địa điểm hợp pháp.",
                        ),
                    )
                )
        day += dt.timedelta(days=1)
    created = bulk_create_with_history(dossiers, Dossier, batch_size=2000)
    for position, request in supplements:
        request.dossier = created[position]
    bulk_create_with_history([request for _, request in supplements], SupplementRequest)
    return len(created)


def clear(root_path: str) -> None:
    """Delete the app's rows of the demo tree (they protect their organisations)."""
    under = Q(organization__path__startswith=root_path)
    SupplementRequest.objects.unrestricted().filter(
        dossier__organization__path__startswith=root_path
    ).delete()
    Dossier.objects.unrestricted().filter(under).delete()
    Incident.objects.unrestricted().filter(under).delete()
    Dignitary.objects.unrestricted().filter(under).delete()
    ActivityGroup.objects.unrestricted().filter(under).delete()
    WorshipPlace.objects.unrestricted().filter(under).delete()
    ReligiousOrganization.objects.unrestricted().filter(under).delete()
    CalendarDay.objects.unrestricted().filter(under).delete()


demo_steps.register(DemoStep(key="religion", order=60, load=load, clear=clear))
