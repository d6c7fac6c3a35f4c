"""The palette's "Export board…" and "Import…" (issue 11, point 7): the same
file as `kanban export`, the same import and summary as `kanban import`."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from big_export import big_export
from import_fixtures import FIXTURES, needs_fixtures
from textual.widgets import Input, ProgressBar, Static
from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.dialogs.transfer import ProgressDialog
from kanban_tui.domain.import_summary import summary_lines
from kanban_tui.screens.base import read_only_sentence
from kanban_tui.services import Context, boards, cards, export
from kanban_tui.services.export_csv import cards_csv
from kanban_tui.services.export_markdown import export_markdown
from kanban_tui.services.import_trello import preview_trello
from kanban_tui.storage.database import Database


async def _palette(pilot, text: str) -> None:
    await press(pilot, "ctrl+p")
    await type_text(pilot, text)
    await settle(pilot)
    await press(pilot, "enter")
    await settle(pilot)


async def _answer(pilot, text: str) -> None:
    await press(pilot, "ctrl+a", "ctrl+k")
    await type_text(pilot, text)
    await press(pilot, "enter")
    await settle(pilot)


async def test_export_from_the_palette_writes_what_kanban_export_writes(
    ctx: Context, board, tmp_path: Path
) -> None:
    cards.add_card(ctx, "WEB", "Login page")
    target = tmp_path / "web.json"
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Export board")
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one("#answer", Input).value == "~/WEB-export.json"
        await _answer(pilot, str(target))
        assert not isinstance(app.screen, PromptDialog)
    assert target.read_text(encoding="utf-8") == export.dumps(export.export_data(ctx, "WEB"))
    assert notifications(app)[-1] == f"Exported WEB (1 cards) to {target}."


async def test_import_from_the_palette_makes_the_board_and_shows_the_summary(
    ctx: Context, board, tmp_path: Path
) -> None:
    cards.add_card(ctx, "WEB", "Login page")
    source = tmp_path / "web.json"
    source.write_text(export.dumps(export.export_data(ctx, "WEB")), encoding="utf-8")
    other_db = Database.open(tmp_path / "other.db")
    other = Context(other_db, actor="alice", clock=ctx.clock)
    try:
        boards.create_board(other, "OPS", "Operations")
        app = make_app(other, "OPS")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await _palette(pilot, "Import")
            assert isinstance(app.screen, PromptDialog)
            await _answer(pilot, str(source))
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question.plain == (
                'Imported board WEB "Website": 1 card, 0 sprints, 0 risks, 2 events.'
            )
            assert "Open WEB" in screen_text(app)
            await press(pilot, "y")
            await settle(pilot)
            assert app.board_key == "WEB"
        assert [c.title for c in cards.list_cards(other, "WEB")] == ["Login page"]
    finally:
        other_db.close()


async def test_a_bad_path_says_one_sentence_and_keeps_the_text(
    ctx: Context, board, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.json"
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Import")
        await _answer(pilot, str(missing))
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one("#answer", Input).value == str(missing)
        assert app.screen.note == f"There is no file {missing}."
    assert boards.list_boards(ctx)[0].key == "WEB" and len(boards.list_boards(ctx)) == 1


async def test_import_is_refused_on_a_read_only_file_and_export_is_not(
    ctx: Context, board, tmp_path: Path, monkeypatch
) -> None:
    path = Path(ctx.db.path)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, *a, **k: (
            False if Path(p) == path and mode & os.W_OK else real_access(p, mode)
        ),
    )
    guest = Context(Database.open(path), actor="guest", clock=ctx.clock)
    assert guest.db.read_only
    try:
        app = make_app(guest)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await _palette(pilot, "Import")
            assert not isinstance(app.screen, PromptDialog)
            assert notifications(app)[-1] == read_only_sentence(guest)
            await _palette(pilot, "Export board")
            await _answer(pilot, str(tmp_path / "out.json"))
        assert (tmp_path / "out.json").exists()
    finally:
        guest.db.close()


@needs_fixtures
async def test_a_trello_file_is_guessed_and_summed_up_as_the_cli_does(
    ctx: Context, board, tmp_path: Path
) -> None:
    source = FIXTURES / "trello_nextcloud_deck_minimal.json"
    preview = preview_trello(json.loads(source.read_text(encoding="utf-8")), key=None)
    expected = summary_lines(replace(preview, dry_run=False))  # what the CLI prints
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Import")
        await _answer(pilot, str(source))
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.plain == "\n".join(expected)


async def test_a_csv_path_exports_the_cards_and_another_suffix_is_refused(
    ctx: Context, board, tmp_path: Path
) -> None:
    cards.add_card(ctx, "WEB", "=SUM(A1)")
    target = tmp_path / "web.csv"
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Export board")
        await _answer(pilot, str(tmp_path / "web.txt"))
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one("#answer", Input).value == str(tmp_path / "web.txt")
        assert app.screen.note == "Name a .json, .csv or .md file."
        await _answer(pilot, str(target))
        assert not isinstance(app.screen, PromptDialog)
    document = export.export_data(ctx, "WEB")
    assert target.read_bytes() == cards_csv(document).encode()  # `--format csv`, CRLF kept
    assert not (tmp_path / "web.txt").exists()


async def test_a_md_path_writes_the_page_kanban_export_writes(
    ctx: Context, demo_board, tmp_path: Path
) -> None:
    cards.add_card(ctx, "WEB", "# not a *heading* | [x](y)")
    target = tmp_path / "web.md"
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Export board")
        await _answer(pilot, str(target))
        assert not isinstance(app.screen, PromptDialog)
    text = target.read_text(encoding="utf-8")
    assert text == export_markdown(ctx, export.export_data(ctx, "WEB"))  # what the CLI writes
    assert "\\# not a \\*heading\\* \\| \\[x\\](y)" in text
    assert "## Sprint 1 report" in text  # the sprint reports come with the board
    count = len(export.export_data(ctx, "WEB")["boards"][0]["cards"])
    assert notifications(app)[-1] == f"Exported WEB ({count} cards) to {target}."


async def test_a_large_import_moves_the_bar_card_by_card_batch(
    ctx: Context, board, tmp_path: Path, monkeypatch
) -> None:
    source = tmp_path / "big.json"
    source.write_text(export.dumps(big_export(ctx, "WEB", 1_200)), encoding="utf-8")
    other_db = Database.open(tmp_path / "other.db")
    other = Context(other_db, actor="alice", clock=ctx.clock)
    seen: list[tuple[int, int, float, float | None, str]] = []
    real = ProgressDialog.advance

    def advance(dialog: ProgressDialog, done: int, total: int) -> None:
        real(dialog, done, total)
        bar = dialog.query_one("#transfer-bar", ProgressBar)
        count = dialog.query_one("#transfer-count", Static).render()
        seen.append((done, total, bar.progress, bar.total, str(count)))

    monkeypatch.setattr(ProgressDialog, "advance", advance)
    try:
        boards.create_board(other, "OPS", "Operations")
        app = make_app(other, "OPS")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await _palette(pilot, "Import")
            await _answer(pilot, str(source))
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question.plain == (
                'Imported board WEB "Website": 1,200 cards, 0 sprints, 0 risks, 0 events.'
            )
        steps = [(done, total) for done, total, *_ in seen]
        assert steps[0] == (0, 1_200) and (500, 1_200) in steps and steps[-1] == (1_200, 1_200)
        assert all(progress == done and total == 1_200 for done, _, progress, total, _ in seen)
        assert "Writing cards: 500 of 1,200" in [text for *_, text in seen]
        assert len(cards.list_cards(other, "WEB")) == 1_200
    finally:
        other_db.close()


async def test_a_taken_key_is_named_and_another_asked_for(
    ctx: Context, board, tmp_path: Path
) -> None:
    source = tmp_path / "web.json"
    source.write_text(export.dumps(export.export_data(ctx, "WEB")), encoding="utf-8")
    boards.create_board(ctx, "OPS", "Operations")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Import")
        await _answer(pilot, str(source))
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.heading.plain == "Import under another key"
        assert app.screen.body.plain == (
            f"A board with key WEB exists already. Import {source} as a new board with the key:"
        )
        assert "--as" not in screen_text(app)
        assert app.screen.query_one("#answer", Input).value == "WEB2"  # a free one offered
        await _answer(pilot, "a b")  # not a key: said under the field, the dialog stays
        assert isinstance(app.screen, PromptDialog)
        assert "Board key 'a b' is not valid" in str(app.screen.query_one("#answer-error").render())
        await _answer(pilot, "ops")  # taken too: asked again, with why
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.note == "A board with key OPS exists already."
        assert app.screen.query_one("#answer", Input).value == "ops"
        assert app.screen.body.plain.startswith("A board with key WEB exists already.")
        await _answer(pilot, "web2")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.plain.startswith('Imported board WEB2 "Website"')
        await press(pilot, "y")
        await settle(pilot)
        assert app.board_key == "WEB2"
    assert [b.key for b in boards.list_boards(ctx)] == ["OPS", "WEB", "WEB2"]


async def test_export_is_never_written_onto_the_database(
    ctx: Context, board, tmp_path: Path
) -> None:
    cards.add_card(ctx, "WEB", "Keep me")
    database = Path(ctx.db.path)
    before = database.read_bytes()
    link = tmp_path / "board.json"  # a name the export takes, for the database file
    link.symlink_to(database)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Export board")
        await _answer(pilot, str(link))
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.note == (
            f"{link} is the database being exported; write the export to another file."
        )
    assert database.read_bytes() == before and link.is_symlink()
    assert [card.title for card in cards.list_cards(ctx, "WEB")] == ["Keep me"]
