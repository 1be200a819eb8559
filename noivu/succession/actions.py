"""State changes of succession: training courses on a person's record, courses and enrolments with their
completion, planning pools with their candidates and yearly reviews, mentoring pairs and their check-ins,
handovers and their checklists. Each checks the acting user's right on the unit or the person, keeps the
limits of the rule tables, and is audited; a refusal names the rule and changes nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noivu.core.actions import ActionContext, action
from noivu.core.audit import event_type
from noivu.core.dates import today
from noivu.core.permissions import Action
from noivu.core.text import fold, normalize
from noivu.organizations.models import Organization
from noivu.personnel.models import Person
from noivu.succession import engine
from noivu.succession.models import (
    CheckIn,
    Course,
    Enrolment,
    EnrolmentStatus,
    Handover,
    HandoverItem,
    MentoringPair,
    MentoringStatus,
    PlanningPool,
    PoolCandidate,
    PoolReview,
    Programme,
    TrainingCourse,
)

# The code the personnel dossier gave this event before the move: the audit trail keeps its label.
TRAINING_COURSE_ADDED = event_type(
    "dossier.training_course_added", gettext_lazy("Thêm khóa đào tạo, bồi dưỡng")
)
COURSE_CREATED = event_type("succession.course_created", gettext_lazy("Mở khóa đào tạo, bồi dưỡng"))
ENROLLED = event_type("succession.enrolled", gettext_lazy("Cử đi học"))
ENROLMENT_COMPLETED = event_type("succession.enrolment_completed", gettext_lazy("Ghi hoàn thành khóa học"))
ENROLMENT_WITHDRAWN = event_type("succession.enrolment_withdrawn", gettext_lazy("Thôi học"))
POOL_CREATED = event_type("succession.pool_created", gettext_lazy("Lập quy hoạch chức danh"))
CANDIDATE_ADDED = event_type("succession.candidate_added", gettext_lazy("Đưa vào quy hoạch"))
CANDIDATE_REMOVED = event_type("succession.candidate_removed", gettext_lazy("Đưa ra khỏi quy hoạch"))
POOL_REVIEWED = event_type("succession.pool_reviewed", gettext_lazy("Rà soát quy hoạch hằng năm"))
MENTORING_STARTED = event_type("succession.mentoring_started", gettext_lazy("Phân công kèm cặp"))
MENTORING_CHECKED_IN = event_type("succession.mentoring_checked_in", gettext_lazy("Ghi lần trao đổi kèm cặp"))
MENTORING_CLOSED = event_type("succession.mentoring_closed", gettext_lazy("Kết thúc kèm cặp"))
HANDOVER_STARTED = event_type("succession.handover_started", gettext_lazy("Lập danh mục bàn giao"))
HANDOVER_ITEM_DONE = event_type("succession.handover_item_done", gettext_lazy("Hoàn thành mục bàn giao"))


def _save(row: TrainingCourse | Course | Enrolment | PlanningPool | PoolCandidate | PoolReview) -> None:
    row.full_clean()
    row.save()


@action(TRAINING_COURSE_ADDED)
def do_add_training_course(
    ctx: ActionContext,
    *,
    person: Person,
    name: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    institution: str = "",
    mode: str = "",
    certificate: str = "",
    programme: str = Programme.OTHER,
    periods: int | None = None,
) -> TrainingCourse:
    """Add a training or refresher course (khóa đào tạo, bồi dưỡng) to a person's record."""
    ctx.require(person)
    row = TrainingCourse(
        person=person,
        name=normalize(name),
        start_date=start_date,
        end_date=end_date,
        institution=normalize(institution),
        mode=mode,
        certificate=certificate,
        programme=programme or Programme.OTHER,
        periods=periods,
    )
    _save(row)
    return row


@action(COURSE_CREATED)
def do_create_course(
    ctx: ActionContext,
    *,
    organization: Organization,
    name: str,
    programme: str,
    start_date: dt.date,
    end_date: dt.date,
    periods: int,
    institution: str = "",
    capacity: int | None = None,
    mode: str = "",
) -> Course:
    """Open a course the unit organises or sends its people to."""
    ctx.require(organization)
    row = Course(
        organization=organization,
        name=normalize(name),
        programme=programme,
        start_date=start_date,
        end_date=end_date,
        periods=periods,
        institution=normalize(institution),
        capacity=capacity,
        mode=mode,
    )
    _save(row)
    return row


