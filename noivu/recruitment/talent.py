"""The special tracks of talent attraction (thu hút, trọng dụng người có tài năng): the rule of a track in
force on a day, the first of its conditions a person fails, and the labels of the tracks, conditions and
incentives for pages and lists. The rules are the rows of ``law/recruitment_talent.yaml``."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from noivu.core.rules import RuleValue, localized, reads_english, rule_table

TALENT_TABLE = "recruitment_talent"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def talent_rule(track: str, day: dt.date) -> RuleValue:
    """The rule of a talent-attraction track in force on ``day``, or a refusal naming the track."""
    rule = rule_table(TALENT_TABLE).get(track, day)
    if rule is None:
        raise ValidationError(
            {
                "track": _("Diện thu hút «%(track)s» không có trong quy định có hiệu lực ngày %(day)s.")
                % {"track": track, "day": day.strftime("%d/%m/%Y")}
            }
        )
    return rule


def talent_problem(
    rule: RuleValue, birth_date: dt.date, conditions: Iterable[str], day: dt.date
) -> dict[str, str] | None:
    """The first condition of a track's ``rule`` that a person born ``birth_date`` declaring ``conditions``
    fails on ``day`` (by field), or None: an unknown condition, a required one missing, none of the others,
    or the age limit."""
    label = localized(rule.value)
    listed = {item["code"]: item for item in rule.value["conditions"]}
    declared = list(dict.fromkeys(conditions))
    unknown = [code for code in declared if code not in listed]
    if unknown:
        return {
            "conditions": _("Điều kiện không thuộc diện «%(track)s»: %(codes)s.")
            % {"track": label, "codes": ", ".join(unknown)}
        }
    for code, item in listed.items():
        if item.get("required") and code not in declared:
            return {
                "conditions": _(
                    "Chưa đáp ứng điều kiện bắt buộc của diện «%(track)s»: %(condition)s (%(basis)s)."
                )
                % {"track": label, "condition": localized(item), "basis": rule.legal_basis.citation}
            }
    optional = [item for item in listed.values() if not item.get("required")]
    if optional and not any(item["code"] in declared for item in optional):
        return {
            "conditions": _("Chưa đáp ứng điều kiện nào của diện «%(track)s»; cần một trong: %(conditions)s.")
            % {"track": label, "conditions": "; ".join(localized(item) for item in optional)}
        }
    limit = rule.value.get("max_age")
    age = age_on(birth_date, day)
    if limit is not None and age > limit:
        return {
            "track": _(
                "Quá %(limit)s tuổi vào ngày %(day)s (%(age)s tuổi): "
                "không thuộc diện «%(track)s» (%(basis)s)."
            )
            % {
                "limit": limit,
                "day": day.strftime("%d/%m/%Y"),
                "age": age,
                "track": label,
                "basis": rule.legal_basis.citation,
            }
        }
    return None


def talent_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """The tracks, conditions and incentives of talent attraction across every rule row (a decision of an
    earlier year is recorded under the rule of its day), each labelled as its latest row says, in the
    reader's language. An incentive's value is its Vietnamese name, which a grant records."""
    table = rule_table(TALENT_TABLE)
    tracks: dict[str, str] = {}
    conditions: dict[str, str] = {}
    incentives: dict[str, str] = {}
    for code in table.codes():
        for row in table.history(code):
            tracks[code] = localized(row.value)
            for item in row.value["conditions"]:
                conditions[item["code"]] = f"{tracks[code]}: {localized(item)}"
            english = row.value.get("incentives_en") if reads_english() else None
            for index, incentive in enumerate(row.value["incentives"]):
                incentives[incentive] = english[index] if english else incentive
    return list(tracks.items()), list(conditions.items()), sorted(incentives.items())


def label_grants(rows: Iterable[Any]) -> list[Any]:
    """The grants ``rows`` with ``track_label``, ``condition_labels`` and ``incentive_labels`` set from the
    rule tables."""
    rows = list(rows)
    if not rows:
        return rows
    tracks, conditions, incentives = talent_choices()
    track_names, condition_names, incentive_names = dict(tracks), dict(conditions), dict(incentives)
    labelled = []
    for row in rows:
        row.track_label = track_names.get(row.track, row.track)
        row.condition_labels = [condition_names.get(code, code) for code in row.conditions]
        row.incentive_labels = [incentive_names.get(name, name) for name in row.incentives]
        labelled.append(row)
    return labelled
