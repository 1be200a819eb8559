"""State changes of emulation and commendation: an award or a discipline decision entered on a person's
record from a decision on paper; an initiative recognised (sáng kiến được công nhận) entered
on a person's record; a council session (phiên họp Hội đồng Thi đua – Khen thưởng) opened, its nominees
entered after the screening, their secret-ballot results recorded against the threshold of the title, and
the decision that records the awards and their reward money. Each checks the acting user's right on the
unit or the person and is audited."""

import datetime as dt

import polars as pl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.awards import engine
from noivu.awards.models import (
    VOTING,
    Attendance,
    AwardQuota,
    AwardRecord,
    CouncilMember,
    CouncilSession,
    DisciplineRecord,
    Initiative,
    InitiativeLevel,
    MemberRole,
    Movement,
    Nominee,
    Registration,
    SessionStatus,
    UnitAward,
)
from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.models import in_force_condition
from noivu.core.permissions import Action
from noivu.core.rules import lookup
from noivu.core.text import normalize
from noivu.evaluation.models import UnitEvaluation
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

# The record's entries keep the event types they had when the record held them, so that their trail reads on.
AWARD_RECORDED = event_type("dossier.award_recorded", gettext_lazy("Ghi khen thưởng"))
DISCIPLINE_RECORDED = event_type("dossier.discipline_recorded", gettext_lazy("Ghi kỷ luật"))
INITIATIVE_RECORDED = event_type("awards.initiative_recorded", gettext_lazy("Ghi sáng kiến được công nhận"))
COUNCIL_OPENED = event_type(
    "awards.council_opened", gettext_lazy("Mở phiên họp Hội đồng Thi đua – Khen thưởng")
)
NOMINEE_ADDED = event_type(
    "awards.nominee_added", gettext_lazy("Đề nghị xét danh hiệu, hình thức khen thưởng")
)
MEMBER_ADDED = event_type("awards.council_member_added", gettext_lazy("Ghi thành viên Hội đồng"))
MEMBER_REMOVED = event_type(
    "awards.council_member_removed", gettext_lazy("Bỏ thành viên Hội đồng khỏi danh sách")
)
VOTES_RECORDED = event_type("awards.votes_recorded", gettext_lazy("Ghi kết quả bỏ phiếu kín của Hội đồng"))
COUNCIL_DECIDED = event_type("awards.council_decided", gettext_lazy("Ký quyết định khen thưởng"))
MOVEMENT_LAUNCHED = event_type("awards.movement_launched", gettext_lazy("Phát động phong trào thi đua"))
REGISTERED = event_type("awards.registered", gettext_lazy("Đăng ký thi đua"))
QUOTA_SET = event_type("awards.quota_set", gettext_lazy("Quy định hạn mức khen thưởng"))


@action(AWARD_RECORDED)
def do_record_award(
    ctx: ActionContext,
    *,
    person: Person,
    form: str,
    decision_date: dt.date,
    decision_number: str = "",
    authority: str = "",
    reason: str = "",
) -> AwardRecord:
    """Record an emulation title or commendation (khen thưởng) decided on paper on the person's record."""
    ctx.require(person)
    row = AwardRecord(
        person=person,
        form=normalize(form),
        decision_date=decision_date,
        decision_number=decision_number,
        authority=normalize(authority),
        reason=normalize(reason),
    )
    row.full_clean()
    row.save()
    return row


@action(DISCIPLINE_RECORDED)
def do_record_discipline(
    ctx: ActionContext,
    *,
    person: Person,
    form: str,
    decision_date: dt.date,
    effective_from: dt.date | None = None,
    effective_to: dt.date | None = None,
    decision_number: str = "",
    authority: str = "",
    reason: str = "",
) -> DisciplineRecord:
    """Record a discipline decision (kỷ luật); it takes effect on its decision date unless told otherwise."""
    ctx.require(person)
    row = DisciplineRecord(
        person=person,
        form=form,
        decision_date=decision_date,
        effective_from=effective_from or decision_date,
        effective_to=effective_to,
        decision_number=decision_number,
        authority=normalize(authority),
        reason=normalize(reason),
    )
    row.full_clean()
    row.save()
    return row


