"""A card's discussion and its blocked mark: one transaction and one event
each, refusals change nothing, stale writes are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storehelp import events, raw

from kanban_tui.domain.activity import describe
from kanban_tui.domain.errors import InvalidInput, NotFound, RuleViolation, StaleChange
from kanban_tui.domain.model import Board
from kanban_tui.services import Context, cards, comments


def test_comments_read_oldest_first_with_who_and_when(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "Login")
    before = len(events(ctx))
    first = comments.add_comment(ctx, card.key, "  Needs the API first  ")
    bob = replace(ctx, actor="bob")
    comments.add_comment(bob, "web-1", "On it\nsince Monday")
    found = comments.comments(ctx, "WEB-1")
    assert [(c.author, c.text) for c in found] == [
        ("alice", "Needs the API first"),
        ("bob", "On it\nsince Monday"),
    ]
    assert found[0] == first
    assert found[0].at == ctx.clock()
    logged = events(ctx)[before:]
    assert [(e["key"], e["action"], e["actor"]) for e in logged] == [
        ("WEB-1", "commented", "alice"),
        ("WEB-1", "commented", "bob"),
    ]
    assert logged[0]["data"] == {"text": "Needs the API first"}
    assert describe("card", "WEB-1", "commented", logged[1]["data"]) == (
        "commented on WEB-1: On it since Monday"
    )


def test_a_long_comment_is_kept_whole_and_logged_by_its_start(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "Login")
    text = "word " * 500
    comments.add_comment(ctx, "WEB-1", text)
    assert comments.comments(ctx, "WEB-1")[0].text == text.strip()
    logged = events(ctx)[-1]["data"]["text"]
    assert len(logged) == comments.LOGGED_TEXT and logged.endswith("…")


def test_a_refused_comment_writes_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "Login")
    before = len(events(ctx))
    with pytest.raises(InvalidInput):
        comments.add_comment(ctx, "WEB-1", "   ")
    with pytest.raises(InvalidInput):
        comments.add_comment(ctx, "WEB-1", "bell\x07")
    with pytest.raises(NotFound):
        comments.add_comment(ctx, "WEB-9", "hello")
    assert len(events(ctx)) == before
    assert raw(ctx.db.path, "SELECT count(*) FROM comment") == [(0,)]


def test_deleting_a_card_deletes_its_comments(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "Login")
    comments.add_comment(ctx, "WEB-1", "hello")
    cards.delete_card(ctx, "WEB-1")
    assert raw(ctx.db.path, "SELECT count(*) FROM comment") == [(0,)]


def test_block_and_unblock_are_one_event_each(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "Login")
    before = len(events(ctx))
    blocked = cards.block_card(ctx, card.key, " Waiting for CI ", expected_version=card.version)
    assert blocked.blocked == "Waiting for CI"
    assert blocked.version == card.version + 1
    unblocked = cards.unblock_card(ctx, card.key, expected_version=blocked.version)
    assert unblocked.blocked is None
    logged = events(ctx)[before:]
    assert [describe(e["entity"], e["key"], e["action"], e["data"]) for e in logged] == [
        "blocked WEB-1: Waiting for CI",
        "unblocked WEB-1",
    ]


def test_blocking_refusals_change_nothing(ctx: Context, board: Board) -> None:
    card = cards.add_card(ctx, "WEB", "Login")
    before = len(events(ctx))
    with pytest.raises(InvalidInput, match="A reason is required to block a card."):
        cards.block_card(ctx, card.key, "  ")
    with pytest.raises(InvalidInput, match="one line"):
        cards.block_card(ctx, card.key, "two\nlines")
    with pytest.raises(RuleViolation, match="^WEB-1 is not blocked.$"):
        cards.unblock_card(ctx, card.key)
    cards.edit_card(ctx, card.key, {"title": "Login page"})
    with pytest.raises(StaleChange):
        cards.block_card(ctx, card.key, "CI", expected_version=card.version)
    assert len(events(ctx)) == before + 1
    assert cards.get_card(ctx, card.key).blocked is None


def test_blocking_again_with_the_same_reason_writes_nothing(ctx: Context, board: Board) -> None:
    cards.add_card(ctx, "WEB", "Login")
    cards.block_card(ctx, "WEB-1", "CI")
    before = len(events(ctx))
    cards.block_card(ctx, "WEB-1", "CI")
    assert len(events(ctx)) == before
    cards.block_card(ctx, "WEB-1", "Design")
    assert events(ctx)[-1]["data"] == {"blocked": {"before": "CI", "after": "Design"}}
