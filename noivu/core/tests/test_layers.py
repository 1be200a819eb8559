"""The layers of the architecture, read from the source: ``core`` imports no other ``noivu`` app;
``accounts`` and ``organizations`` import only ``core``; nothing imports ``reports``.

An app extends another by registering with it (``noivu.core.extensions``), never by being imported
from below. Modules are parsed, not imported, so a lazy import inside a function counts too.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parent
# The bottom layers and the apps each may import besides itself.
ALLOWED = {"core": set(), "accounts": {"core"}, "organizations": {"core"}}


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def _is_test(path: Path) -> bool:
    return "tests" in path.relative_to(PACKAGE).parts


def imported_modules(path: Path) -> set[str]:
    """Dotted names of the modules ``path`` imports, relative imports resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _apps(names: set[str]) -> set[str]:
    return {name.split(".")[1] for name in names if name.startswith("noivu.")}


def violations(path: Path) -> list[str]:
    """The imports of ``path`` that break a layer rule."""
    parts = path.relative_to(PACKAGE).parts
    app = parts[0] if len(parts) > 1 else None
    imported = imported_modules(path)
    found = []
    if app != "reports":
        found += [name for name in imported if name == "noivu.reports" or name.startswith("noivu.reports.")]
    if app in ALLOWED and not _is_test(path):
        # Project modules (noivu.api, noivu.urls) sit above every app: they count as forbidden too.
        forbidden = _apps(imported) - ALLOWED[app] - {app}
        found += [name for name in imported if _apps({name}) & forbidden]
    return sorted(set(found))


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_module_imports_only_lower_layers(path: Path):
    assert violations(path) == []


def test_the_check_sees_what_it_must(tmp_path, monkeypatch):
    fake = tmp_path / "noivu"
    (fake / "core").mkdir(parents=True)
    (fake / "organizations" / "tests").mkdir(parents=True)
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    samples = {
        "core/views.py": "def view():\n    from noivu.personnel.models import Person\n",
        "core/forms.py": "from noivu.core.models import RuleRow\nfrom . import text\n",
        "organizations/views.py": "from noivu import personnel\n",
        "organizations/models.py": "from ..core.models import EffectiveDated\n",
        "organizations/tests/test_views.py": "from noivu.personnel.models import Person\n",
        "organizations/cards.py": "import noivu.reports.views\n",
    }
    for name, text in samples.items():
        (fake / name).write_text(text)
    assert violations(fake / "core/views.py") == ["noivu.personnel.models", "noivu.personnel.models.Person"]
    assert violations(fake / "core/forms.py") == []
    assert violations(fake / "organizations/views.py") == ["noivu.personnel"]
    assert violations(fake / "organizations/models.py") == []
    assert violations(fake / "organizations/tests/test_views.py") == []
    assert violations(fake / "organizations/cards.py") == ["noivu.reports.views"]
