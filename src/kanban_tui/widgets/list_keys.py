"""The keys that move through a list, bound alike by the lists that each name
what they move over ("Next card", "Next row")."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def cursor_keys(noun: str) -> list[BindingType]:
    """Up, down, first, last and a page either way on the widget's ``cursor``,
    ``cursor_to`` and ``page`` actions, with the ``nav.*`` ids a keymap rebinds."""
    return [
        Binding("up,k", "cursor(-1)", f"Previous {noun}", show=False, id="nav.up"),
        Binding("down,j", "cursor(1)", f"Next {noun}", show=False, id="nav.down"),
        Binding("home,g", "cursor_to(0)", f"First {noun}", show=False, id="nav.first"),
        Binding("end,G", "cursor_to(-1)", f"Last {noun}", show=False, id="nav.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="nav.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="nav.page_down"),
    ]


def row_table_keys(*, down: str, up: str, top: str, bottom: str) -> list[BindingType]:
    """A ``DataTable``'s own keys, less the cell-cursor ones a list of rows has
    no use for; the words say where each goes (``down``: "Next card")."""
    return [
        Binding("enter", "select_cursor", "", show=False),  # the screen names it
        Binding("down,j", "cursor_down", down, show=False),
        Binding("up,k", "cursor_up", up, show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g,ctrl+home", "scroll_top", top, show=False),
        Binding("end,G,ctrl+end", "scroll_bottom", bottom, show=False),
    ]
