"""A footer that rebuilds itself only when the keys it shows change."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

KEPT = frozenset({"app.help", "app.quit", "help", "quit"})
"""Actions the footer never drops for room: ``? Help`` and ``q Quit``."""
DROPPED_FIRST = frozenset({"read_card"})
"""Actions whose keys leave first when room runs out (``enter Open``: a card
opens with a double-click too, and it is in ``?`` help)."""
PALETTE_WIDTH = 13
"""Cells the command palette's key takes at the right (``▏^p palette``)."""


def _key_width(key: FooterKey) -> int:
    """Cells a footer key takes: `` n `` and ``New ``."""
    description = cell_len(key.description) + 1 if key.description else 0
    return cell_len(key.key_display) + 2 + description


def fit_keys(widgets: list[Widget], width: int) -> list[Widget]:
    """The footer's widgets without the screen's last keys that would push
    ``? Help`` and ``q Quit`` out of ``width`` cells (they stay in ``?``
    help and the palette). A binding group (its keys and label) goes whole."""
    units: list[list[Widget]] = []
    for widget in widgets:
        if isinstance(widget, FooterLabel) and units and isinstance(units[-1][0], KeyGroup):
            units[-1].append(widget)
        else:
            units.append([widget])

    def size(unit: list[Widget]) -> int:
        total = 0
        for widget in unit:
            if isinstance(widget, FooterKey):
                if not widget.has_class("-command-palette"):
                    total += _key_width(widget)
            elif isinstance(widget, KeyGroup):
                keys = [k for k in widget._pending_children if isinstance(k, FooterKey)]
                total += sum(cell_len(k.key_display) + 1 for k in keys) + 1
            elif isinstance(widget, FooterLabel):
                total += cell_len(str(widget.content)) + 1
        return total

    def kept(unit: list[Widget]) -> bool:
        first = unit[0]
        return isinstance(first, FooterKey) and (
            first.action in KEPT or first.has_class("-command-palette")
        )

    def first_to_go(unit: list[Widget]) -> bool:
        first = unit[0]
        return isinstance(first, FooterKey) and first.action in DROPPED_FIRST

    room = width - PALETTE_WIDTH
    while sum(size(unit) for unit in units) > room:
        droppable = [index for index, unit in enumerate(units) if not kept(unit)]
        if not droppable:
            break
        early = [index for index in droppable if first_to_go(units[index])]
        del units[(early or droppable)[-1]]
    return [widget for unit in units for widget in unit]


class QuietFooter(Footer):
    """Textual's Footer recomposes on every focus change; on the board that is
    every card move (focus follows the card), and a recompose costs tens of
    milliseconds. The keys only change when an action becomes (un)available.

    A screen may say its keys are not worth showing yet with a
    ``footer_ready`` attribute (False while its first read is under way,
    when every key that needs the data would be shown dimmed, then shown
    again a moment later): the footer stays empty until it is True and the
    screen refreshes its bindings.
    """

    _shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if not getattr(screen, "footer_ready", True):
            return
        # While the app is blurred Textual's footer draws nothing (a page of
        # `kanban serve` starts so): the keys count as shown only once focused.
        if self.is_attached and screen is self.screen and self.app.app_focus:
            shown = tuple(
                (key, active.binding.description, active.enabled)
                for key, active in screen.active_bindings.items()
                if active.binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, each made in the compact style it will show.

        A FooterKey starts compact (``compact = reactive(True)``, whose
        watcher sets the ``-compact`` class on mount) and most are then
        bound to the footer's ``compact`` (False), which takes the class off
        again: two restyles a key each time the footer is built. Here the
        value and the class are set before the key is mounted, so neither
        watcher changes anything. The command palette's key is not bound: it
        stays compact, FooterKey's default. (FooterKey is not exported by
        ``textual.widgets``; it lives in the module Footer does.)
        """
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):
                bound = not widget.has_class("-command-palette")
                compact = self.compact if bound else True
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
        self._composed_width = self.app.size.width
        kept = fit_keys(widgets, self._composed_width)
        self.styles.grid_size_columns = max(len(kept), 1)
        yield from kept

    _composed_width = 0

    def on_resize(self) -> None:
        # Which keys fit depends on the width.
        if self.app.size.width != self._composed_width and self._shown is not None:
            self.refresh(recompose=True)
