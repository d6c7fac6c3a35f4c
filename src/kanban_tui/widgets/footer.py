"""A footer that rebuilds itself only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                bound = not widget.has_class("-command-palette")
                compact = self.compact if bound else True
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
