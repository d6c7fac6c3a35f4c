"""``kanban serve`` without a browser: the page's process (terminal check,
read-only, the ``web:`` actor), the token, and the server's sentences.
The browser itself is tests/web/test_browser.py."""

from __future__ import annotations

import errno
import importlib.util
import socket
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Run

from kanban_tui import paths
from kanban_tui.cli import serve
from kanban_tui.domain.errors import ReadOnly
from kanban_tui.services import cards
from kanban_tui.services.context import Context
from kanban_tui.storage.server_url import ServerUrl
from kanban_tui.web import page

needs_textual_serve = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason="needs textual-serve (pip install 'wipboard[web]')",
)


class PageApp:
    """Stands in for the TUI; adds a card when run, as a visitor would."""

    seen: list[tuple[str, str | None, str]] = []

    def __init__(self, ctx: Context, board: str) -> None:
        self.ctx, self.board = ctx, board
        self.return_code = 0
        self.files_refused: str | None = None
        self.remembers = True

    def run(self) -> None:
        try:
            cards.add_card(self.ctx, self.board, "From the browser")
            outcome = "added"
        except ReadOnly as refused:
            outcome = refused.message
        assert not self.remembers  # a visitor's picks are not the serving user's
        PageApp.seen.append((self.ctx.actor, self.files_refused, outcome))


@pytest.fixture
def in_page(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None, str]]:
    """The process of a page: textual-serve's driver, no terminal, a stand-in TUI."""
    module = types.ModuleType("kanban_tui.app")
    module.create_app = PageApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kanban_tui.app", module)
    monkeypatch.setenv("TEXTUAL_DRIVER", page.WEB_DRIVER)
    monkeypatch.delenv(page.WRITES_VARIABLE, raising=False)
    PageApp.seen = []
    return PageApp.seen


def test_a_page_of_the_web_driver_opens_without_a_terminal_read_only(
    web: Run, in_page: list, db_path: Path
) -> None:
    assert web().code == 0
    assert in_page == [("alice", page.NO_FILES, page.READ_ONLY)]
    assert paths.last_board(db_path) is None  # the serving user's next board is theirs
    assert "From the browser" not in web("card", "list").out


