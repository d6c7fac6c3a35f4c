"""The line at the top of a screen: which board, which view, what is filtered."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from .text import fit, one_line


class TopBar(Widget):
    """``WEB  Website relaunch · Board`` on the left, the filter state on the right."""

    DEFAULT_CSS = """
    TopBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, view: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.board_key = ""
        self.board_name = ""
        self.status = ""

    def update(self, *, key: str | None = None, name: str | None = None, status: str | None = None):
        if key is not None:
            self.board_key = key
        if name is not None:
            self.board_name = name
        if status is not None:
            self.status = status
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        key = one_line(self.board_key)
        status = fit(one_line(self.status), max(width // 2, 0))
        room = width - len(key) - len(self.view) - len(status) - 6
        name = fit(one_line(self.board_name), room) if room > 3 else ""
        left = Content.assemble(
            (key, "bold $text-accent"),
            ("  " + name if name else "", "bold"),
            (" · ", "$text-muted"),
            (self.view, "$text-muted"),
        )
        gap = width - left.cell_length - len(status)
        if gap < 1:
            return left
        return Content.assemble(left, " " * gap, (status, "$text-muted"))
