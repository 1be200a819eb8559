"""The yearly quota of early raises for outstanding achievement (chỉ tiêu nâng bậc lương trước thời hạn) and
the pooling of the remainders (số dư dưới 10 người) by the direct superior body, Thông tư 08/2013/TT-BNV
Điều 3 khoản 1 điểm b as amended by Thông tư 03/2021/TT-BNV Điều 1 khoản 6:

- an agency gets one place per full ten persons on its payroll list on 31/12 of the review year; the
  persons left over under ten (all of them in an agency of fewer than ten) give it no place of its own;
- its direct superior adds up the remainders of its direct units and grants extra places out of them
  (first to units of fewer than ten persons and to units that did their work well), so long as all its
  units together stay within 10 % of their combined lists: the pooled places are that 10 % less the units'
  own places;
- places not used by the end of the first quarter of the next year lapse.

The rule rows are ``early_raise`` (the percentage) and ``early_raise_pool`` (the pooling, from 15/08/2021)
of the table ``step_raise_rules``.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from noivu.core import dates
from noivu.core.permissions import TREE_STEP
from noivu.core.rules import RuleValue, rule_table
from noivu.organizations.models import Organization
from noivu.payroll.models import EarlyRaiseGrant, ProposalStatus, RaiseKind, RaiseProposalItem
from noivu.payroll.raises import RULES_TABLE
from noivu.personnel.models import Assignment

_COUNT_SQL = """
    SELECT SUBSTR(o.path, 1, %s), COUNT(DISTINCT a.person_id)
    FROM personnel_assignment a
    JOIN organizations_organization o ON o.id = a.organization_id
    JOIN payroll_salaryhistory s ON s.person_id = a.person_id
    WHERE a.is_primary AND a.effective_from <= %s AND (a.effective_to IS NULL OR a.effective_to >= %s)
      AND o.path LIKE %s AND LENGTH(o.path) >= %s
      AND s.effective_from <= %s AND (s.effective_to IS NULL OR s.effective_to >= %s)
    GROUP BY 1
"""


def payroll_list_sizes(root_path: str, prefix_length: int, day: dt.date) -> dict[str, int]:
    """Persons on the payroll list on ``day`` (a primary assignment and a salary step in force) of the
    subtree at ``root_path``, counted by the first ``prefix_length`` characters of their unit's path: the
    whole subtree with ``len(root_path)``, each direct unit's subtree with one tree step more."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [prefix_length, day, day, f"{root_path}%", prefix_length, day, day])
        return {path: int(count) for path, count in cursor.fetchall()}


def _granted(unit_ids: list[int], year: int) -> dict[int, int]:
    rows = (
        EarlyRaiseGrant.objects.unrestricted()
        .filter(unit_id__in=unit_ids, year=year)
        .values("unit_id")
        .annotate(places=Sum("places"))
    )
    return {row["unit_id"]: int(row["places"]) for row in rows}


def approved_early(organization: Organization, year: int, exclude: int | None = None) -> int:
    """The places of ``organization``'s quota of ``year`` already used by approved early raises for
    achievement (but those of the proposal ``exclude``): the raises of its own proposals and of its units'
    (every person of its subtree is on its list), and those its superiors proposed for their whole subtree
    for persons on its list on 31/12 of ``year``. A place is so counted once by every list it belongs to,
    and a superior proposing for its subtree and its units proposing apart cannot use it twice."""
    day = dt.date(year, 12, 31)
    superiors = [organization.path[:end] for end in range(TREE_STEP, len(organization.path), TREE_STEP)]
    on_list = (
        Assignment.objects.unrestricted()
        .filter(is_primary=True, organization__path__startswith=organization.path)
        .as_of(day)
        .values("person_id")
    )
    return (
        RaiseProposalItem.objects.unrestricted()
        .filter(proposal__year=year, proposal__status=ProposalStatus.APPROVED, kind=RaiseKind.EARLY)
        .filter(
            Q(proposal__organization__path__startswith=organization.path)
            | Q(proposal__organization__path__in=superiors, person_id__in=on_list)
        )
        .exclude(proposal_id=exclude)
        .count()
    )


def superiors_with_early(
    organization: Organization, year: int, exclude: int | None = None
) -> list[Organization]:
    """The superiors of ``organization`` (nearest first) with an approved proposal of ``year`` holding an
    early raise for achievement (but the proposal ``exclude``): their quotas bound its proposals too. The
    quota of a superior that proposed nothing itself is never below its units' together (each full ten
    of theirs is one of its own, and the places granted stay within the pool), so it need not be checked."""
    superiors = [organization.path[:end] for end in range(TREE_STEP, len(organization.path), TREE_STEP)]
    ids = (
        RaiseProposalItem.objects.unrestricted()
        .filter(
            proposal__year=year,
            proposal__status=ProposalStatus.APPROVED,
            proposal__organization__path__in=superiors,
            kind=RaiseKind.EARLY,
        )
        .exclude(proposal_id=exclude)
        .values("proposal__organization_id")
    )
    return list(Organization.objects.unrestricted().filter(pk__in=ids).order_by("-depth"))


def _own_places(persons: int, percent: int) -> int:
    return persons * percent // 100


