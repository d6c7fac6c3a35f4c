"""Check boxes and radio buttons whose state reads without colour.

Textual draws both as a coloured block around one fixed character (``X`` for
a check box, ``●`` for a radio button), on or off: only the colour tells
them apart, so an unchecked box still shows ``X``. These draw ``[x]`` / ``[ ]``
and ``(•)`` / ``( )``; every dialog uses them instead of Textual's.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


def toggle_mark(on: bool, marks: tuple[str, str]) -> str:
    """The mark for a toggle that is ``on`` or not: ``marks`` is (off, on)."""
    return marks[1] if on else marks[0]


class StateCheckbox(Checkbox):
    """A check box drawn ``[x]`` when checked and ``[ ]`` when not."""

    MARKS: ClassVar[tuple[str, str]] = ("[ ]", "[x]")

    @property
    def _button(self) -> Content:
        return Content.styled(
            toggle_mark(self.value, self.MARKS), self.get_visual_style("toggle--button")
        )


class StateRadioButton(RadioButton):
    """A radio button drawn ``(•)`` when chosen and ``( )`` when not."""

    MARKS: ClassVar[tuple[str, str]] = ("( )", "(•)")

    @property
    def _button(self) -> Content:
        return Content.styled(
            toggle_mark(self.value, self.MARKS), self.get_visual_style("toggle--button")
        )
