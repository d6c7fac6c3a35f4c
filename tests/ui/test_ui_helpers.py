"""The Pilot helpers read what a person would: checked on a tiny app of known content."""

from __future__ import annotations

import string

import headless_frames
import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, Static
from ui_helpers import press, screen_text, type_text

# Every key Textual names (a letter or digit is its own name), and a few others;
# Pilot.press gives no character for punctuation beyond ASCII ("–").
TYPED = string.punctuation + " aZ9éß中"


class Keys(Static, can_focus=True):
    """Records every key event it gets: its name (what bindings see) and character."""

    def __init__(self) -> None:
        super().__init__("keys")
        self.seen: list[tuple[str, str | None]] = []

    def on_key(self, event: events.Key) -> None:
        self.seen.append((event.key, event.character))


class Known(App[None]):
    CSS = "Static { height: 1; } Input { border: none; height: 1; }"

    def compose(self) -> ComposeResult:
        yield Static("a & b <x>  [not markup]", markup=False)
        yield Static("中文 wide|")
        yield Static("")
        yield Input(id="typed")
        yield Keys()


async def test_screen_text_keeps_columns_and_typing_reaches_the_input() -> None:
    app = Known()
    async with app.run_test(size=(30, 6)) as pilot:
        app.query_one(Input).focus()
        await type_text(pilot, "Hi, @bob #1 (ok?) - end!")
        assert app.query_one(Input).value == "Hi, @bob #1 (ok?) - end!"
        lines = screen_text(app).split("\n")
        assert len(lines) == 6 and all(len(line) == 30 for line in lines[:1] + lines[2:])
        assert lines[0] == "a & b <x>  [not markup]".ljust(30)
        # A wide character takes two cells: the bar is drawn in column 9, as it shows.
        assert lines[1] == "中文 wide|".ljust(28)
        assert lines[2] == " " * 30
        assert "Hi, @bob #1 (ok?) - end!" in lines[3]


NAMED = ("enter", "escape", "ctrl+s", "space", "backspace", "plus", "shift+left", "f5")


async def test_press_and_type_text_send_the_key_events_pilot_press_sends() -> None:
    app = Known()
    async with app.run_test(size=(30, 6)) as pilot:
        keys = app.query_one(Keys)
        keys.focus()
        await pilot.press(*NAMED, *TYPED)
        pressed, keys.seen = keys.seen, []
        assert len(pressed) == len(NAMED) + len(TYPED)
        assert [char for _, char in pressed[len(NAMED) :]] == list(TYPED)
        await press(pilot, *NAMED, *TYPED)
        assert keys.seen == pressed
        keys.seen = []
        await type_text(pilot, TYPED)
        assert keys.seen == pressed[len(NAMED) :]


class Breaks(Static):
    """Draws until told to break, then raises as it draws."""

    DEFAULT_CSS = "Breaks { width: 10; height: 1; }"  # no measuring: only a frame draws it
    broken = False

    def render(self) -> str:
        if self.broken:
            raise RuntimeError("drawn broken")
        return "fine"


class Breaking(App[None]):
    def compose(self) -> ComposeResult:
        yield Breaks()


async def test_a_widget_that_cannot_be_drawn_fails_its_test_without_a_look() -> None:
    """Frames are not rendered in tests (headless_frames), but the screen a
    test leaves is: a drawing error is not lost for want of a screen_text."""
    app = Breaking()
    with pytest.raises(RuntimeError, match="drawn broken"):
        async with app.run_test(size=(20, 3)) as pilot:
            widget = app.query_one(Breaks)
            widget.broken = True
            widget.refresh()
            await pilot.pause()


async def test_a_widget_broken_after_the_last_look_still_fails_its_test() -> None:
    """The end of a test draws the screen again unless its last look already
    drew it as it is: a change after that look is drawn, and its error raised."""
    app = Breaking()
    with pytest.raises(RuntimeError, match="drawn broken"):
        async with app.run_test(size=(20, 3)) as pilot:
            await pilot.pause()
            assert "fine" in screen_text(app)
            widget = app.query_one(Breaks)
            widget.broken = True
            widget.refresh()
            await pilot.pause()


async def test_a_test_whose_last_look_drew_the_screen_is_not_drawn_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[App[None]] = []
    monkeypatch.setattr(headless_frames, "draw", drawn.append)
    app = Breaking()
    async with app.run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        screen_text(app)
    assert drawn == []
    other = Breaking()
    async with other.run_test(size=(20, 3)) as pilot:
        await pilot.pause()
    assert drawn == [other]