@action(INITIATIVE_RECORDED)
def do_record_initiative(
    ctx: ActionContext,
    *,
    person: Person,
    title: str,
    level: str,
    recognised_on: dt.date,
    decision_number: str = "",
    authority: str = "",
) -> Initiative:
    """Record an initiative of ``person`` recognised at ``level`` on ``recognised_on``; the eligibility
    engine counts it from that year (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 21–23, 74)."""
    ctx.require(person)
    if level not in InitiativeLevel.values:
        raise ValidationError({"level": _("Cấp công nhận phải là cơ sở, bộ/ngành/tỉnh hoặc toàn quốc.")})
    if recognised_on > today():
        raise ValidationError({"recognised_on": _("Ngày công nhận không được sau hôm nay.")})
    row = Initiative(
        person=person,
        title=normalize(title),
        level=level,
        recognised_on=recognised_on,
        decision_number=normalize(decision_number),
        authority=normalize(authority),
    )
    row.full_clean()
    row.save()
    return row


@action(COUNCIL_OPENED)
def do_open_council(
    ctx: ActionContext, *, organization: Organization, year: int, held_on: dt.date, members: int
) -> CouncilSession:
    """Open a session of ``organization``'s council on ``held_on`` for the achievements of ``year``, with
    ``members`` members in all (the share of yes votes is of all of them)."""
    ctx.require(organization)
    if members < 1:
        raise ValidationError({"members": _("Hội đồng phải có ít nhất một thành viên.")})
    if held_on < engine.FIRST_DECISION or not engine.FIRST_DECISION.year <= year <= held_on.year:
        raise ValidationError(
            {"year": _("Năm thành tích phải từ 2024 (Luật Thi đua, khen thưởng 06/2022/QH15) đến năm họp.")}
        )
    if held_on > today():
        raise ValidationError({"held_on": _("Ngày họp không được sau hôm nay.")})
    session = CouncilSession.objects.create(
        organization=organization, year=year, held_on=held_on, members=members
    )
    ctx.audit(session)
    return session


def _open(session: CouncilSession) -> None:
    if session.status != SessionStatus.OPEN:
        raise ValidationError(_("Phiên họp đã có quyết định khen thưởng: không thay đổi được nữa."))


