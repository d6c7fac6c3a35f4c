"""Notifications that never sit over a dialog, and never twice at once.

Mixed into the app. A toast is drawn in the bottom-right corner of the top
screen; at 80x24 a dialog reaches that corner, and a toast there covers its
buttons or its question. So while a dialog is open no toast is drawn: one
on screen when it opens is hidden until it closes (shown again if its time
has not run out), and one raised meanwhile (a live update, a write finishing
in the background) waits and is shown, in full, once the dialog is gone. A
dialog says its own refusals in place, above or under its fields.

The same message raised again while it is still shown (two live updates
naming the same card, a key pressed twice) replaces the one on screen,
which starts its time again, instead of stacking a copy under it.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification, Notifications, Notify
from textual.screen import ModalScreen
from textual.widgets._toast import ToastRack  # as textual.app imports it


def same(one: Notification, other: Notification) -> bool:
    return (one.message, one.title, one.severity) == (other.message, other.title, other.severity)


class Notices(App[Any]):
    """Holds notifications while a dialog is open; shows each message once."""

    _held: list[Notification]

    def _dialog_open(self) -> bool:
        try:
            return isinstance(self.screen, ModalScreen)
        except Exception:  # no screen yet (starting) or none left (exiting)
            return False

    def _on_notify(self, event: Notify) -> None:
        # Runs before App._on_notify, which adds the notification and shows it.
        held = self.__dict__.setdefault("_held", [])
        notification = event.notification
        if self._dialog_open():
            event.prevent_default()  # App._on_notify does not run
            held[:] = [n for n in held if not same(n, notification)]
            held.append(notification)
            return
        for shown in list(self._notifications):
            if same(shown, notification):
                self._unnotify(shown, refresh=False)

    def _refresh_notifications(self) -> None:
        # Called whenever a screen comes to the top or a notification comes
        # or goes. Over a dialog, no rack shows a toast: not the dialog's, nor
        # the screen's under it, which shows through around the dialog.
        if self._dialog_open():
            for screen in self.screen_stack:
                for rack in screen.query(ToastRack):
                    self.call_later(rack.show, Notifications())
            return
        # A dialog closing shows what waited for it, each for its full time.
        held = self.__dict__.get("_held")
        if held:
            self._held = []
            for waiting in held:
                self.post_message(
                    Notify(
                        Notification(
                            waiting.message,
                            waiting.title,
                            waiting.severity,
                            waiting.timeout,
                            markup=waiting.markup,
                        )
                    )
                )
        super()._refresh_notifications()
