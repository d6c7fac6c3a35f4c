"""The screens of the TUI, one package a feature.

The app knows them only by mode name: ``VIEWS`` makes a mode's screen,
importing its package the first time it is shown, which keeps the other
views' imports out of the time to the first board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def _board() -> Screen[Any]:
    from .board.screen import BoardScreen

    return BoardScreen()


def _sprint() -> Screen[Any]:
    from .sprint.screen import SprintScreen

    return SprintScreen()


def _backlog() -> Screen[Any]:
    from .backlog.screen import BacklogScreen

    return BacklogScreen()


def _risks() -> Screen[Any]:
    from .risks.screen import RiskScreen

    return RiskScreen()


def _reports() -> Screen[Any]:
    from .reports.screen import ReportsScreen

    return ReportsScreen()


def _activity() -> Screen[Any]:
    from .activity.screen import ActivityScreen

    return ActivityScreen()


def _archive() -> Screen[Any]:
    from .archive.screen import ArchiveScreen

    return ArchiveScreen()


VIEWS: dict[str, Callable[[], Screen[Any]]] = {
    "board": _board,
    "sprint": _sprint,
    "backlog": _backlog,
    "risks": _risks,
    "reports": _reports,
    "activity": _activity,
    "archive": _archive,
}
"""Each mode's screen, by the mode's name (the keys 1-6 switch to the first six in
this order; the Archive is ``A`` on the Board, Sprint and Backlog, and the palette)."""
