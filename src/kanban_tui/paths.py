"""Where files live: the default database, the config file, small per-user state.

Nothing here imports Textual or the ORM, so the command line stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

APP_NAME = "kanban"


def default_db_path() -> Path:
    """``KANBAN_DB`` if set, else ``kanban.db`` in the user data directory."""
    override = os.environ.get("KANBAN_DB", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kanban.db"


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def _state_path() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "state.json"


def _read_state() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_board(db_path: Path) -> str | None:
    """The board this user last opened in that database file, if any."""
    entry = _read_state().get("last_board", {})
    value = entry.get(str(Path(db_path).resolve())) if isinstance(entry, dict) else None
    return value if isinstance(value, str) else None


def remember_board(db_path: Path, board_key: str) -> None:
    """Remember the opened board; failing to write this is never an error."""
    state = _read_state()
    boards = state.setdefault("last_board", {})
    boards[str(Path(db_path).resolve())] = board_key
    path = _state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