@action(ENROLLED)
def do_enrol(ctx: ActionContext, *, course: Course, person: Person) -> Enrolment:
    """Send a person to a course; refused when they are already in it or the course is full."""
    ctx.require(person)
    ctx.require(course, Action.VIEW)
    if Enrolment.objects.unrestricted().filter(course=course, person=person).exists():
        raise ValidationError({"person": _("%(name)s đã được cử học khóa này.") % {"name": person.full_name}})
    if course.capacity is not None:
        taken = (
            Enrolment.objects.unrestricted()
            .filter(course=course)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .count()
        )
        if taken >= course.capacity:
            raise ValidationError(
                {"course": _("Khóa học đã đủ %(capacity)s học viên.") % {"capacity": course.capacity}}
            )
    row = Enrolment(course=course, person=person)
    _save(row)
    return row


@action(ENROLMENT_COMPLETED)
def do_complete_enrolment(
    ctx: ActionContext, *, enrolment: Enrolment, completed_on: dt.date | None = None, certificate: str = ""
) -> Enrolment:
    """Record the completion of a course: the course, its programme and periods go on the person's record."""
    ctx.require(enrolment.person)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(
            {
                "status": _("Chỉ ghi hoàn thành cho người đang học (hiện: %(status)s).")
                % {"status": enrolment.get_status_display()}
            }
        )
    course = enrolment.course
    completed_on = completed_on or course.end_date
    if completed_on < course.start_date:
        raise ValidationError({"completed_on": _("Ngày hoàn thành phải sau ngày bắt đầu khóa học.")})
    if completed_on > today():
        raise ValidationError({"completed_on": _("Ngày hoàn thành không được sau hôm nay.")})
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.certificate = normalize(certificate)
    _save(enrolment)
    _save(
        TrainingCourse(
            person=enrolment.person,
            name=course.name,
            institution=course.institution,
            start_date=course.start_date,
            end_date=completed_on,
            mode=course.mode,
            certificate=enrolment.certificate,
            programme=course.programme,
            periods=course.periods,
            enrolment=enrolment,
        )
    )
    return enrolment


@action(ENROLMENT_WITHDRAWN)
def do_withdraw_enrolment(ctx: ActionContext, *, enrolment: Enrolment) -> Enrolment:
    ctx.require(enrolment.person)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError({"status": _("Chỉ cho thôi học người đang học.")})
    enrolment.status = EnrolmentStatus.WITHDRAWN
    _save(enrolment)
    return enrolment


@action(POOL_CREATED)
def do_create_pool(
    ctx: ActionContext,
    *,
    organization: Organization,
    position_title: str,
    level: str,
    term_start: int,
    term_end: int,
    note: str = "",
) -> PlanningPool:
    """Open the planning of a leadership position of a unit for a term."""
    ctx.require(organization)
    title = normalize(position_title)
    if (
        PlanningPool.objects.unrestricted()
        .filter(organization=organization, position_title__iexact=title, term_start=term_start)
        .exists()
    ):
        raise ValidationError(
            {
                "position_title": _(
                    "Đã có quy hoạch chức danh %(title)s nhiệm kỳ từ năm %(year)s của đơn vị này."
                )
                % {"title": title, "year": term_start}
            }
        )
    row = PlanningPool(
        organization=organization,
        position_title=title,
        level=level,
        term_start=term_start,
        term_end=term_end,
        note=normalize(note),
    )
    _save(row)
    return row