@action(NOMINEE_ADDED)
def do_nominate(
    ctx: ActionContext,
    *,
    session: CouncilSession,
    title: str,
    person: Person | None = None,
    unit: Organization | None = None,
) -> Nominee:
    """Propose ``person`` for an individual title, or the collective ``unit`` for a collective one, of the
    session's unit (or a unit below it) for ``title``: refused, naming the condition that failed, unless the
    screening of the session's year under the regime of its date finds them eligible (Luật Thi đua, khen
    thưởng 06/2022/QH15 Điều 21–24, 27–28, 73–74). A collective is screened from its own rating of the year
    and its members (the persons of the unit itself)."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Đề nghị một cá nhân hoặc một tập thể."))
    ctx.require(session)
    where = person.organization if person is not None else unit
    assert where is not None
    ctx.require(person if person is not None else where)
    _open(session)
    if not where.path.startswith(session.organization.path):
        raise ValidationError(
            {
                "person" if person is not None else "unit": _(
                    "Người, tập thể được đề nghị không thuộc đơn vị của Hội đồng."
                )
            }
        )
    recipient = engine.INDIVIDUAL if person is not None else engine.COLLECTIVE
    rules = engine.title_rules(session.held_on, recipient)
    if title not in rules:
        raise ValidationError(
            {
                "title": _("Danh hiệu, hình thức không có cho %(recipient)s trong quy định ngày họp.")
                % {"recipient": _("cá nhân") if person is not None else _("tập thể")}
            }
        )
    if person is not None:
        persons = Person.objects.unrestricted().filter(pk=person.pk)
        screening, _collective = engine.scope_screening(
            persons, UnitEvaluation.objects.none(), session.year, session.held_on
        )
        key, name = ("person_id", person.pk), person.full_name
    else:
        assert unit is not None
        _individual, screening = engine.scope_screening(
            Person.objects.unrestricted().filter(organization=unit),
            UnitEvaluation.objects.unrestricted().filter(organization=unit),
            session.year,
            session.held_on,
        )
        key, name = ("organization_id", unit.pk), unit.name
    found = screening.results.filter((pl.col(key[0]) == key[1]) & (pl.col("title") == title))
    if found.is_empty():
        rule = rules[title]
        raise ValidationError(
            {
                "title": _("%(name)s chưa có xếp loại năm %(year)s: chưa xét được %(title)s (%(citation)s).")
                % {
                    "name": name,
                    "year": session.year,
                    "title": rule.value["name"],
                    "citation": rule.legal_basis.citation,
                }
            }
        )
    row = found.row(0, named=True)
    if not row["eligible"]:
        rule = rules[title]
        raise ValidationError(
            {
                "title": _("%(name)s chưa đủ điều kiện %(title)s: %(condition)s (%(citation)s).")
                % {
                    "name": name,
                    "title": rule.value["name"],
                    "condition": screening.messages[row["failed"]].message,
                    "citation": rule.legal_basis.citation,
                }
            }
        )
    try:
        with transaction.atomic():
            nominee = Nominee.objects.create(session=session, person=person, organization=unit, title=title)
    except IntegrityError:
        raise ValidationError(
            {"title": _("Người, tập thể này đã được đề nghị danh hiệu, hình thức này.")}
        ) from None
    ctx.audit(nominee)
    return nominee


def _ballot_open(session: CouncilSession) -> None:
    _open(session)
    if session.nominees.filter(yes_votes__isnull=False).exists():
        raise ValidationError(
            _("Đã ghi kết quả bỏ phiếu: danh sách thành viên Hội đồng của phiên họp không thay đổi được nữa.")
        )


@action(MEMBER_ADDED)
def do_add_council_member(
    ctx: ActionContext, *, session: CouncilSession, name: str, role: str, attendance: str = Attendance.PRESENT
) -> CouncilMember:
    """Name a member of the council at ``session`` (thành viên Hội đồng) with their place in it and whether
    they voted (present, or absent with an opinion in writing): at most as many as the council has, one
    chair, and only before any ballot result is recorded."""
    ctx.require(session)
    _ballot_open(session)
    name = normalize(name)
    if not name:
        raise ValidationError({"name": _("Thành viên Hội đồng cần có họ và tên.")})
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Chức danh phải là Chủ tịch, Phó Chủ tịch, Ủy viên hoặc Thư ký.")})
    if attendance not in Attendance.values:
        raise ValidationError(
            {"attendance": _("Tham dự phải là có mặt, vắng mặt có ý kiến bằng văn bản, hoặc vắng mặt.")}
        )
    if session.council_members.count() >= session.members:
        raise ValidationError(
            {"name": _("Hội đồng có %(n)s thành viên: danh sách đã đủ.") % {"n": session.members}}
        )
    if role == MemberRole.CHAIR and session.council_members.filter(role=MemberRole.CHAIR).exists():
        raise ValidationError({"role": _("Hội đồng đã có Chủ tịch.")})
    member = CouncilMember.objects.create(session=session, name=name, role=role, attendance=attendance)
    ctx.audit(member)
    return member


@action(MEMBER_REMOVED)
def do_remove_council_member(ctx: ActionContext, *, member: CouncilMember) -> CouncilSession:
    """Take a member entered by mistake off the session's list, before any ballot result is recorded."""
    session = member.session
    ctx.require(session)
    _ballot_open(session)
    ctx.audit(session, extra={"member": member.name, "role": member.role})
    member.delete()
    return session


