"""``?``: every key of the current screen, with what it does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from textual.actions import parse as parse_action
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import Static

from .base import Dialog

Section = tuple[str, list[tuple[str, str]]]


def binding_rows(
    app: App,
    nodes: Iterable[DOMNode],
    offered: Callable[[str, tuple[object, ...]], bool] | None = None,
) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of ``nodes``.

    Keys bound to the same action are shown together (``up k``); an action
    ``offered`` says no to (a change on a read-only board) is left out, as
    the footer leaves it out.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        for _key, binding in node._bindings:
            if binding.system or not binding.description:
                continue
            _, name, parameters = parse_action(binding.action)
            if offered is not None and not offered(name, parameters):
                continue
            # Each key as itself: key_display names only the first of a group.
            plain = replace(binding, key_display=None)
            # The tooltip is the longer wording; the footer has the short one.
            text = binding.tooltip or binding.description
            rows.setdefault((binding.action, text), []).append(app.get_key_display(plain))
    return [(" ".join(dict.fromkeys(keys)), text) for (_, text), keys in rows.items()]


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

    def _help_content(self) -> Content:
        width = max((len(keys) for _, rows in self.sections for keys, _ in rows), default=4)
        width = min(width, 22)
        lines: list[Content] = []
        for title, rows in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold $text-accent"))
            for keys, description in rows:
                lines.append(
                    Content.assemble(("  " + keys.ljust(width), "bold"), "  ", description)
                )
        for note in self.notes:
            lines.append(Content(""))
            lines.append(Content.styled(note, "$text-muted"))
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help", id="help"):
            yield Static(Content(self.heading), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._help_content(), id="help-text")
            yield Static(Content("esc close · ↑↓ scroll"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#help-body").focus()
