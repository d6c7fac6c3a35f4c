"""What a page of ``kanban serve`` is: the TUI in a process of its own,
started by textual-serve with Textual's web driver, told by the server
whether it may change the board.

Nothing here loads a web library: every page's process reads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""What textual-serve puts in ``TEXTUAL_DRIVER`` for the process of a page."""

WRITES_VARIABLE = "KANBAN_SERVE_WRITES"
"""Set to ``1`` by ``kanban serve --allow-writes`` for its pages; absent, a page is read-only."""

ACTOR_PREFIX = "web:"
"""Changes made from a page are logged as the serving user, so prefixed."""

READ_ONLY = (
    "This page is read-only: kanban serve was started without --allow-writes, "
    "so changes are made in the terminal."
)
"""The sentence a change asked of a read-only page is refused with."""

NO_FILES = (
    "Export and import read and write files on the server, so a browser page "
    "cannot; run `kanban export` or `kanban import` on the server instead."
)
"""The palette's "Export board…" and "Import…" on a page."""


def in_browser(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this process is a page: textual-serve runs it with the web driver."""
    environ = os.environ if environ is None else environ
    return environ.get("TEXTUAL_DRIVER", "") == WEB_DRIVER


def writes_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the server that started this page allows changes (``--allow-writes``)."""
    environ = os.environ if environ is None else environ
    return environ.get(WRITES_VARIABLE, "") == "1"


def page_actor(user: str) -> str:
    """Who a page's changes are logged as: ``web:`` and the serving user."""
    return user if user.startswith(ACTOR_PREFIX) else f"{ACTOR_PREFIX}{user}"
