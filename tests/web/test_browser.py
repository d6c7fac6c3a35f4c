"""``kanban serve`` in a real browser: Debian's Chromium, driven by Playwright.

One server and one browser for the whole module (starting Chromium costs
about a second of CPU), one walk on the one page. The board
is read through the page's accessible text: xterm.js's screen-reader mode
makes each row of the terminal a ``listitem`` of the page's accessibility
tree, which is also what a screen reader reads.

Skipped, with the reason, where Chromium, Playwright or textual-serve is
missing (``.ci/run`` installs Chromium when it may).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kanban_tui.__main__ import main
from kanban_tui.services import Context, boards
from kanban_tui.storage.database import Database
from kanban_tui.web.page import READ_ONLY

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MISSING = [
    name
    for name, present in (
        ("Chromium (apt-get install chromium)", os.path.exists(CHROMIUM)),
        ("Playwright (pip install playwright)", importlib.util.find_spec("playwright")),
        ("textual-serve (pip install 'wipboard[web]')", importlib.util.find_spec("textual_serve")),
    )
    if not present
]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"the browser tests need {', '.join(MISSING)}"
)

SOON = 10_000
"""How long the page may take to show a change, in ms (the issue's bound)."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A read-only ``kanban serve`` on a new board (its URL, its file)."""
    home = tmp_path_factory.mktemp("serve")
    db = home / "board.db"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "KANBAN_USER": "alice",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.pop("KANBAN_SERVE_WRITES", None)
    # Made here, not with the command line: this runs before each test's own
    # settings and user are set (tests/conftest.py isolated_dirs).
    database = Database.open(db)
    boards.create_board(Context(database, actor="alice"), "TST", "Team tasks")
    database.close()
    server = subprocess.Popen(
        [sys.executable, "-m", "kanban_tui", "--db", str(db), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline(), server.stdout.readline()]
        url = lines[1].strip()
        assert url.startswith("http://127.0.0.1:"), "".join(lines) + server.stderr.read()
        yield url, db
    finally:
        server.terminate()
        server.wait()


@pytest.fixture(scope="module")
def page(served: tuple[str, Path]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 560})
            page.goto(served[0])
            yield page
        finally:
            browser.close()


def screen(page: Any) -> Any:
    """The terminal's rows as the accessibility tree has them."""
    return page.get_by_role("main").get_by_role("list")


def see(page: Any, text: str) -> None:
    from playwright.sync_api import expect

    expect(screen(page)).to_contain_text(text, timeout=SOON)


def test_the_board_in_chromium(page: Any, served: tuple[str, Path]) -> None:
    """One walk on one page (tests split across xdist workers would start a
    server and a browser on each): what a visitor of a read-only server sees
    and may do, and what a request without the token gets."""
    db = str(served[1])
    # The board, read from the accessible text, within 10 s of opening the URL.
    for header in ("To Do", "In Progress", "Done"):
        see(page, header)
    see(page, "Board · read-only")
    assert page.title() == "Team tasks (TST) · kanban"
    # Its icon is the page's own (no refused /favicon.ico on every visit).
    icon = "fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)"
    assert page.evaluate(icon) == 200
    # The keyboard is in the terminal from the start (no click needed), and
    # the app knows it: the footer shows its keys.
    assert page.evaluate("document.activeElement.classList.contains('xterm-helper-textarea')")
    see(page, "q Quit")
    # A change is refused, with the sentence.
    page.keyboard.press("n")
    see(page, READ_ONLY.split(":")[0])
    # A card added from the command line shows up without a reload.
    assert main(["--db", db, "card", "add", "Renew the TLS certificate"]) == 0
    see(page, "Renew the TLS")
    # 2: the Sprint screen; a sprint started from the command line meanwhile.
    page.keyboard.press("2")
    see(page, "Sprint · read-only")
    assert main(["--db", db, "sprint", "create", "--goal", "Ship the certificate"]) == 0
    assert main(["--db", db, "sprint", "start", "1"]) == 0
    see(page, "Ship the certificate")
    # The URL without its token (the page, its websocket), or a wrong one: 403.
    root = served[0].partition("/?")[0]
    for path in ("/", "/ws", "/?token=wrong", "/ws?token="):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(root + path)
        assert refused.value.code == 403, path
