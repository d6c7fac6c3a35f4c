"""The one shape of this package's widget messages: the widget that sent it,
as the ``control`` that ``@on(Message, "#id")`` selectors match, plus the
message's own fields (a dataclass, Textual's own form of a message)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.message import Message
from textual.widget import Widget

W = TypeVar("W", bound=Widget)


@dataclass
class WidgetMessage(Message, Generic[W]):
    """A message from ``widget``; subclasses add their fields after it."""

    widget: W

    @property
    def control(self) -> W:
        return self.widget
