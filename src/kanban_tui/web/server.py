"""The web server of ``kanban serve``: textual-serve, behind a token.

textual-serve (the ``web`` extra) starts one process of the TUI for each page
that connects and relays the terminal between that process and xterm.js in
the browser. What this module adds to it:

- **A token.** Every request but the static files (textual-serve's script,
  styles and fonts, the same for everyone) needs the token printed at start,
  in the URL (``?token=``) or in the cookie the page is given with it; without
  it the answer is 403, as Jupyter's. A websocket from a page of another site
  is refused as well (its ``Origin``).
- **Its own page.** The page's title names the board; the terminal reads its
  screen out to assistive technology (xterm.js's ``screenReaderMode``: each
  row of the screen is a row of text in the page's accessibility tree) and
  takes the keyboard focus at once. The script that sets both is
  textual-serve's own, patched where it makes the terminal (``PATCHES``).
- **A clean stop** on Ctrl+C or SIGTERM (the open pages are ended, not waited
  for), and no access log (a URL holds the token).
- **textual-serve's download address**, which a page's "Screenshot" opens.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import secrets
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"
SCRIPT_PATH = "/kanban/textual.js"
ICON_PATH = "/kanban/icon.svg"
ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" rx="3" fill="#0178d4"/>'
    '<rect x="2.5" y="3" width="3" height="10" rx="1" fill="#fff"/>'
    '<rect x="6.5" y="3" width="3" height="7" rx="1" fill="#fff"/>'
    '<rect x="10.5" y="3" width="3" height="4" rx="1" fill="#fff"/>'
    "</svg>"
)
"""The page's icon (three columns of cards), named by its ``<link rel="icon">``:
without one a browser asks for ``/favicon.ico`` on every visit and gets an error."""

PATCHES = (
    # The terminal's options: its screen is also text for a screen reader.
    ("allowProposedApi:!0,", "allowProposedApi:!0,screenReaderMode:!0,"),
    # Once made, the terminal takes the keyboard: the first key goes to the board.
    ("t.fit(),s||t.connect()", "t.fit(),t.terminal.focus(),s||t.connect()"),
    # Textual's web driver starts the app blurred (no keys in the footer) until
    # the page says it has the focus, which it took before the app ran: said
    # with the app's first frame (the first large write; the smaller ones before
    # it are the driver's set-up, written before it blurs the app).
    (
        't.length>10&&document.querySelector("body").classList.add("-first-byte")',
        "t.length>512&&!this.told&&(this.told=!0,"
        "document.activeElement===this.terminal.textarea&&this.onFocus()),"
        't.length>10&&document.querySelector("body").classList.add("-first-byte")',
    ),
)
"""What textual-serve's script is changed by: (its text, ours instead)."""

FORBIDDEN = (
    "403 Forbidden: this board needs the URL that `kanban serve` printed, "
    "with its ?token=... part.\n"
)

NOT_A_WEBSOCKET = "400 Bad Request: this address is the page's websocket.\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A random token for the URL (about 190 bits)."""
    return secrets.token_urlsafe(24)


def patch_script(source: str) -> tuple[str, list[str]]:
    """textual-serve's script with ``PATCHES`` applied, and the anchors not found
    (a textual-serve this version does not know: that page works, unpatched)."""
    missing = [old for old, _new in PATCHES if source.count(old) != 1]
    for old, new in PATCHES:
        if old not in missing:
            source = source.replace(old, new)
    return source, missing


def token_matches(given: str | None, token: str) -> bool:
    """Whether ``given`` is the token (in constant time)."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def same_origin(origin: str | None, host: str | None) -> bool:
    """A request from no page (no ``Origin``) or from one of this server."""
    return origin is None or (host is not None and urlsplit(origin).netloc == host)


class BoardServer(Server):
    """textual-serve's server for one board, behind a token."""

    def __init__(self, command: str, *, host: str, port: int, title: str, token: str) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.token = token
        self.pages: set[asyncio.Task[Any]] = set()
        """The tasks serving the pages' websockets, ended when the server stops."""
        self.cookie = "kanban-" + hashlib.sha256(token.encode()).hexdigest()[:12]
        """Its name differs from server to server (cookies ignore the port)."""
        original = (Path(self.statics_path) / "js" / "textual.js").read_text(encoding="utf-8")
        self.script, self.unpatched = patch_script(original)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.open_page, name="websocket"),
                # A page's "Screenshot" (the palette) opens the file the app delivers here.
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get(SCRIPT_PATH, self.handle_script),
                web.get(ICON_PATH, self.handle_icon),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    @web.middleware
    async def require_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/static/") or request.path in (SCRIPT_PATH, ICON_PATH):
            return await handler(request)
        given = request.query.get("token") or request.cookies.get(self.cookie)
        if not token_matches(given, self.token) or not same_origin(
            request.headers.get("Origin"), request.host
        ):
            return web.Response(status=403, text=FORBIDDEN)
        return await handler(request)

    async def open_page(self, request: web.Request) -> web.StreamResponse:
        """A page's websocket (textual-serve's); 400 to a request that is not one,
        which textual-serve would answer with a traceback on the server's terminal."""
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text=NOT_A_WEBSOCKET)
        task = asyncio.current_task()
        assert task is not None
        self.pages.add(task)
        try:
            return await self.handle_websocket(request)
        finally:
            self.pages.discard(task)

    async def close_pages(self) -> None:
        """End every page: its websocket closes (the browser says the board was
        closed) and textual-serve ends its process. Without this a stop waits
        for the pages' websockets, which stay open as long as their tabs."""
        pages = list(self.pages)
        for task in pages:
            task.cancel()
        await asyncio.gather(*pages, return_exceptions=True)

    async def handle_script(self, request: web.Request) -> web.StreamResponse:
        return web.Response(text=self.script, content_type="application/javascript")

    async def handle_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(
            text=ICON,
            content_type="image/svg+xml",
            headers={"Cache-Control": "max-age=86400"},
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "title": self.title,
            "font_size": _int(request.query.get("fontsize"), 16),
            "static_url": "/static/",
            "script_url": SCRIPT_PATH,
            "icon_url": ICON_PATH,
            "websocket_url": f"{scheme}://{request.host}/ws",
        }
        response = aiohttp_jinja2.render_template("board.html", request, context)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def run(self, listening: Callable[[int], None]) -> None:
        """Serve until SIGINT or SIGTERM; ``listening(port)`` once the port is open.

        OSError when the address cannot be listened on (a port taken, say).
        """
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(signum, stop.set)
            listening(runner.addresses[0][1])
            await stop.wait()
            await self.close_pages()
        finally:
            await runner.cleanup()


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
