"""The app's CSS is parsed again only when a theme changes what it means."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Label
from ui_helpers import make_app, press, settle

from kanban_tui import stylesheet
from kanban_tui.stylesheet import SteadyStylesheet
from kanban_tui.widgets.backlog_list import PlanList
from kanban_tui.widgets.card_list import CardList


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


@pytest.fixture
def no_matches_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process has matched no node against the stylesheet yet (an earlier
    test's app left its matches for the next app)."""
    monkeypatch.setattr(stylesheet, "_MATCHED", {})


@pytest.fixture
def parts_styled(monkeypatch: pytest.MonkeyPatch, no_matches_yet: None) -> list[str]:
    """The component classes Textual styles (``Stylesheet.apply`` on the plain
    ``DOMNode`` it makes for each part of a widget), by class."""
    styled: list[str] = []
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: DOMNode, **options: Any) -> None:
        if type(node) is DOMNode:
            styled.extend(node.classes)
        apply(self, node, **options)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return styled


async def test_views_shown_parse_no_css_again_and_shown_again_style_no_parts_again(
    demo_board, ctx, full_parses, parts_styled
):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for view in "234561":
            await press(pilot, view)
            await settle(pilot)
        # The snapshot tests show each view still styled as before.
        assert full_parses == []
        assert "card-list--key" in parts_styled and "plan-list--cursor" in parts_styled
        parts_styled.clear()
        for view in "234561":  # each view restyles all it shows, as Textual does
            await press(pilot, view)
            await settle(pilot)
        assert parts_styled == []


async def test_a_theme_change_gives_the_parts_the_new_themes_colours(demo_board, ctx):
    def card_parts(app: App) -> list[Any]:
        cards = app.screen.query(CardList).first()
        return [cards.get_visual_style(f"card-list--{part}") for part in ("card", "key", "cursor")]

    other = make_app(ctx)
    async with other.run_test(size=(100, 30)) as pilot:
        other.theme = "dracula"
        await settle(pilot)
        dracula = card_parts(other)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme != "dracula" and app.current_theme.dark  # dark to dark: no class changes
        before = card_parts(app)
        app.theme = "dracula"
        await settle(pilot)
        assert card_parts(app) == dracula != before


async def test_a_part_styled_by_the_widgets_focus_follows_it(demo_board, ctx):
    """The Backlog's cursor is the accent colour only while the list has the
    focus (``PlanList:focus > .plan-list--cursor``): the parts are styled again
    when a pseudo-class a rule names changes, and not otherwise."""
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "3")
        await settle(pilot)
        plan = app.screen.query_one(PlanList)
        assert plan.has_focus
        focused = plan.get_visual_style("plan-list--cursor")
        await press(pilot, "slash")  # the filter takes the focus
        await settle(pilot)
        assert not plan.has_focus
        assert plan.get_visual_style("plan-list--cursor") != focused
        await press(pilot, "escape")
        await settle(pilot)
        assert plan.has_focus
        assert plan.get_visual_style("plan-list--cursor") == focused


async def test_the_boards_columns_share_the_styles_worked_out_once(
    demo_board, ctx, monkeypatch, no_matches_yet
):
    """The columns differ only by their ids, which no rule names: the first
    column and its card list's parts are matched against the stylesheet, the
    other three take what they came to; and an app started again takes them all."""
    matched: list[str] = []
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: DOMNode, **options: Any) -> None:
        matched.extend(node.classes if type(node) is DOMNode else [type(node).__name__])
        apply(self, node, **options)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(app.screen.query(CardList)) == 4
        assert matched.count("ColumnView") == 1
        assert matched.count("CardList") == 1
        assert matched.count("card-list--key") == 1
    matched.clear()
    again = make_app(ctx)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(again.screen.query(CardList)) == 4
        # Not the app node: it is styled once as the app starts, against the
        # rules in force at that moment, and whether the board's widgets have
        # added theirs by then depends on how the screen's mounting and the
        # app's start interleave (seen under load: 3 runs of the UI tests in
        # about 12 found the app node matched once more in the second app).
        assert [name for name in matched if name != "KanbanApp"] == []


class Part(Widget):
    COMPONENT_CLASSES = {"part--mark"}
    can_focus = True


class PartsApp(App[None]):
    CSS = """
    Part { height: 1; }
    Part > .part--mark { color: red; }
    #second > .part--mark { color: blue; }
    Part.done > .part--mark { color: green; }
    Part:focus > .part--mark { color: yellow; }
    #second { height: 2; }
    Part.done { height: 3; }
    Part:focus { height: 4; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.stylesheet = SteadyStylesheet(variables=self.get_css_variables())

    def compose(self) -> ComposeResult:
        yield Part(id="first")
        yield Part(id="second")
        yield Part(id="third", classes="done")
        yield Part(id="fourth")


async def test_parts_reused_only_where_no_id_class_or_pseudo_class_tells_them_apart():
    app = PartsApp()
    async with app.run_test(size=(20, 6)) as pilot:
        app.set_focus(None)
        await pilot.pause()

        def marks() -> list[str]:
            return [part.get_component_styles("part--mark").color.hex for part in app.query(Part)]

        def heights() -> list[int]:
            return [part.styles.height.value for part in app.query(Part)]

        assert marks() == ["#FF0000", "#0000FF", "#008000", "#FF0000"]
        assert heights() == [1, 2, 3, 1]
        app.set_focus(app.query_one("#fourth"))
        await pilot.pause()
        assert marks() == ["#FF0000", "#0000FF", "#008000", "#FFFF00"]
        assert heights() == [1, 2, 3, 4]


class SiblingsApp(App[None]):
    """Rules that depend on siblings, with a hidden sibling (found by a review:
    asking every node of a path about ``:even`` changed what ``:first-child``
    answered, and an ``:odd`` asked early was kept after a sibling was hidden)."""

    CSS = """
    #h1 { visibility: hidden; }
    .gone { visibility: hidden; }
    Label:first-child { color: red; }
    Screen:even Label { text-style: bold; }
    Label.q:odd { background: green; }
    .never:odd > Label { text-style: italic; }
    """

    def __init__(self, steady: bool) -> None:
        super().__init__()
        if steady:
            self.stylesheet = SteadyStylesheet(variables=self.get_css_variables())

    def compose(self) -> ComposeResult:
        with Vertical(id="first"):
            yield Label("h1", id="h1")
            yield Label("a", id="a")
            yield Label("b", id="b")
        with Vertical(id="second"):
            yield Label("c", id="c")
            yield Label("d", id="d")
            yield Label("e", id="e")


async def styled_by_siblings(steady: bool) -> list[tuple[str, ...]]:
    app = SiblingsApp(steady)
    seen: list[tuple[str, ...]] = []
    async with app.run_test(size=(20, 10)) as pilot:
        await pilot.pause()
        for step in (None, ("#c", "gone"), ("#d", "q"), ("#e", "q")):
            if step is not None:
                app.query_one(step[0]).add_class(step[1])
                await pilot.pause()
            seen.append(
                tuple(
                    f"{label.id} {label.styles.color.hex} {label.styles.background.hex}"
                    for label in app.query(Label)
                )
            )
    return seen


async def test_rules_that_depend_on_siblings_style_as_textual_does():
    assert await styled_by_siblings(steady=True) == await styled_by_siblings(steady=False)
