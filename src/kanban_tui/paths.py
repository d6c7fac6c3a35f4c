"""Where files live: the default database, the config file, small per-user state.

Nothing here imports Textual or the ORM, so the command line stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from .domain.errors import InvalidInput
from .storage.server_url import ServerUrl, looks_like_url
from .storage.sqlite_file import make_folders

APP_NAME = "kanban"


Location = Path | ServerUrl
"""A board file, or a database on a PostgreSQL server."""


def default_db_path() -> Location:
    """``KANBAN_DB`` if set, else ``kanban.db`` in the user data directory."""
    override = os.environ.get("KANBAN_DB", "")
    if override.strip():  # set but empty means unset, as usual for variables
        return db_location(override, "KANBAN_DB")
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kanban.db"


def db_location(text: str, source: str = "--db") -> Location:
    """A ``postgresql://`` URL as a server, anything else as a file name."""
    if looks_like_url(text.strip()):
        return ServerUrl.parse(text.strip(), source)
    return db_file(text, source)


def db_file(text: str, source: str = "--db", *, utf8: bool = True) -> Path:
    """The database file a person named, or one sentence on why it cannot be one.

    SQLite gives some names a meaning of its own: ``:memory:`` and ``""`` are
    databases that vanish when the command ends, and ``file:...`` is a URI
    with options. Such a board would be lost without a word, so they are
    refused, as are names that cannot be what was meant. ``utf8=False``
    lets through names that are bytes (a backup file; SQLAlchemy, which opens
    the database itself, takes only text).
    """
    if not text.strip():
        raise InvalidInput(f"{source} needs a file name (got an empty one).")
    if text.strip() == ":memory:" or text.startswith("file:"):
        raise InvalidInput(
            f"{source} {text!r} is a name SQLite reads as an in-memory or URI database, "
            "which would lose the board; give a file path such as ./board.db."
        )
    if "\0" in text or (utf8 and not _encodable(text)):
        raise InvalidInput(f"{source} {text!r} is not a valid file name (it is not UTF-8).")
    expanded = os.path.expanduser(text)  # leaves ~nobody-such as it is (Path raises)
    if expanded.startswith("~"):
        user = text[1:].split("/", 1)[0]
        raise InvalidInput(f"{source} {text!r} starts with ~{user}, but there is no user {user}.")
    path = Path(expanded)
    if _dangling(path):
        raise InvalidInput(
            f"{source} {text!r} is a symbolic link to {os.readlink(path)}, which is missing."
        )
    return path


def _dangling(path: Path) -> bool:
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # a folder on the way we may not enter: opening it will say so
        return False


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes from argv arrive as surrogates
        return False
    return True


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


def _state_key(location: Location) -> str:
    if isinstance(location, ServerUrl):
        return location.display  # never the password
    return str(Path(location).resolve())


def last_board(db_path: Location) -> str | None:
    """The board this user last opened in that database, if any."""
    entry = _read_state().get("last_board", {})
    value = entry.get(_state_key(db_path)) if isinstance(entry, dict) else None
    return value if isinstance(value, str) else None


def remember_board(db_path: Location, board_key: str) -> None:
    """Remember the opened board; failing to write this is never an error."""
    state = _read_state()
    boards = state.setdefault("last_board", {})
    boards[_state_key(db_path)] = board_key
    path = _state_path()
    try:
        make_folders(path.parent)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
