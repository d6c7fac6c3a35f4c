"""Rules for the test suite itself, checked like any other behaviour."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent

# Textual's private names some tests once reached for; each has a public way:
# Pilot.press names keys, App.export_screenshot draws the screen (dialogs
# included), and ui_helpers.make_app records notifications.
PRIVATE_NAMES = ("_compositor", "_notifications", "_character_to_key", "_background_screens")
PRIVATE = re.compile(
    r"(?<!\w)(" + "|".join(PRIVATE_NAMES) + r")\b"  # the names, not record_notifications
    r"|\btextual(\.\w+)*\._\w+"  # a private module: textual._styles_cache
    r"|from textual[\w.]* import [^\n]*\b_\w+"  # a private name imported
)


EXEMPT = {Path(__file__)}
"""This file names what it forbids."""


def _test_sources() -> list[Path]:
    return [path for path in sorted(TESTS.rglob("*.py")) if path not in EXEMPT]


def test_no_test_uses_textuals_private_names() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in _test_sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_the_rule_catches_what_it_names() -> None:
    for line in (
        "app.screen._compositor.render_update(full=True)",
        "screen_stack=app._background_screens",
        "[n.message for n in app._notifications]",
        "from textual.keys import _character_to_key",
        'sys.modules.get("textual._styles_cache")',
    ):
        assert PRIVATE.search(line), line
    for line in ("def record_notifications(app):", "from textual.keys import Keys"):
        assert not PRIVATE.search(line), line


def test_keys_are_pressed_through_pilot_steps() -> None:
    """``pilot_steps.press`` sends Pilot.press's events with one wait for idle a
    key, not two (a fifth of the UI tests' time); only the test that holds the
    two to the same events calls Pilot.press."""
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in _test_sources()
        if path.name != "test_ui_helpers.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "pilot.press(" in line
    ]
    assert found == []
