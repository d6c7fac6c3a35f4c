"""The layers stay apart: the core runs without the UI, the rules without the ORM,
and the TUI's imports run one way (docs/architecture.md).

The first checks import every module of the layers in a fresh interpreter and
look at ``sys.modules``, so an import anywhere in the chain is caught. The
others read every import statement of the package and check the graph: which
layer may import which, and no cycle anywhere.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import importlib, json, pkgutil, sys
loaded = []
for package in {packages!r}:
    module = importlib.import_module(package)
    loaded.append(package)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
print(json.dumps({{"loaded": loaded, "modules": sorted(sys.modules)}}))
"""


def imported_by(*packages: str) -> tuple[list[str], set[str]]:
    """(modules of ``packages`` imported, every module then in sys.modules)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(packages=list(packages))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return data["loaded"], set(data["modules"])


def roots(modules: set[str], *names: str) -> set[str]:
    return {module for module in modules if module.split(".")[0] in names}


@pytest.fixture(scope="module")
def core() -> tuple[list[str], set[str]]:
    return imported_by("kanban_tui.domain", "kanban_tui.storage", "kanban_tui.services")


def test_the_core_imports_no_textual(core) -> None:
    loaded, modules = core
    assert {"kanban_tui.domain.wip", "kanban_tui.storage.database"} <= set(loaded)
    assert "kanban_tui.services.cards" in loaded
    assert "sqlmodel" in modules  # the probe did load the storage layer
    assert roots(modules, "textual") == set()
    # The PostgreSQL driver is loaded only when a postgresql:// database is opened.
    assert "kanban_tui.storage.postgres" in loaded
    assert roots(modules, "psycopg", "psycopg_binary") == set()
    assert "sqlalchemy.dialects.postgresql" not in modules  # 20 ms a command, if it were
    ui = {"app", "screens", "widgets", "dialogs", "cli", "__main__"}
    assert {m for m in modules if m.startswith("kanban_tui.") and m.split(".")[1] in ui} == set()


def test_the_domain_imports_neither_the_orm_nor_textual() -> None:
    loaded, modules = imported_by("kanban_tui.domain")
    assert "kanban_tui.domain.validation" in loaded
    assert roots(modules, "sqlmodel", "sqlalchemy", "pydantic", "textual") == set()
    assert {m for m in modules if m.startswith("kanban_tui.")} == {
        m for m in modules if m.startswith("kanban_tui.domain")
    }


# -- the import graph of the whole package ---------------------------------------------
# Read from the source (every import statement, in TYPE_CHECKING blocks and
# function bodies too), so a rule holds for what a reader sees, not only for
# what happens to run. docs/architecture.md draws the same layers.

SRC = Path(__file__).resolve().parent.parent / "src" / "kanban_tui"

LAYERS = {
    "domain": "domain",
    "storage": "storage",
    "services": "services",
    "formatting": "formatting",
    "cli": "cli",
    "widgets": "widgets",
    "dialogs": "dialogs",
    "screens": "screens",
    "app": "app",
    "live": "app",
    "sprint_flag": "app",
}
"""The layer of each top-level module or package of kanban_tui (others: "other")."""


def module_name(path: Path) -> str:
    parts = ["kanban_tui", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return LAYERS.get(parts[1], "other") if len(parts) > 1 else "other"


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                # ``from . import config`` imports a module; ``from .x import y`` a name of x.
                child = f"{origin}.{alias.name}"
                found.add(child if child in known else origin)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    """Each module of kanban_tui -> every module it imports (ours and others')."""
    paths = {module_name(path): path for path in SRC.rglob("*.py")}
    known = set(paths)
    return {
        module: _imports(ast.parse(path.read_text()), module, path.name == "__init__.py", known)
        for module, path in paths.items()
    }


def ours(imported: set[str]) -> set[str]:
    return {module for module in imported if module.startswith("kanban_tui.")}


def offences(graph: dict[str, set[str]], source: str, banned: set[str]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, imported in graph.items()
        if layer(module) == source
        for target in ours(imported)
        if layer(target) in banned
    )


def test_the_graph_sees_the_imports(graph) -> None:
    assert "kanban_tui.screens.board.screen" in graph
    assert "kanban_tui.widgets.column" in graph["kanban_tui.screens.board.view"]
    assert "kanban_tui.config" in graph["kanban_tui.app"]  # from . import config as ...
    assert "textual.widget" in graph["kanban_tui.widgets.column"]


def test_widgets_know_nothing_of_screens_dialogs_or_the_app(graph) -> None:
    banned = {"screens", "dialogs", "app", "services", "storage", "cli"}
    assert offences(graph, "widgets", banned) == []


def test_dialogs_know_nothing_of_screens_or_the_app(graph) -> None:
    assert offences(graph, "dialogs", {"screens", "app", "cli", "storage"}) == []


def test_screens_never_import_the_app(graph) -> None:
    assert offences(graph, "screens", {"app", "cli"}) == []


def test_the_tui_reaches_the_data_through_the_services(graph) -> None:
    for source in ("widgets", "dialogs", "screens", "app"):
        assert offences(graph, source, {"storage"}) == []


def test_the_app_knows_screens_only_by_mode_name(graph) -> None:
    """The app imports the registry of modes and the screens' base class, no screen."""
    allowed = {"kanban_tui.screens", "kanban_tui.screens.base"}
    reached = {
        f"{module} imports {target}"
        for module, imported in graph.items()
        if layer(module) == "app"
        for target in ours(imported)
        if layer(target) == "screens" and target not in allowed
    }
    assert reached == set()


def test_the_core_and_the_formatting_import_no_ui(graph) -> None:
    ui = {"cli", "widgets", "dialogs", "screens", "app"}
    for source in ("domain", "storage", "services", "formatting"):
        assert offences(graph, source, ui) == []
    formatting = graph["kanban_tui.formatting"]
    assert {m for m in formatting if m.split(".")[0] in ("textual", "rich", "sqlmodel")} == set()
    assert ours(formatting) == set()


def test_no_import_cycle_anywhere(graph) -> None:
    edges = {module: ours(imported) & set(graph) for module, imported in graph.items()}
    assert find_cycles(edges) == []


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return cycles


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(edges) == [["a", "b", "c"]]
