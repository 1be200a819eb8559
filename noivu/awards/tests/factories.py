"""Shared makers of the awards tests."""

from noivu.accounts.models import User
from noivu.awards import actions
from noivu.awards.models import CouncilSession


def seat_council(session: CouncilSession, user: User, *, written: int = 0, absent: int = 0) -> None:
    """Name every member of ``session``'s council: a chair, then members, the last ``absent`` absent and
    the ``written`` before them absent with an opinion in writing."""
    for number in range(session.members):
        from_end = session.members - number
        attendance = (
            "absent" if from_end <= absent else "written" if from_end <= absent + written else "present"
        )
        actions.do_add_council_member(
            session=session,
            name=f"Thành viên {number + 1}",
            role="chair" if number == 0 else "member",
            attendance=attendance,
            acting_user=user,
        )
