"""Views, endpoints and dashboard cards read scoped models only through their restricted manager.

Every ``views.py``, ``api.py`` and ``cards.py`` under ``noivu/`` is parsed; a call ``X.objects.<method>``
on a scoped model ``X`` must be ``restrict(user, action)`` or, for a deliberate read of everything,
``unrestricted()``. Models that belong to a user rather than to a unit (jobs, API tokens, grants, saved
filters) have no ``restrict`` and are read by owner; they are not checked here.
"""

import ast
import importlib
from pathlib import Path

import noivu

ALLOWED = {"restrict", "unrestricted"}
ROOT = Path(noivu.__file__).parent
CHECKED = ("views.py", "api.py", "cards.py")


def _modules() -> list[Path]:
    return sorted(path for name in CHECKED for path in ROOT.rglob(name) if "tests" not in path.parts)


def _manager_calls(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(model name, method, line) of every ``Name.objects.method`` in ``tree``."""
    return [
        (node.value.value.id, node.attr, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "objects"
        and isinstance(node.value.value, ast.Name)
    ]


def _is_scoped(module: object, name: str) -> bool:
    model = getattr(module, name, None)
    return hasattr(getattr(model, "objects", None), "restrict")


def test_every_read_of_a_scoped_model_goes_through_restrict_or_says_unrestricted() -> None:
    offences = []
    for path in _modules():
        module = importlib.import_module(".".join(path.relative_to(ROOT.parent).with_suffix("").parts))
        for name, method, line in _manager_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if method not in ALLOWED and _is_scoped(module, name):
                offences.append(f"{path.relative_to(ROOT.parent)}:{line}: {name}.objects.{method}")
    advice = "read scoped models through .restrict(user, action) or .unrestricted():\n"
    assert offences == [], advice + "\n".join(offences)


def test_the_check_sees_the_modules_and_catches_an_unrestricted_read() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in _modules()}
    assert {"personnel/records/views.py", "personnel/records/api.py", "personnel/cards.py"} <= names
    calls = _manager_calls(ast.parse("Person.objects.filter(pk=1)\nPerson.objects.restrict(user).get(pk=1)"))
    assert calls == [("Person", "filter", 1), ("Person", "restrict", 2)]