def refusals_to_add(pool: PlanningPool, person: Person, day: dt.date, leaving: int = 0) -> list[str]:
    """Why ``person`` may not enter ``pool`` on ``day`` (empty: they may): the limits on the numbers, the
    rule that one plans only for a higher position, and every condition of :func:`engine.eligibility`.
    ``leaving``: candidates of the pool removed in the same review."""
    tables = engine.tables()
    limits = tables[engine.LIMITS]
    found: list[str] = []
    active = PoolCandidate.objects.unrestricted().filter(removed_on__isnull=True)
    if active.filter(pool=pool, person=person).exists():
        return [_("%(name)s đã có trong quy hoạch chức danh này.") % {"name": person.full_name}]
    per_position = limits.lookup("max_candidates_per_position", day)
    count = active.filter(pool=pool).count() - leaving
    if count >= per_position.value:
        found.append(
            _(
                "Chức danh %(title)s đã có %(count)s người trong quy hoạch: tối đa %(limit)s người "
                "(%(citation)s)."
            )
            % {
                "title": pool.position_title,
                "count": count,
                "limit": per_position.value,
                "citation": per_position.legal_basis.citation,
            }
        )
    per_person = limits.lookup("max_positions_per_person", day)
    held = active.filter(person=person, pool__level=pool.level).count()
    if held >= per_person.value:
        found.append(
            _("%(name)s đã được quy hoạch %(count)s chức danh cùng cấp: tối đa %(limit)s (%(citation)s).")
            % {
                "name": person.full_name,
                "count": held,
                "limit": per_person.value,
                "citation": per_person.legal_basis.citation,
            }
        )
    holds = person.assignments.as_of(day).filter(organization_id=pool.organization_id)
    if any(
        fold(title) == fold(pool.position_title) for title in holds.values_list("position_title", flat=True)
    ):
        found.append(
            _("%(name)s đang giữ chức danh %(title)s: chỉ quy hoạch vào chức danh cao hơn.")
            % {"name": person.full_name, "title": pool.position_title}
        )
    facts = engine.candidate_facts([person.pk], day, limits)[person.pk]
    checked = engine.eligibility(facts, pool.level, pool.term_start, day, tables)
    found += [
        f"{message} ({reason.rule.legal_basis.citation})" if reason.rule else message
        for reason in checked.reasons
        if not reason.met
        for message in [reason.message]
    ]
    return found


@action(CANDIDATE_ADDED)
def do_add_candidate(
    ctx: ActionContext, *, pool: PlanningPool, person: Person, added_on: dt.date | None = None
) -> PoolCandidate:
    """Put a person in a pool; refused, naming every rule broken, when the pool is full, the person is
    planned for too many positions of the level, or does not meet a condition."""
    ctx.require(pool)
    ctx.require(person, Action.VIEW)
    day = added_on or today()
    refusals = refusals_to_add(pool, person, day)
    if refusals:
        raise ValidationError({"person": refusals})
    row = PoolCandidate(pool=pool, person=person, added_on=day)
    _save(row)
    return row


@action(CANDIDATE_REMOVED)
def do_remove_candidate(
    ctx: ActionContext, *, candidate: PoolCandidate, removal_reason: str, removed_on: dt.date | None = None
) -> PoolCandidate:
    """Take a person out of a pool (đưa ra khỏi quy hoạch), with the reason."""
    ctx.require(candidate.pool)
    if candidate.removed_on is not None:
        raise ValidationError(_("Người này đã được đưa ra khỏi quy hoạch."))
    if not normalize(removal_reason):
        raise ValidationError({"removal_reason": _("Cần ghi lý do đưa ra khỏi quy hoạch.")})
    day = removed_on or today()
    if day < candidate.added_on:
        raise ValidationError({"removed_on": _("Ngày đưa ra phải sau ngày đưa vào quy hoạch.")})
    candidate.removed_on = day
    candidate.removal_reason = normalize(removal_reason)
    _save(candidate)
    return candidate


@action(POOL_REVIEWED)
def do_review_pool(
    ctx: ActionContext,
    *,
    pool: PlanningPool,
    year: int,
    add: list[Person],
    remove: list[tuple[PoolCandidate, str]],
    reviewed_on: dt.date | None = None,
    note: str = "",
) -> PoolReview:
    """The yearly review of a pool: those no longer meeting the standards leave, new ones enter, in one
    transaction; a refusal names every person and rule, and nothing is changed."""
    ctx.require(pool)
    day = reviewed_on or today()
    if PoolReview.objects.unrestricted().filter(pool=pool, year=year).exists():
        raise ValidationError({"year": _("Quy hoạch này đã được rà soát năm %(year)s.") % {"year": year}})
    problems: list[str] = []
    for candidate, reason in remove:
        if candidate.pool_id != pool.pk or candidate.removed_on is not None:
            problems.append(
                _("%(name)s không có trong quy hoạch này.") % {"name": candidate.person.full_name}
            )
        elif not normalize(reason):
            problems.append(
                _("Cần ghi lý do đưa %(name)s ra khỏi quy hoạch.") % {"name": candidate.person.full_name}
            )
    for index, person in enumerate(add):
        ctx.require(person, Action.VIEW)
        # Those added before this one in the same review count towards the pool's limit.
        for message in refusals_to_add(pool, person, day, leaving=len(remove) - index):
            problems.append(message)
    if problems:
        raise ValidationError({"add": problems})
    for candidate, reason in remove:
        candidate.removed_on = day
        candidate.removal_reason = normalize(reason)
        _save(candidate)
    for person in add:
        _save(PoolCandidate(pool=pool, person=person, added_on=day))
    review = PoolReview(
        pool=pool, year=year, reviewed_on=day, added=len(add), removed=len(remove), note=normalize(note)
    )
    _save(review)
    return review


