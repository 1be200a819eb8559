"""Protection of personal data in personnel records (bảo vệ dữ liệu cá nhân, Nghị định 13/2023/NĐ-CP).

Only users granted ``Action.VIEW_PERSONAL_DATA`` over a person's unit see the full identification
number, addresses, contact details, family members, health and personal history; everyone else who
may view the record sees them masked (:mod:`noivu.personnel.masking`). Name, birth date, gender,
ethnicity, religion, career and salary stay visible: the sector's statistics and personnel decisions
rest on them. Pages, API, exports and the CV all decide through this module (for lists, through
:class:`noivu.personnel.records.presenters.PersonPresenter`).
"""

from typing import Any

from noivu.core.permissions import Action, path_allows
from noivu.personnel.models import Person


def visible_at(user: Any, path: str) -> bool:
    """Whether ``user`` sees unmasked the personal data of persons of the unit at tree ``path``; no
    query once the user's grants are cached, so a list decides row by row."""
    return path_allows(user, Action.VIEW_PERSONAL_DATA, path)


def personal_data_visible(user: Any, person: Person) -> bool:
    """Whether ``user`` may see the personal data of ``person`` unmasked (by the person's current unit)."""
    return visible_at(user, person.organization.path)
