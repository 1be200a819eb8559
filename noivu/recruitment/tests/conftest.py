import pytest

from conftest import make_user
from noivu.core.permissions import Role


@pytest.fixture
def approver_a(tree):
    return make_user("approver_a", Role.APPROVER, tree["province_a"])
