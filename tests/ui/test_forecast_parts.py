"""The parts of the forecast work in the TUI: a card's age mark (plain data), the sprint
fit's words, thin history in the W dialog, the working days from the palette."""

from __future__ import annotations

from datetime import date

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui.domain.model import Card, Priority
from kanban_tui.services import boards
from kanban_tui.widgets.card_lines import card_lines, compact_lines

TODAY = date(2026, 11, 25)


def make(**fields) -> Card:
    return Card(id=1, board_key="WEB", column_id=1, column="Doing", rank=1, title="t", number=3,
                **fields)  # fmt: skip


def marks(lines) -> list[tuple[str, str]]:
    return [part for part in lines[-1][0] if part[1].startswith("age")]


def test_the_age_and_the_stale_sign():
    assert marks(card_lines(make(points=3), 30, "me", age=(4, False))) == [("4d", "age")]
    assert marks(card_lines(make(), 30, "me", age=(9, True))) == [("▲9d", "age-stale")]
    assert marks(card_lines(make(), 30, "me")) == []  # not in progress: no age
    # A compact card: the age comes after the due mark; a stale card too
    # narrow for its days keeps its sign, before the assignee.
    card = make(points=3, assignee="bob", due=date(2026, 11, 20))
    for width in range(14, 30):
        for age in ((9, False), (9, True)):
            lines = compact_lines(card, width, "me", today=TODAY, age=age)
            text = "".join(text for text, _ in lines[1][0])
            assert "overdue" in text and ("▲" in text) is age[1], (width, lines)
    narrow = compact_lines(card, 21, "me", today=TODAY, age=(9, True))
    assert [part for part in narrow[1][0] if part[1].startswith("age")] == [("▲", "age-stale")]


def test_a_full_card_keeps_its_stale_sign_beside_a_due_mark():
    # The Board at 100x30: a card overdue and past the 85th percentile showed
    # "=  3  overdue 28 Nov" and no ▲ (the due mark took the room).
    overdue = make(points=3, priority=Priority.MEDIUM, due=date(2026, 11, 20))
    later = make(points=3, priority=Priority.MEDIUM, due=date(2026, 12, 27))
    for card in (overdue, later):
        for width in range(16, 30):  # the Board's narrowest full card is wider
            parts = card_lines(card, width, "me", today=TODAY, age=(17, True))[3][0]
            assert [p for p in parts if p[1] == "age-stale"], (width, parts)
            assert sum(len(text) for text, _ in parts) <= width
        wide = card_lines(card, 40, "me", today=TODAY, age=(17, True))[3][0]
        assert ("▲17d", "age-stale") in wide and any(p[1].startswith("due") for p in wide)
    at_100 = card_lines(overdue, 23, "me", today=TODAY, age=(7, True))[3][0]
    assert [p for p in at_100 if p[1]] == [
        ("=", "priority-medium"),
        (" 3 ", "points"),
        ("overdue", "due-overdue"),
        ("▲7d", "age-stale"),
    ]
    fresh = card_lines(overdue, 23, "me", today=TODAY, age=(2, False))[3][0]
    assert ("overdue 20 Nov", "due-overdue") in fresh  # a young card: the date stays


async def test_a_board_without_finishes_says_there_is_no_history(ctx):
    boards.create_board(ctx, "WEB", "Web")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "the column To Do" in text and "No history yet" in text and "50%" not in text


def test_the_sprint_fit_words():
    from kanban_tui.widgets.backlog_rows import likely_parts

    assert likely_parts((0.853, 0.4)) == (
        [("  85% likely", "points"), (" · by points 40%", "over")],
        [("  85% likely", "points")],
    )
    assert likely_parts((None, None))[0] == [("  too little history to forecast", "velocity")]


async def test_working_days_from_the_palette(ctx):
    from ui_helpers import notifications, type_text

    from kanban_tui.dialogs.risk_prompts import PromptDialog
    from kanban_tui.services import forecast

    boards.create_board(ctx, "WEB", "Web")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Set working days")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "sun-funday")
        await press(pilot, "enter")
        assert "'funday' is not a day of the week" in screen_text(app)  # checked in place
        for _ in "sun-funday":
            await press(pilot, "backspace")
        await type_text(pilot, "sun-thu")
        await press(pilot, "enter")
        await settle(pilot)
        assert forecast.working_days(ctx, "WEB").working == frozenset({6, 0, 1, 2, 3})
        assert "WEB works mon,tue,wed,thu,sun from now on." in notifications(app)


def test_the_ageing_and_throughput_axes_meet_at_the_corner():
    """The x axis starts at the corner, as the other charts draw it (it began
    two cells on, leaving a gap after ``└``)."""
    from kanban_tui.domain.ageing import AgedCard, Ageing, Lines, Throughput, Week
    from kanban_tui.widgets.forecast_charts import draw_ageing, draw_throughput

    ageing = Ageing(
        ("Doing",), (AgedCard("WEB-1", "t", "Doing", 4, False),), Lines(3, 5, 12), TODAY, 1
    )
    weeks = tuple(Week(TODAY, count) for count in (2, 0, 3))
    for canvas in (draw_ageing(ageing, 40, 12), draw_throughput(Throughput(weeks), 40, 12)):
        (base,) = [canvas.line(y) for y in range(canvas.height) if "└" in canvas.line(y)]
        corner = base.index("└")
        assert base[corner:] == "└" + "─" * (canvas.width - corner - 1)
