"""The import graph keeps its layers: this test reads every module's imports and SQL strings.

- The library (``corpus`` → ``embeddings`` → ``compare``) imports no layer above it, never
  Streamlit, and never a shell.
- ``ui`` holds what the shells share; it imports no shell.
- No shell imports another: the corpus CLI, the compare CLI and the app each stand alone.
- ``compare`` shows its two halves: ``similarity`` (vectors, top-k, alignment, the matrix) and
  ``provisions`` (numbers, subsidies, targets) know nothing of each other or of what builds on
  them (``briefing``, ``instruments``).
- Only the ``corpus.store`` package (``corpus/store/``) speaks SQL: no module outside it imports
  sqlite3, touches a connection or holds an SQL statement; no shell imports numpy, scipy, jieba
  or sqlite3.
"""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHELLS = {
    "corpus CLI": ("corpus.cli", "corpus.cli_*", "corpus.__main__"),
    "compare CLI": ("compare.cli", "compare.cli_*", "compare.__main__"),
    "app": ("app", "app_pages"),
}
LIBRARY = ("corpus", "embeddings", "compare")  # in layer order: each may import only those before it
SQL = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+)", re.I | re.S
)


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _name(p): p for folder in (*LIBRARY, "ui", "app_pages") for p in sorted((ROOT / folder).rglob("*.py")) if ".venv" not in p.parts
} | {"app": ROOT / "app.py"}


def _within(module: str, prefix: str) -> bool:
    """``module`` is ``prefix`` (a name or a glob like ``compare.cli_*``) or inside it."""
    return fnmatch(module, prefix) or fnmatch(module, prefix + ".*")


def _shell_of(module: str) -> str | None:
    return next((name for name, prefixes in SHELLS.items() if any(_within(module, p) for p in prefixes)), None)


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (``from a import b`` gives a and a.b)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_the_modules_are_found() -> None:
    assert {"corpus.store", "corpus.store.documents", "embeddings.base", "compare.cli", "ui.console", "app_pages.corpus", "app"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _shell_of(m) is None and not m.startswith("ui")))
def test_the_library_imports_only_layers_below_it(module: str) -> None:
    layer = next(i for i, pkg in enumerate(LIBRARY) if _within(module, pkg))
    above = [*LIBRARY[layer + 1 :], "ui", "app_pages", "app", "streamlit"]
    bad = sorted(i for i in imports(MODULES[module]) if any(_within(i, a) for a in above) or _shell_of(i))
    assert bad == [], f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("ui")))
def test_ui_imports_no_shell(module: str) -> None:
    bad = sorted(i for i in imports(MODULES[module]) if _shell_of(i))
    assert bad == [], f"{module} imports {bad}"


HALVES = ("compare.similarity", "compare.provisions")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if any(_within(m, h) for h in HALVES)))
def test_the_two_halves_of_compare_stand_alone(module: str) -> None:
    own = next(h for h in HALVES if _within(module, h))
    bad = sorted(i for i in imports(MODULES[module]) if _within(i, "compare") and not _within(i, own))
    assert bad == [], f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _shell_of(m)))
def test_no_shell_imports_another_or_does_the_library_work(module: str) -> None:
    own = _shell_of(module)
    found = imports(MODULES[module])
    other = sorted(i for i in found if _shell_of(i) not in (None, own))
    assert other == [], f"{module} ({own}) imports another shell: {other}"
    heavy = sorted(i for i in found if i.split(".")[0] in {"numpy", "scipy", "jieba", "sqlite3"})
    assert heavy == [], f"{module} does library work itself: {heavy}"


STORE = "corpus.store"


def test_the_store_is_where_the_sql_is() -> None:
    """The check below exempts the store package's modules, which do hold the SQL, and no namesake."""
    inside = [m for m in MODULES if _within(m, STORE)]
    assert {"corpus.store", "corpus.store.documents", "corpus.store.policies"} <= set(inside)
    assert _sql_of(MODULES["corpus.store.documents"]) and _sql_of(MODULES["corpus.store.policies"])
    assert not _within("corpus.store_helpers", STORE) and not _within("corpus.stores", STORE)


def _sql_of(path: Path) -> list[str]:
    """The SQL statements a file holds as string constants (their first 60 characters)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value[:60] for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.search(n.value)]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not _within(m, STORE)))
def test_only_the_store_speaks_sql(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    statements = _sql_of(MODULES[module])
    connections = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in {"conn", "execute", "executemany"}]
    assert "sqlite3" not in imports(MODULES[module])
    assert statements == [] and connections == [], f"{module}: {statements or connections}"
