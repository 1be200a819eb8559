"""Protection of personal data in personnel records (bảo vệ dữ liệu cá nhân, Nghị định 13/2023/NĐ-CP).

Only users granted ``Action.VIEW_PERSONAL_DATA`` over a person's unit see the full identification
number, addresses, contact details, family members, health and personal history; everyone else who
may view the record sees them masked (:mod:`noivu.personnel.masking`). Name, birth date, gender,
ethnicity, religion, career and salary stay visible: the sector's statistics and personnel decisions
rest on them.
"""

from typing import Any

from noivu.core.permissions import Action, can
from noivu.personnel.models import Person


def personal_data_visible(user: Any, person: Person) -> bool:
    """Whether ``user`` may see the personal data of ``person`` unmasked."""
    return can(user, Action.VIEW_PERSONAL_DATA, person)