@action(VOTES_RECORDED)
def do_record_votes(ctx: ActionContext, *, nominee: Nominee, yes_votes: int) -> Nominee:
    """Record the yes votes of the secret ballot on ``nominee``, once the session names all the council's
    members: at most the members who voted (present, or absent with an opinion in writing); the nominee
    passes with the votes the title needs of all members (Nghị định 98/2023/NĐ-CP khoản 7 Điều 30)."""
    session = nominee.session
    ctx.require(session)
    _open(session)
    attendance = list(session.council_members.values_list("attendance", flat=True))
    if len(attendance) != session.members:
        raise ValidationError(
            {
                "yes_votes": _(
                    "Hội đồng có %(n)s thành viên, danh sách mới ghi %(k)s: ghi đủ thành viên và việc "
                    "tham dự của từng người trước khi ghi kết quả bỏ phiếu."
                )
                % {"n": session.members, "k": len(attendance)}
            }
        )
    voters = sum(1 for state in attendance if state in VOTING)
    if not 0 <= yes_votes <= voters:
        raise ValidationError(
            {
                "yes_votes": _(
                    "Số phiếu đồng ý phải từ 0 đến %(n)s (số thành viên có mặt và có ý kiến bằng văn bản)."
                )
                % {"n": voters}
            }
        )
    needed, _rule = engine.votes_needed(nominee.title, session.members, session.held_on)
    nominee.yes_votes, nominee.votes_needed, nominee.passed = yes_votes, needed, yes_votes >= needed
    nominee.save(update_fields=["yes_votes", "votes_needed", "passed"])
    ctx.audit(nominee, extra={"yes_votes": yes_votes, "needed": needed, "voters": voters})
    return nominee


@action(COUNCIL_DECIDED, permission=Action.APPROVE)
def do_decide_council(
    ctx: ActionContext, *, session: CouncilSession, decision_number: str, decided_on: dt.date, signer: str
) -> CouncilSession:
    """Sign the decision of the session: every nominee voted on, each who reached the threshold receives
    the title on their record, or for a collective on its unit's award history (số quyết định, ngày, người
    ký), with the reward money of an individual or of a collective on the base salary in force on
    ``decided_on`` (Nghị định 152/2025/NĐ-CP Điều 49–54, or 98/2023 before 1/7/2025); a nominee
    under discipline on that date is refused, naming the rule."""
    ctx.require(session)
    _open(session)
    decision_number, signer = normalize(decision_number), normalize(signer)
    if not decision_number or not signer:
        raise ValidationError(_("Quyết định cần số quyết định và người ký."))
    if decided_on < session.held_on or decided_on > today():
        raise ValidationError({"decided_on": _("Ngày quyết định phải từ ngày họp Hội đồng đến hôm nay.")})
    nominees = list(session.nominees.select_related("person", "organization"))
    if not nominees or any(n.passed is None for n in nominees):
        raise ValidationError(_("Mọi người được đề nghị phải có kết quả bỏ phiếu trước khi ký quyết định."))
    passed = [n for n in nominees if n.passed]
    if not passed:
        raise ValidationError(_("Không ai đạt tỷ lệ phiếu đồng ý: không có ai để khen thưởng."))
    barred = set(
        DisciplineRecord.objects.unrestricted()
        .filter(in_force_condition(decided_on), person_id__in=[n.person_id for n in passed if n.person_id])
        .values_list("person_id", flat=True)
    )
    if barred:
        rule = lookup(engine.REGIMES, "DISCIPLINE", decided_on)
        names = ", ".join(n.name for n in passed if n.person_id in barred)
        raise ValidationError(
            _("Đang chịu kỷ luật ngày %(day)s, không được khen thưởng: %(names)s (%(citation)s).")
            % {"day": f"{decided_on:%d/%m/%Y}", "names": names, "citation": rule.legal_basis.citation}
        )
    title_names = {code: rule.value["name"] for code, rule in engine.title_rules(decided_on).items()}
    for nominee in passed:
        form = title_names.get(nominee.title, nominee.title)
        if nominee.organization_id is not None:
            reward = engine.reward_amount(nominee.title, engine.COLLECTIVE, decided_on)
            nominee.unit_award = UnitAward.objects.create(
                organization_id=nominee.organization_id,
                title=nominee.title,
                form=form,
                year=session.year,
                decision_number=decision_number,
                decision_date=decided_on,
                authority=signer,
                reward=reward.amount,
            )
        else:
            reward = engine.reward_amount(nominee.title, engine.INDIVIDUAL, decided_on)
            nominee.award = AwardRecord.objects.create(
                person=nominee.person,
                form=form,
                decision_number=decision_number,
                decision_date=decided_on,
                authority=signer,
                reason=_("Thành tích năm %(year)s") % {"year": session.year},
            )
        nominee.reward = reward.amount
        nominee.save(update_fields=["award", "unit_award", "reward"])
    session.status = SessionStatus.DECIDED
    session.decision_number, session.decided_on, session.signer = decision_number, decided_on, signer
    session.save(update_fields=["status", "decision_number", "decided_on", "signer"])
    ctx.audit_each(AWARD_RECORDED, [nominee.award for nominee in passed if nominee.award is not None])
    ctx.audit(session, extra={"awarded": len(passed)})
    return session


