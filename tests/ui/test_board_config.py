"""Settings: the TOML file, the KANBAN_* overrides, and the remembered theme."""

from __future__ import annotations

import tomllib

from ui_helpers import settle

from kanban_tui import config, paths
from kanban_tui.app import create_app


def test_missing_or_bad_file_gives_defaults(tmp_path):
    assert config.load(tmp_path / "none.toml", environ={}) == config.Config()
    bad = tmp_path / "bad.toml"
    bad.write_text("theme = [unclosed", encoding="utf-8")
    assert config.load(bad, environ={}) == config.Config()
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('theme = 3\ncursor_blink = "maybe"\nkeymap = "x"\n', encoding="utf-8")
    assert config.load(wrong, environ={}) == config.Config()


def test_save_then_load_round_trips_even_odd_text(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    settings = config.Config(
        theme='no"rd\\\n\x1b', cursor_blink=False, keymap={"card.delete": "delete"}
    )
    assert config.save(settings, path)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == 'no"rd\\\n\x1b'
    assert config.load(path, environ={}) == settings


def test_environment_overrides_the_file(tmp_path):
    path = tmp_path / "config.toml"
    config.save(config.Config(theme="nord", animations=True), path)
    loaded = config.load(path, environ={"KANBAN_THEME": "dracula", "KANBAN_ANIMATIONS": "off"})
    assert (loaded.theme, loaded.animations) == ("dracula", False)


def test_remember_theme_keeps_other_settings(tmp_path):
    path = tmp_path / "config.toml"
    config.save(config.Config(cursor_blink=False), path)
    config.remember_theme("gruvbox", path)
    assert config.load(path, environ={}) == config.Config(theme="gruvbox", cursor_blink=False)


def test_an_unwritable_place_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert config.save(config.Config(), blocker / "config.toml") is False


async def test_the_theme_picked_is_remembered_and_used_next_time(
    ctx, board, monkeypatch, isolated_dirs
):
    monkeypatch.delenv("KANBAN_THEME", raising=False)
    assert paths.config_path().is_relative_to(isolated_dirs)  # never the real one
    app = create_app(ctx, "WEB")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert not paths.config_path().exists()  # starting writes nothing
        app.theme = "nord"
        await pilot.pause()
    assert config.load().theme == "nord"
    again = create_app(ctx, "WEB")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_kanban_theme_overrides_and_unknown_names_fall_back(ctx, board, monkeypatch):
    monkeypatch.setenv("KANBAN_THEME", "gruvbox")
    app = create_app(ctx, "WEB")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "gruvbox"
    monkeypatch.setenv("KANBAN_THEME", "no-such-theme")
    app = create_app(ctx, "WEB")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
    assert not paths.config_path().exists()
