"""The column header's text (one function for every screen): the counts and
the limit give way last, the points first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from kanban_tui.widgets.column_title import count_forms, header_text

names = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30)


def test_the_points_go_before_the_counts():
    assert header_text("To Do", 17, 5, 30, extra="55 pt") == ("To Do 17/5 ▲", "55 pt")
    assert header_text("To Do", 17, 5, 16, extra="55 pt") == ("To Do 17/5 ▲", "")
    assert header_text("In Progress", 3, 3, 12) == ("In Prog… 3/3", "")


def test_the_sprint_counts_its_own_cards_beside_the_wip_count():
    assert header_text("In Progress", 3, 3, 40, own=1) == ("In Progress 1 · WIP 3/3", "")
    assert header_text("In Progress", 3, 3, 17, own=1)[0] == "In Pro… 1·WIP 3/3"
    assert header_text("In Progress", 3, 3, 8, own=1)[0] == "In… 3/3"
    assert header_text("Done", 6, None, 20, own=6, extra="17 pt") == ("Done 6", "17 pt")


def test_counts_past_a_thousand_read_as_every_other_count():
    """As the status line and the Backlog write them: ``25,000``."""
    assert header_text("To Do", 25_000, None, 30) == ("To Do 25,000", "")
    assert header_text("To Do", 1_200, 1_000, 30, shown=1_001)[0] == "To Do 1,001 of 1,200/1,000 ▲"
    assert header_text("Done", 5, 3, 40, own=1_500)[0] == "Done 1,500 · WIP 5/3 ▲"


@given(
    name=names,
    count=st.integers(0, 10_000),
    limit=st.none() | st.integers(1, 999),
    own=st.none() | st.integers(0, 999),
    points=st.integers(1, 99_999),
    width=st.integers(1, 60),
)
def test_the_counts_are_never_cut_while_points_show(name, count, limit, own, points, width):
    left, right = header_text(name, count, limit, width, own=own, extra=f"{points} pt")
    forms = count_forms(count, limit, own)
    assert cell_len(left) + (cell_len(right) + 2 if right else 0) <= width
    if right:
        # Points shown: the longest form of the counts is there, whole.
        assert left.endswith(" " + forms[0])
    if width >= cell_len(forms[-1]) + 2:
        # Room for the shortest form and a letter of the name: counts whole.
        assert any(left.endswith(" " + form) for form in forms), (left, forms)


def test_with_a_filter_every_header_says_how_many_match():
    assert header_text("In Progress", 3, 3, 40, shown=1) == ("In Progress 1 of 3/3", "")
    # Where "3/3  1 shown" did not fit, the name gives way, not the match count.
    assert header_text("In Progress", 3, 3, 17, shown=1)[0] == "In Prog… 1 of 3/3"
    assert header_text("Backlog", 2, None, 14, shown=0)[0] == "Backlog 0 of 2"
    assert header_text("Backlog", 2, None, 12, shown=0)[0] == "Back… 0 of 2"


@given(
    name=names,
    count=st.integers(0, 10_000),
    limit=st.none() | st.integers(1, 999),
    shown=st.integers(0, 999),
    width=st.integers(1, 60),
)
def test_the_match_count_stays_while_the_counts_do(name, count, limit, shown, width):
    left, right = header_text(name, count, limit, width, shown=shown)
    assert cell_len(left) <= width and right == ""
    last = count_forms(count, limit)[-1]
    if width >= cell_len(f"{shown} of {last}") + 2:
        assert f" {shown} of " in left, left


async def test_a_filtered_board_counts_matches_in_every_column(ctx, board) -> None:
    from ui_helpers import make_app, press, screen_text, settle, type_text

    from kanban_tui.services import cards

    cards.add_card(ctx, "WEB", "Login page", column="In Progress")
    cards.add_card(ctx, "WEB", "Signup page", column="In Progress")
    cards.add_card(ctx, "WEB", "Footer", column="To Do")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "login")
        await settle(pilot)
        header = screen_text(app).splitlines()[2]
        for counts in ("0 of 1", "1 of 2/3", "0 of 0/2", "0 of 0"):
            assert counts in header, header


def test_a_sprint_column_over_its_limit_keeps_both_counts():
    """``Testing 3/2 ▲`` over "No cards" contradicted itself: the sprint count stays."""
    assert header_text("Testing", 3, 2, 15, own=0)[0] == "Te… 0·WIP 3/2 ▲"
    assert header_text("Testing", 3, 2, 21, own=0)[0] == "Testing 0 · WIP 3/2 ▲"
    assert header_text("Testing", 3, 2, 11, own=0)[0] == "0·WIP 3/2 ▲"


@given(
    name=names,
    count=st.integers(0, 10_000),
    limit=st.integers(1, 999),
    own=st.integers(0, 999),
    width=st.integers(1, 60),
)
def test_a_sprint_header_keeps_both_counts_wherever_they_fit(name, count, limit, own, width):
    left, _ = header_text(name, count, limit, width, own=own)
    spaced, bare, _ = count_forms(count, limit, own)
    assert cell_len(left) <= width
    if width >= cell_len(bare):
        assert left == bare or left.endswith((" " + bare, " " + spaced)), left
    if width >= cell_len(spaced) + 1 + min(cell_len(name), 6):
        assert left.endswith(" " + spaced), left
