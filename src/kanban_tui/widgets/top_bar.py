"""The line at the top of a screen: which board, which view, what is filtered."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from .text import fit, one_line

READ_ONLY = "read-only"


class TopBar(Widget):
    """``WEB  Website relaunch · Board`` on the left, the filter state on the right.

    An overdue active sprint's flag (sprint rule 7, see :meth:`show_flag`)
    stands on the right, in the error colour, before anything but the board
    key and the view's name. A database the user may not write
    (``read_only``) is marked ``read-only`` beside the view's name. The screen
    sets both.
    """

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
        self.flag = ""
        self.read_only = False
        """The database file is read-only for this user (changes are refused)."""

    def show_flag(self, flag: str) -> None:
        """Show the overdue-sprint sentence ("" takes it away)."""
        self.flag = flag
        self.set_class(bool(flag), "-flagged")
        self.tooltip = flag or None
        self.refresh()

    def update(
        self, *, key: str | None = None, name: str | None = None, status: str | None = None
    ) -> None:
        before = (self.board_key, self.board_name, self.status)
        if key is not None:
            self.board_key = key
        if name is not None:
            self.board_name = name
        if status is not None:
            self.status = status
        if (self.board_key, self.board_name, self.status) != before:
            self.refresh()  # unchanged (a move's "42 cards"): no repaint

    def render(self) -> Content:
        if self.flag:
            return self._render_flagged()
        width = self.content_size.width
        key = one_line(self.board_key)
        status = fit(one_line(self.status), max(width // 2, 0))
        room = width - len(key) - len(self.view) - len(status) - 6
        room -= len(READ_ONLY) + 3 if self.read_only else 0
        name = fit(one_line(self.board_name), room) if room > 3 else ""
        left = self._left(key, name)
        gap = width - left.cell_length - len(status)
        if gap < 1:
            return left
        return Content.assemble(left, " " * gap, (status, "$text-muted"))

    def _left(self, key: str, name: str) -> Content:
        return Content.assemble(
            (key, "bold $text-accent"),
            ("  " + name if name else "", "bold"),
            (" · ", "$text-muted"),
            (self.view, "$text-muted"),
            (f" · {READ_ONLY}" if self.read_only else "", "bold $text-warning"),
        )

    def _render_flagged(self) -> Content:
        width = self.content_size.width
        key = one_line(self.board_key)
        head = len(key) + 3 + len(self.view) + (len(READ_ONLY) + 3 if self.read_only else 0)
        flag = fit("⚠ " + one_line(self.flag), max(width - head - 2, 0))
        room = width - head - len(flag) - 4
        # The status whole or not at all; the board's name takes what is left.
        status = one_line(self.status)
        status = status if len(status) + 2 <= room // 2 else ""
        room -= len(status) + 2 if status else 0
        name = fit(one_line(self.board_name), room) if room > 3 else ""
        left = self._left(key, name)
        right = Content.assemble(
            (status + "  " if status else "", "$text-muted"), (flag, "bold $text-error")
        )
        gap = width - left.cell_length - right.cell_length
        return Content.assemble(left, " " * max(gap, 1), right)