def _remainder(persons: int, percent: int) -> int:
    """The persons left over after the full groups that each give a place (under ten for 10 %)."""
    return persons % (100 // percent)


@dataclass(frozen=True)
class Quota:
    """The yearly quota of early raises of an agency: its own places (``percent`` of ``persons``, one per
    full group), the persons left over, the places its superior granted from the pooled remainders, and
    ``places`` in all."""

    persons: int
    percent: int
    own_places: int
    remainder: int
    granted: int
    citation: str
    pool_citation: str

    @property
    def places(self) -> int:
        return self.own_places + self.granted


def _pool_rule(year: int) -> RuleValue | None:
    return rule_table(RULES_TABLE).get("early_raise_pool", dt.date(year, 12, 31))


def early_quota(organization: Organization, year: int) -> Quota:
    """The quota of ``organization`` (its subtree's payroll list on 31/12 of ``year``) for ``year``."""
    day = dt.date(year, 12, 31)
    row = rule_table(RULES_TABLE).lookup("early_raise", day)
    percent = int(row.value["quota_percent"])
    persons = payroll_list_sizes(organization.path, len(organization.path), day).get(organization.path, 0)
    pool = _pool_rule(year)
    return Quota(
        persons,
        percent,
        _own_places(persons, percent),
        _remainder(persons, percent),
        _granted([organization.pk], year).get(organization.pk, 0),
        row.legal_basis.citation,
        pool.legal_basis.citation if pool else "",
    )


@dataclass(frozen=True)
class PoolUnit:
    """A direct unit of the superior in the pool: its list, own places, remainder and places granted;
    ``small`` when it has fewer persons than one place needs (first in line for an extra place)."""

    organization: Organization
    persons: int
    own_places: int
    remainder: int
    granted: int
    small: bool


@dataclass(frozen=True)
class Pool:
    """The remainders of a superior's direct units for a review year and the extra places they give:
    the combined lists' percentage less the units' own places."""

    superior: Organization
    year: int
    percent: int
    units: list[PoolUnit]
    citation: str

    @property
    def persons(self) -> int:
        return sum(unit.persons for unit in self.units)

    @property
    def remainder(self) -> int:
        return sum(unit.remainder for unit in self.units)

    @property
    def places(self) -> int:
        return _own_places(self.persons, self.percent) - sum(unit.own_places for unit in self.units)

    @property
    def granted(self) -> int:
        return sum(unit.granted for unit in self.units)

    @property
    def available(self) -> int:
        return self.places - self.granted


def remainder_pool(superior: Organization, year: int) -> Pool | None:
    """The pool of ``superior``'s direct units (those in force on 31/12 of ``year``), or None when the
    review year has no pooling rule or the superior no direct unit."""
    rule = _pool_rule(year)
    if rule is None:
        return None
    day = dt.date(year, 12, 31)
    children = list(
        Organization.objects.unrestricted()
        .filter(path__startswith=superior.path, depth=superior.depth + 1)
        .as_of(day)
        .order_by("path")
    )
    if not children:
        return None
    percent = int(rule_table(RULES_TABLE).lookup("early_raise", day).value["quota_percent"])
    sizes = payroll_list_sizes(superior.path, len(children[0].path), day)
    granted = _granted([child.pk for child in children], year)
    per_place = 100 // percent
    units = [
        PoolUnit(
            child,
            sizes.get(child.path, 0),
            _own_places(sizes.get(child.path, 0), percent),
            _remainder(sizes.get(child.path, 0), percent),
            granted.get(child.pk, 0),
            sizes.get(child.path, 0) < per_place,
        )
        for child in children
    ]
    return Pool(superior, year, percent, units, rule.legal_basis.citation)


def lapse_date(year: int) -> dt.date | None:
    """The last day places of ``year`` may be used or granted (the end of the first quarter of the next
    year), or None when the year has no pooling rule."""
    rule = _pool_rule(year)
    if rule is None:
        return None
    month = int(rule.value["lapses_after_month"])
    following = dt.date(year + 1, month, 1)
    return (following.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def grant_problem(pool: Pool | None, unit: Organization, places: int, today: dt.date | None = None) -> str:
    """Why ``places`` extra places cannot be granted to ``unit`` out of ``pool`` ("" when they can)."""
    if pool is None:
        return _(
            "Năm xét này không có quy định giao thêm chỉ tiêu từ số dư, hoặc đơn vị không có đơn vị "
            "trực thuộc."
        )
    if places < 1:
        return _("Số người giao thêm phải từ 1 trở lên.")
    if unit.pk not in {row.organization.pk for row in pool.units}:
        return _(
            "%(unit)s không trực thuộc trực tiếp %(superior)s: chỉ cơ quan quản lý cấp trên trực tiếp giao "
            "thêm chỉ tiêu (%(rule)s)."
        ) % {"unit": unit.name, "superior": pool.superior.name, "rule": pool.citation}
    last = lapse_date(pool.year)
    if last is not None and (today or dates.today()) > last:
        return _(
            "Chỉ tiêu năm %(year)s đã hết hiệu lực sau %(last)s (hết quý I năm sau liền kề; %(rule)s)."
        ) % {"year": pool.year, "last": f"{last:%d/%m/%Y}", "rule": pool.citation}
    if places > pool.available:
        return _(
            "Vượt số dư: giao thêm %(places)s người, còn %(available)s người có thể giao (%(percent)s%% của "
            "%(persons)s người trong danh sách trả lương của các đơn vị trực thuộc là %(total)s người, các "
            "đơn vị đã có %(own)s người theo tỷ lệ riêng và đã được giao thêm %(granted)s người; %(rule)s)."
        ) % {
            "places": places,
            "available": pool.available,
            "percent": pool.percent,
            "persons": pool.persons,
            "total": _own_places(pool.persons, pool.percent),
            "own": sum(row.own_places for row in pool.units),
            "granted": pool.granted,
            "rule": pool.citation,
        }
    return ""