@action(MENTORING_STARTED)
def do_start_mentoring(
    ctx: ActionContext, *, mentor: Person, mentee: Person, goals: str, start_date: dt.date
) -> MentoringPair:
    """Pair a mentor with the person they coach (kèm cặp, trao truyền kinh nghiệm), with the goals."""
    ctx.require(mentee)
    ctx.require(mentor, Action.VIEW)
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentor": _("Người kèm cặp phải khác người được kèm cặp.")})
    if not normalize(goals):
        raise ValidationError({"goals": _("Cần ghi mục tiêu kèm cặp.")})
    if (
        MentoringPair.objects.unrestricted()
        .filter(mentor=mentor, mentee=mentee, status=MentoringStatus.ACTIVE)
        .exists()
    ):
        raise ValidationError({"mentee": _("Cặp kèm cặp này đang thực hiện.")})
    row = MentoringPair(mentor=mentor, mentee=mentee, goals=normalize(goals), start_date=start_date)
    row.full_clean()
    row.save()
    return row


@action(MENTORING_CHECKED_IN)
def do_check_in(
    ctx: ActionContext, *, pair: MentoringPair, held_on: dt.date, progress: int, note: str = ""
) -> CheckIn:
    ctx.require(pair)
    if pair.status != MentoringStatus.ACTIVE:
        raise ValidationError(_("Cặp kèm cặp đã kết thúc."))
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Mức đạt mục tiêu phải từ 0 đến 100%.")})
    if held_on < pair.start_date:
        raise ValidationError({"held_on": _("Ngày trao đổi phải sau ngày bắt đầu kèm cặp.")})
    row = CheckIn(pair=pair, held_on=held_on, progress=progress, note=normalize(note))
    row.full_clean()
    row.save()
    return row


@action(MENTORING_CLOSED)
def do_close_mentoring(ctx: ActionContext, *, pair: MentoringPair, end_date: dt.date) -> MentoringPair:
    ctx.require(pair)
    if end_date < pair.start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    pair.status = MentoringStatus.CLOSED
    pair.end_date = end_date
    pair.full_clean()
    pair.save()
    return pair


@action(HANDOVER_STARTED)
def do_start_handover(
    ctx: ActionContext,
    *,
    person: Person,
    handover_reason: str,
    due_on: dt.date,
    items: list[str],
    successor: Person | None = None,
) -> Handover:
    """The checklist of a person's handover when they retire, rotate or are streamlined."""
    ctx.require(person)
    if successor is not None:
        ctx.require(successor, Action.VIEW)
        if successor.pk == person.pk:
            raise ValidationError({"successor": _("Người nhận bàn giao phải khác người bàn giao.")})
    titles = [normalize(item) for item in items if normalize(item)]
    if not titles:
        raise ValidationError({"items": _("Cần ít nhất một mục bàn giao.")})
    row = Handover(person=person, successor=successor, reason=handover_reason, due_on=due_on)
    row.full_clean()
    row.save()
    for title in titles:
        item = HandoverItem(handover=row, title=title[:300])
        item.full_clean()
        item.save()
    return row


@action(HANDOVER_ITEM_DONE)
def do_complete_handover_item(ctx: ActionContext, *, item: HandoverItem, done_on: dt.date) -> HandoverItem:
    ctx.require(item.handover.person)
    if item.done_on is not None:
        raise ValidationError(_("Mục này đã hoàn thành."))
    item.done_on = done_on
    item.full_clean()
    item.save()
    return item
