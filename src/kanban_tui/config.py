"""User settings: a small TOML file in the platformdirs config directory.

Reading never fails: a missing, unreadable or malformed file, or a value of
the wrong type, gives the default for that setting. ``KANBAN_<NAME>``
environment variables override the file (``KANBAN_THEME=nord``).
Nothing here imports Textual, so the command line can read settings cheaply.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from . import paths

ENV_PREFIX = "KANBAN_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Config:
    """Settings the TUI reads at start-up."""

    theme: str = "textual-dark"
    """A Textual theme name; the command palette's theme command changes and saves it."""
    cursor_blink: bool = True
    """Blink the text cursor in inputs (tests turn it off for stable snapshots)."""
    animations: bool = True
    """Smooth scrolling and other animations."""
    card_layout: str = "auto"
    """Board and Sprint cards: ``compact`` (two lines), ``full`` (four), or
    ``auto`` (compact on a terminal under 30 rows); ``z`` switches and saves it."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. ``{"card.delete" = "delete"}``: rebinds a key."""


def _coerce(name: str, value: Any, default: Any) -> Any:
    """``value`` if it has the type of ``default`` (or parses to it), else ``default``."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        return default
    if isinstance(default, dict):
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}
        return default
    if isinstance(default, str):
        return value.strip() if isinstance(value, str) and value.strip() else default
    return default


def load(path: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """The settings from ``path`` (the user's config file by default) and the environment."""
    path = path or paths.config_path()
    environ = dict(os.environ) if environ is None else environ
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    defaults = Config()
    values: dict[str, Any] = {}
    for spec in fields(Config):
        default = getattr(defaults, spec.name)
        value = _coerce(spec.name, data.get(spec.name, default), default)
        env = environ.get(ENV_PREFIX + spec.name.upper())
        if env is not None and not isinstance(default, dict):
            value = _coerce(spec.name, env, value)
        values[spec.name] = value
    return Config(**values)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    # A JSON string literal is a valid TOML basic string: quotes, backslashes
    # and control characters come out escaped.
    return json.dumps(str(value), ensure_ascii=False)


def dumps(config: Config) -> str:
    """The TOML text for ``config``: flat keys first, then tables."""
    lines = ["# kanban settings; see `kanban --help`", ""]
    tables: list[str] = []
    for spec in fields(Config):
        value = getattr(config, spec.name)
        if isinstance(value, dict):
            if value:
                tables.append(f"[{spec.name}]")
                tables.extend(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in value.items())
        else:
            lines.append(f"{spec.name} = {_toml_value(value)}")
    return "\n".join(lines + ([""] + tables if tables else [])) + "\n"


def save(config: Config, path: Path | None = None) -> bool:
    """Write ``config`` atomically; returns False (and keeps the old file) on failure."""
    path = path or paths.config_path()
    try:
        paths.make_folders(path.parent)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(dumps(config), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True


def remember_theme(theme: str, path: Path | None = None) -> bool:
    """Save a theme pick, keeping the file's other settings (not the environment's)."""
    current = load(path, environ={})
    return save(replace(current, theme=theme), path)


CARD_LAYOUTS = ("auto", "compact", "full")


def card_layout(config: Config) -> str:
    """The config's card layout, ``auto`` for a value it does not know."""
    return config.card_layout if config.card_layout in CARD_LAYOUTS else "auto"


def remember_card_layout(layout: str, path: Path | None = None) -> bool:
    """Save the ``z`` choice (compact or full), keeping the file's other settings."""
    current = load(path, environ={})
    return save(replace(current, card_layout=layout), path)
