"""One way to write a date, a count and a control character, in the TUI and the CLI."""

from __future__ import annotations

from datetime import date

from kanban_tui.cli.output import fit as cli_fit
from kanban_tui.cli.output import safe as cli_safe
from kanban_tui.formatting import (
    CONTROLS,
    DISGUISES,
    date_range,
    day_text,
    due_mark,
    plural,
    short_date,
)
from kanban_tui.widgets.text import fit as tui_fit
from kanban_tui.widgets.text import safe as tui_safe


def test_dates_read_day_then_month_in_english() -> None:
    assert short_date(date(2026, 11, 22)) == "22 Nov"
    assert date_range(date(2026, 11, 22), date(2026, 12, 5)) == "22 Nov – 5 Dec"
    assert date_range(date(2026, 12, 29), date(2027, 1, 9)) == "29 Dec 2026 – 9 Jan 2027"
    assert date_range(None, date(2026, 12, 5)) == "no dates"


def test_counts_agree_with_their_noun() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(0, "card") == "0 cards"
    assert plural(2, "card") == "2 cards"
    assert plural(1250, "card") == "1,250 cards"


def test_the_cli_and_the_tui_neutralise_the_same_characters() -> None:
    for code in (*CONTROLS, *DISGUISES):
        char = chr(code)
        assert char not in cli_safe(f"a{char}b"), hex(code)
        assert char not in tui_safe(f"a{char}b"), hex(code)


def test_due_marks_name_the_day_and_a_year_only_when_not_this_one() -> None:
    today = date(2026, 11, 25)
    assert day_text(date(2026, 12, 5), today) == "5 Dec"
    assert day_text(date(2027, 1, 5), today) == "5 Jan 2027"
    assert due_mark(date(2026, 12, 5), today, overdue=False) == "due 5 Dec"
    assert due_mark(date(2026, 11, 23), today, overdue=True) == "overdue 23 Nov"
    assert due_mark(date(2025, 12, 30), today, overdue=True) == "overdue 30 Dec 2025"


def test_the_cli_and_the_tui_cut_text_to_the_same_cells() -> None:
    """One cut (``formatting.fit``), each side counting cells its own way: a
    wide character is two cells to both, and the ellipsis takes the last."""
    for text, cells, cut in (
        ("Fix the login page", 8, "Fix the…"),
        ("日本語テキスト", 5, "日本…"),
        ("日本語", 6, "日本語"),
        ("héllo", 3, "hé…"),
    ):
        assert cli_fit(text, cells) == tui_fit(text, cells) == cut
    assert tui_fit("abc", 0) == ""  # a widget with no room draws nothing