def test_with_allow_writes_a_page_changes_as_web_and_the_serving_user(
    web: Run, in_page: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(page.WRITES_VARIABLE, "1")
    assert web().code == 0
    assert in_page == [("web:alice", page.NO_FILES, "added")]
    assert "web:alice" in web("log", "--card", "WEB-1").out


@pytest.mark.parametrize("driver", [None, "textual.drivers.headless_driver:HeadlessDriver"])
def test_a_pipe_is_still_refused_with_todays_sentence(
    run: Run, monkeypatch: pytest.MonkeyPatch, db_path: Path, driver: str | None
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    if driver:
        monkeypatch.setenv("TEXTUAL_DRIVER", driver)
    result = run()
    assert result.code == 2
    assert result.error == (
        "error: kanban without a command opens the terminal UI, which needs a terminal; "
        "see `kanban --help` for the commands"
    )
    assert not db_path.exists()


@pytest.mark.both_engines
def test_a_read_only_page_stays_so_when_a_server_comes_back(ctx: Context) -> None:
    ctx.db.pin_read_only(page.READ_ONLY)
    ctx.db.go_offline(True)
    assert ctx.db.read_only
    ctx.db.go_offline(False)
    assert ctx.db.read_only_reason == page.READ_ONLY


def test_page_actor_prefixes_once() -> None:
    assert page.page_actor("alice") == "web:alice"
    assert page.page_actor("web:alice") == "web:alice"


def test_serve_without_the_web_extra_says_how_to_install_it(
    web: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "textual_serve" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    result = web("serve")
    assert result.code == 1
    assert result.error == f"error: {serve.MISSING_EXTRA}"
    assert "pip install 'wipboard[web]'" in serve.MISSING_EXTRA


@pytest.mark.parametrize("port", ["-1", "65536", "http", ""])
def test_a_bad_port_is_one_sentence(web: Run, port: str) -> None:
    result = web("serve", "--port", port)
    assert result.code == 2
    assert "--port" in result.error


@needs_textual_serve
def test_a_port_in_use_is_one_sentence(web: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(page.WRITES_VARIABLE, raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = web("serve", "--port", str(port))
    assert result.code == 1
    assert result.error == (
        f"error: Port {port} on 127.0.0.1 is in use by another program; choose another with --port."
    )
    assert result.out == ""


def test_the_url_names_this_machine_for_a_wildcard_address() -> None:
    assert serve.url("127.0.0.1", 8000, "t0k") == "http://127.0.0.1:8000/?token=t0k"
    assert serve.url("0.0.0.0", 8000, "t").startswith(f"http://{socket.gethostname()}:8000/")
    assert serve.url("::1", 8000, "t") == "http://[::1]:8000/?token=t"


def test_the_port_forwarding_hint_is_a_command_to_paste() -> None:
    assert serve.forwarding("127.0.0.1", 8000, "team-server") == (
        "ssh -N -L 8000:127.0.0.1:8000 team-server, then open the URL there"
    )
    assert serve.forwarding("::1", 8000, "s").startswith("ssh -N -L 8000:[::1]:8000 s")


def test_other_listen_failures_give_the_reason() -> None:
    denied = OSError(errno.EACCES, "Permission denied")
    assert serve.listen_refusal(denied, "127.0.0.1", 80) == (
        "Cannot listen on 127.0.0.1 port 80: Permission denied."
    )


def test_a_page_is_told_the_database_and_whether_it_may_write(tmp_path: Path) -> None:
    env = serve.page_environment(tmp_path / "b.db", allow_writes=False)
    assert env == {"KANBAN_DB": str(tmp_path / "b.db"), page.WRITES_VARIABLE: "0"}
    assert serve.page_environment(tmp_path / "b.db", allow_writes=True)[page.WRITES_VARIABLE] == "1"
    server = ServerUrl.parse("postgresql://kanban:s3cret@db.example.org/team")
    assert serve.page_environment(server, allow_writes=False)["KANBAN_DB"] == server.url
    assert page.writes_allowed({page.WRITES_VARIABLE: "1"})
    assert not page.writes_allowed({page.WRITES_VARIABLE: "0"})
    assert not page.writes_allowed({})


def test_the_page_command_runs_this_kanban_on_the_board() -> None:
    assert serve.page_command("WEB", "/opt/my env/python") == (
        "'/opt/my env/python' -m kanban_tui --board WEB"
    )


# -- the token and the page script (kanban_tui.web.server needs textual-serve) ----------


@needs_textual_serve
def test_the_token_must_match_exactly() -> None:
    from kanban_tui.web.server import new_token, token_matches

    token = new_token()
    assert len(token) >= 32 and token != new_token()
    assert token_matches(token, token)
    assert not token_matches(None, token)
    assert not token_matches("", token)
    assert not token_matches(token[:-1], token)
    assert not token_matches(token + "x", token)


@needs_textual_serve
def test_a_websocket_from_another_site_is_refused() -> None:
    from kanban_tui.web.server import same_origin

    assert same_origin(None, "127.0.0.1:8000")
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not same_origin("http://evil.example", "127.0.0.1:8000")
    assert not same_origin("http://127.0.0.1:8001", "127.0.0.1:8000")


@needs_textual_serve
def test_the_installed_textual_serve_script_takes_both_patches() -> None:
    from kanban_tui.web.server import PATCHES, BoardServer, patch_script

    server = BoardServer("true", host="127.0.0.1", port=0, title="T", token="t")
    assert server.unpatched == []
    assert "screenReaderMode:!0" in server.script
    assert "t.terminal.focus()" in server.script
    assert patch_script("nothing to patch") == ("nothing to patch", [old for old, _ in PATCHES])


def served(server: Any, check: Any) -> None:
    """Run ``check(client)`` against ``server``'s app, in process (aiohttp's test client)."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    async def run() -> None:
        async with TestClient(TestServer(await server._make_app())) as client:
            await check(client)

    asyncio.run(run())


@needs_textual_serve
def test_a_pages_screenshot_has_its_download_address() -> None:
    from kanban_tui.web.server import BoardServer

    server = BoardServer("true", host="127.0.0.1", port=0, title="T", token="t")

    async def check(client: Any) -> None:
        # textual-serve's own answer for a key it does not hold: the route is there.
        found = await client.get("/download/nokey?token=t")
        assert found.status == 404 and "Download with key 'nokey'" in await found.text()
        assert (await client.get("/download/nokey")).status == 403

    served(server, check)


@needs_textual_serve
def test_the_page_names_its_icon_which_needs_no_token() -> None:
    """Without an icon of its own a page's browser asks for /favicon.ico on
    every visit, and gets a refusal."""
    from kanban_tui.web.server import ICON_PATH, BoardServer

    server = BoardServer("true", host="127.0.0.1", port=0, title="T", token="t")

    async def check(client: Any) -> None:
        page = await (await client.get("/?token=t")).text()
        assert f'<link rel="icon" type="image/svg+xml" href="{ICON_PATH}" />' in page
        icon = await client.get(ICON_PATH)  # as a browser asks: no token in the URL
        assert icon.status == 200 and icon.content_type == "image/svg+xml"
        assert (await icon.text()).startswith("<svg")

    served(server, check)


@needs_textual_serve
def test_a_plain_request_to_the_websocket_address_is_refused_quietly() -> None:
    from kanban_tui.web.server import NOT_A_WEBSOCKET, BoardServer

    server = BoardServer("true", host="127.0.0.1", port=0, title="T", token="t")

    async def check(client: Any) -> None:
        answer = await client.get("/ws?token=t")
        assert answer.status == 400 and await answer.text() == NOT_A_WEBSOCKET

    served(server, check)


@needs_textual_serve
def test_a_stop_ends_the_open_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's websocket lasts as long as its tab: a stop ends it rather than
    waiting for it (the server would linger, its pages still live)."""
    import asyncio

    from aiohttp import WSMsgType, web

    from kanban_tui.web.server import BoardServer

    ended: list[str] = []

    async def page_forever(self: Any, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:  # as textual-serve's own handler does
            ended.append("page")
            await websocket.close()
        return websocket

    monkeypatch.setattr(BoardServer, "handle_websocket", page_forever)
    server = BoardServer("true", host="127.0.0.1", port=0, title="T", token="t")

    async def check(client: Any) -> None:
        websocket = await client.ws_connect("/ws?token=t")
        while not server.pages:
            await asyncio.sleep(0)
        # Read as a browser does, so the server's close is answered at once
        # (unanswered, aiohttp waits its 10 s close timeout).
        closed = asyncio.ensure_future(websocket.receive())
        await server.close_pages()
        assert ended == ["page"] and not server.pages
        assert (await closed).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)

    served(server, check)


@needs_textual_serve
@pytest.mark.parametrize("writes", [False, True])
def test_the_start_says_how_pages_change_the_board(
    web: Run, monkeypatch: pytest.MonkeyPatch, writes: bool
) -> None:
    from kanban_tui.web.server import BoardServer

    async def listen(self: Any, listening: Any) -> None:
        listening(8123)

    monkeypatch.setattr(BoardServer, "run", listen)
    monkeypatch.setenv(page.WRITES_VARIABLE, "")  # serve sets it: restored after
    result = web("serve", *(["--allow-writes"] if writes else []))
    assert result.code == 0
    first = result.out.splitlines()[0]
    assert first.endswith(
        "(changes allowed, logged as web:alice). Open this URL:"
        if writes
        else "(read-only). Open this URL:"
    )
    assert "http://127.0.0.1:8123/?token=" in result.out


@needs_textual_serve
def test_a_database_that_is_not_there_is_refused_not_made(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "kanban.db"
    result = run("serve", "--db", str(missing))
    assert result.code != 0
    assert "There is no database at" in result.error
    assert not missing.parent.exists()


@needs_textual_serve
def test_every_address_is_said_to_be_plain_http(web: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanban_tui.web.server import BoardServer

    async def listen(self: Any, listening: Any) -> None:
        listening(8123)

    monkeypatch.setattr(BoardServer, "run", listen)
    monkeypatch.setenv(page.WRITES_VARIABLE, "")
    result = web("serve", "--host", "0.0.0.0")
    assert result.code == 0
    assert "plain HTTP" in result.out and "From a laptop" not in result.out
