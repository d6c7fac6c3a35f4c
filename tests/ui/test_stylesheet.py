"""The app's CSS is parsed again only when a theme changes what it means."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet
from ui_helpers import make_app, press, settle


@pytest.fixture
def full_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each call of Textual's own whole-stylesheet parse (``Stylesheet.reparse``)."""
    calls: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return calls


async def test_views_shown_the_first_time_do_not_parse_all_the_css_again(
    demo_board, ctx, full_parses
):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for view in "234561":
            await press(pilot, view)
            await settle(pilot)
        # The snapshot tests show each view still styled as before.
        assert full_parses == []


async def test_a_theme_change_parses_again_and_restyles(demo_board, ctx, full_parses):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = app.screen.styles.background
        app.theme = "textual-light"
        await settle(pilot)
        assert full_parses
        assert app.screen.styles.background != before
        assert app.screen.styles.background == app.current_theme.to_color_system().background
