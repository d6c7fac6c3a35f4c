"""A footer that rebuilds itself only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's Footer recomposes on every focus change; on the board that is
    every card move (focus follows the card), and a recompose costs tens of
    milliseconds. The keys only change when an action becomes (un)available.
    """

    _shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            shown = tuple(
                (key, active.binding.description, active.enabled)
                for key, active in screen.active_bindings.items()
                if active.binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
