"""The ``/`` field above a list: it narrows the list as you type.

One widget for every screen that filters (Board, Sprint, Backlog, Risks,
Activity); what the text means is the screen's business. The field stays
hidden until :meth:`FilterBar.open`; ``enter`` keeps the filter (and hides an
empty field), ``esc`` is the screen's clear-filter key.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    """Posts :class:`FilterChanged` at every keystroke and :class:`FilterClosed`
    when ``enter`` leaves the field (the screen puts focus back on its list)."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        margin: 0 1;
        background: $boost;
        &.-hidden {
            display: none;
        }
    }
    """

    class FilterChanged(Message):
        """The text of the filter changed ("" when cleared)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class FilterClosed(Message):
        """``enter`` left the field; the filter stays as typed."""

    def __init__(self, placeholder: str, *, id: str = "filter") -> None:
        super().__init__(placeholder=placeholder, id=id, classes="-hidden", compact=True)

    @property
    def engaged(self) -> bool:
        """Whether there is something for ``esc`` to clear: text, focus, or the field shown."""
        return bool(self.value) or self.has_focus or not self.has_class("-hidden")

    def open(self) -> None:
        """Show the field and type into it.

        Focus moves now, not after the keys already queued (``Widget.focus``
        waits its turn behind them): ``/done`` arriving in one burst, as over
        SSH, is typed into the field, not run as the board's ``d``, ``n``, ``e``.
        """
        self.remove_class("-hidden")
        self.screen.set_focus(self)

    def reset(self) -> None:
        """Empty and hide the field (a :class:`FilterChanged` with "" follows)."""
        self.value = ""
        self.add_class("-hidden")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.add_class("-hidden")
        self.post_message(self.FilterClosed())