@action(MOVEMENT_LAUNCHED)
def do_launch_movement(
    ctx: ActionContext,
    *,
    organization: Organization,
    name: str,
    year: int,
    starts_on: dt.date,
    ends_on: dt.date,
    units: list[Organization],
    criteria: str = "",
) -> Movement:
    """Launch ``organization``'s emulation movement ``name`` of ``year`` for ``starts_on``–``ends_on``,
    with its criteria and the units taking part: each of them ``organization`` or a unit below it."""
    ctx.require(organization)
    name = normalize(name)
    if not name:
        raise ValidationError({"name": _("Phong trào cần có tên.")})
    if year < engine.FIRST_DECISION.year:
        raise ValidationError(
            {"year": _("Năm thi đua phải từ 2024 (Luật Thi đua, khen thưởng 06/2022/QH15).")}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    if not units:
        raise ValidationError({"units": _("Phong trào cần ít nhất một đơn vị tham gia.")})
    outside = [unit.name for unit in units if not unit.path.startswith(organization.path)]
    if outside:
        raise ValidationError(
            {
                "units": _("Đơn vị không thuộc %(unit)s: %(names)s.")
                % {"unit": organization.name, "names": ", ".join(outside)}
            }
        )
    movement = Movement.objects.create(
        organization=organization,
        name=name,
        year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        criteria=normalize(criteria),
    )
    movement.units.set(units)
    ctx.audit(movement, extra={"units": len(units)})
    return movement


@action(REGISTERED)
def do_register(
    ctx: ActionContext,
    *,
    movement: Movement,
    title: str,
    registered_on: dt.date,
    person: Person | None = None,
    unit: Organization | None = None,
) -> Registration:
    """Register ``person`` for an individual title, or ``unit`` for a collective one, in ``movement`` on
    ``registered_on``: the registrant must belong to a unit taking part, the title must exist for that
    recipient in the regime in force that day, and the day must fall before the movement ends."""
    if (person is None) == (unit is None):
        raise ValidationError(_("Đăng ký của một cá nhân hoặc của một tập thể."))
    where = person.organization if person is not None else unit
    assert where is not None
    ctx.require(person if person is not None else where)
    if registered_on > movement.ends_on or registered_on > today():
        raise ValidationError(
            {
                "registered_on": _(
                    "Ngày đăng ký phải trước khi phong trào kết thúc (%(end)s) và không sau hôm nay."
                )
                % {"end": f"{movement.ends_on:%d/%m/%Y}"}
            }
        )
    units = list(movement.units.all())
    if not any(where.path.startswith(taking.path) for taking in units):
        who = person.full_name if person is not None else where.name
        raise ValidationError(
            {
                "person" if person is not None else "unit": _(
                    "%(who)s không thuộc đơn vị tham gia phong trào %(movement)s (%(units)s)."
                )
                % {"who": who, "movement": movement.name, "units": ", ".join(u.name for u in units)}
            }
        )
    recipient = engine.INDIVIDUAL if person is not None else engine.COLLECTIVE
    try:
        regime = engine.regime_on(registered_on)
    except engine.ScreeningError as error:
        raise ValidationError({"registered_on": str(error)}) from None
    rules = engine.title_rules(registered_on, recipient)
    if title not in rules:
        known = ", ".join(rule.value["name"] for rule in rules.values())
        raise ValidationError(
            {
                "title": _("Danh hiệu không có cho %(recipient)s theo %(regime)s; được đăng ký: %(known)s.")
                % {
                    "recipient": _("cá nhân") if person is not None else _("tập thể"),
                    "regime": regime.legal_basis.citation,
                    "known": known,
                }
            }
        )
    try:
        with transaction.atomic():
            row = Registration.objects.create(
                movement=movement, organization=where, person=person, title=title, registered_on=registered_on
            )
    except IntegrityError:
        raise ValidationError({"title": _("Đã đăng ký danh hiệu này trong phong trào.")}) from None
    ctx.audit(row)
    return row


@action(QUOTA_SET, permission=Action.ADMINISTER)
def do_set_quota(
    ctx: ActionContext,
    *,
    organization: Organization,
    title: str,
    percent: int,
    document: str,
    effective_from: dt.date,
    of_title: str = "",
    article: str = "",
) -> AwardQuota:
    """Set ``organization``'s quota of ``title`` from ``effective_from`` (hạn mức khen thưởng): at most
    ``percent`` per cent of those screened, or of those eligible for ``of_title`` (a title of the same
    recipient), resting on its own ``document``. No national quota exists since 2024, so each quota is the
    organisation's; the quota it had in force until then is closed on the day before, one starting on or
    after that day refuses the new one."""
    ctx.require(organization)
    document, article = normalize(document), normalize(article)
    if not document:
        raise ValidationError({"document": _("Hạn mức cần văn bản quy định (số, ký hiệu).")})
    if not 1 <= percent <= 100:
        raise ValidationError({"percent": _("Tỷ lệ tối đa phải từ 1 đến 100%.")})
    if effective_from < engine.FIRST_DECISION:
        raise ValidationError(
            {"effective_from": _("Hạn mức áp dụng từ 01/01/2024 (Luật Thi đua, khen thưởng 06/2022/QH15).")}
        )
    rules = engine.title_rules(effective_from)
    if title not in rules:
        raise ValidationError({"title": _("Danh hiệu, hình thức không có trong quy định ngày hiệu lực.")})
    if of_title and of_title not in rules:
        raise ValidationError({"of_title": _("Danh hiệu, hình thức không có trong quy định ngày hiệu lực.")})
    if of_title and rules[of_title].value["recipient"] != rules[title].value["recipient"]:
        raise ValidationError(
            {"of_title": _("Hạn mức tính trên một danh hiệu của cùng đối tượng (cá nhân hoặc tập thể).")}
        )
    if of_title == title:
        raise ValidationError({"of_title": _("Hạn mức không tính trên chính danh hiệu đó.")})
    mine = (
        AwardQuota.objects.unrestricted().select_for_update().filter(organization=organization, title=title)
    )
    later = mine.filter(effective_from__gte=effective_from).first()
    if later is not None:
        raise ValidationError(
            {
                "effective_from": _(
                    "Đã có hạn mức hiệu lực từ %(day)s; hạn mức mới phải bắt đầu sau ngày đó."
                )
                % {"day": f"{later.effective_from:%d/%m/%Y}"}
            }
        )
    for running in mine.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from)):
        running.effective_to = effective_from - dt.timedelta(days=1)
        running.save(update_fields=["effective_to"])
    row = AwardQuota.objects.create(
        organization=organization,
        title=title,
        percent=percent,
        of_title=of_title,
        document=document,
        article=article,
        effective_from=effective_from,
    )
    ctx.audit(row, extra={"percent": percent, "of_title": of_title})
    return row
