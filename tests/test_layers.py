"""The layers stay apart: the core runs without the UI, the rules without the ORM.

Each check imports every module of the layers in a fresh interpreter and looks
at ``sys.modules``, so an import anywhere in the chain is caught.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
    ui = {"app", "screens", "widgets", "dialogs", "cli", "__main__"}
    assert {m for m in modules if m.startswith("kanban_tui.") and m.split(".")[1] in ui} == set()


def test_the_domain_imports_neither_the_orm_nor_textual() -> None:
    loaded, modules = imported_by("kanban_tui.domain")
    assert "kanban_tui.domain.validation" in loaded
    assert roots(modules, "sqlmodel", "sqlalchemy", "pydantic", "textual") == set()
    assert {m for m in modules if m.startswith("kanban_tui.")} == {
        m for m in modules if m.startswith("kanban_tui.domain")
    }
