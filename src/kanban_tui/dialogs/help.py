"""``?``: every key of the current screen, with what it does.

Only this app's keys are listed, each once: the bindings Textual declares
for its own widgets (``tab`` focus next, ``ctrl+c`` copy, a table's cursor
keys …) are left out, and a key an earlier row names (the focused widget's,
then the screen's, then the app's: the order Textual looks a key up in) is
not named again. A description that wraps goes on under itself, not under
the keys.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from textual.actions import parse as parse_action
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from .base import Dialog

Section = tuple[str, list[tuple[str, str]]]

PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
"""Textual adds the palette's key itself; it is this app's key all the same."""


def _textual_bindings(node: DOMNode) -> set[tuple[str, str]]:
    """(key, action) of every binding Textual's own classes declare for ``node``."""
    declared: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("textual."):
            continue
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
            declared.add((binding.key, binding.action))
    return declared


def is_generic(node: DOMNode, binding: Binding) -> bool:
    """Whether ``binding`` is one Textual gives every app (not one of ours)."""
    if binding.action in PALETTE_ACTIONS or binding.id is not None:
        return False
    return (binding.key, binding.action) in _textual_bindings(node)


def binding_rows(
    app: App,
    nodes: Iterable[DOMNode],
    offered: Callable[[str, tuple[object, ...]], bool] | None = None,
    taken: set[str] | None = None,
) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of ``nodes``.

    Keys bound to the same action are shown together (``up k``); an action
    ``offered`` says no to (a change on a read-only board) is left out, as
    the footer leaves it out, and so is Textual's generic binding. A key
    already in ``taken`` (named by an earlier row or section) is not named
    again; the keys named here are added to it.
    """
    taken = set() if taken is None else taken
    rows: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        for _key, binding in node._bindings:
            if binding.system or not binding.description or is_generic(node, binding):
                continue
            _, name, parameters = parse_action(binding.action)
            if offered is not None and not offered(name, parameters):
                continue
            # Each key as itself: key_display names only the first of a group.
            shown = app.get_key_display(replace(binding, key_display=None))
            if shown in taken:
                continue
            taken.add(shown)
            # The tooltip is the longer wording; the footer has the short one.
            text = binding.tooltip or binding.description
            rows.setdefault((binding.action, text), []).append(shown)
    return [(" ".join(dict.fromkeys(keys)), text) for (_, text), keys in rows.items()]


def help_lines(sections: Sequence[Section], notes: Sequence[str], width: int) -> list[Content]:
    """The help as lines no wider than ``width``.

    A key's description wraps under itself (a hanging indent past the keys);
    a note wraps under its text, past its ``Label:``.
    """
    keys_width = max((len(keys) for _, rows in sections for keys, _ in rows), default=4)
    keys_width = min(keys_width, 22)
    indent = 2 + keys_width + 2
    lines: list[Content] = []
    for title, rows in sections:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold $text-accent"))
        for keys, description in rows:
            if len(keys) > keys_width:  # a long key list has a line of its own
                lines.append(Content.styled("  " + keys, "bold"))
                keys = ""
            wrapped = textwrap.wrap(description, max(width - indent, 12)) or [""]
            lines.append(
                Content.assemble(("  " + keys.ljust(keys_width), "bold"), "  ", wrapped[0])
            )
            lines.extend(Content(" " * indent + more) for more in wrapped[1:])
    for note in notes:
        lines.append(Content(""))
        label, colon, rest = note.partition(": ")
        hang = len(label) + 2 if colon and len(label) <= 12 else 0
        wrapped = textwrap.wrap(
            note,
            max(width, 20),
            subsequent_indent=" " * hang,
        )
        lines.extend(Content.styled(line, "$text-muted") for line in wrapped)
    return lines


class HelpText(Widget):
    """The help's lines, wrapped for the width it is given."""

    DEFAULT_CSS = """
    HelpText { height: auto; }
    """

    def __init__(self, sections: Sequence[Section], notes: Sequence[str], id: str) -> None:
        super().__init__(id=id)
        self.sections = sections
        self.notes = notes

    def content(self, width: int) -> Content:
        return Content("\n").join(help_lines(self.sections, self.notes, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(help_lines(self.sections, self.notes, width))

    def render(self) -> Content:
        return self.content(self.size.width or 80)


class HelpDialog(Dialog[None]):
    """Lists the screen's keys in sections; any of esc, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,q", "cancel", "Close", key_display="?", id="help.close"),
    ]

    def __init__(self, title: str, sections: Sequence[Section], notes: Sequence[str] = ()) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.sections = sections
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help", id="help"):
            yield Static(Content(self.heading), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield HelpText(self.sections, self.notes, id="help-text")
            yield Static(Content("esc close · ↑↓ scroll"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#help-body").focus()
