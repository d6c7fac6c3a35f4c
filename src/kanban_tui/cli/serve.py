"""``kanban serve``: the TUI in a browser page, through textual-serve.

The server opens the database once to find the board and its name, then
starts textual-serve (:mod:`..web.server`), which runs ``kanban`` itself, a
process for each page, with Textual's web driver. What a page may do is
:mod:`..web.page`: read-only unless ``--allow-writes``.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from .. import paths
from ..domain.errors import InvalidInput, KanbanError
from ..web import page
from . import output
from .common import context, db_path, examples
from .declare import command

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

MISSING_EXTRA = (
    "kanban serve needs the web extra (textual-serve); install it with pip install 'wipboard[web]'."
)
WILDCARDS = ("", "0.0.0.0", "::")


def register(commands: Any) -> None:
    serve = command(
        commands,
        "serve",
        run,
        help="show the board in a browser (read-only unless --allow-writes)",
        description="""Serve the terminal UI as a web page, through textual-serve (pip install
        'wipboard[web]'). Each page is the TUI in a process of its own, with live updates. The URL
        it prints holds a random token; a request without it is refused (403). It listens on
        127.0.0.1 only unless --host says otherwise: reach it from a laptop with SSH port
        forwarding. Pages are read-only; with --allow-writes a page may change the board, and its
        changes are logged as the serving user with the prefix web: (web:alice).""",
        epilog=examples(
            """
            kanban serve --db team.db
            ssh -L 8000:127.0.0.1:8000 server     then open the printed URL on the laptop
            kanban serve --db team.db --port 8080 --allow-writes
            """
        ),
    )
    serve.add_argument(
        "--host",
        metavar="HOST",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    serve.add_argument(
        "--port",
        metavar="N",
        default=str(DEFAULT_PORT),
        help=f"the port to listen on (default {DEFAULT_PORT}; 0: any free one)",
    )
    serve.add_argument(
        "--allow-writes",
        action="store_true",
        help="let the pages change the board (logged as web: and the serving user)",
    )


def parse_port(text: str) -> int:
    try:
        port = int(text.strip())
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise InvalidInput(f"--port must be a number from 0 to 65535 (got {text!r}).")
    return port


def url(host: str, port: int, token: str) -> str:
    """The URL to open: a wildcard address as this machine's name."""
    import socket

    shown = socket.gethostname() if host in WILDCARDS else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def forwarding(host: str, port: int, machine: str) -> str:
    """The SSH command that brings ``host:port`` of ``machine`` to a laptop's same port."""
    target = f"[{host}]" if ":" in host else host
    return f"ssh -N -L {port}:{target}:{port} {machine}, then open the URL there"


def page_command(board: str, executable: str = sys.executable) -> str:
    """The shell command textual-serve runs for a page: this ``kanban`` on the board."""
    return shlex.join([executable, "-m", "kanban_tui", "--board", board])


def listen_refusal(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"Port {port} on {host} is in use by another program; choose another with --port."
    reason = error.strerror or str(error)
    return f"Cannot listen on {host} port {port}: {reason}."


def page_environment(location: paths.Location, allow_writes: bool) -> dict[str, str]:
    """What a page's process is told: the database (in the environment, so a
    server's password is not on a command line) and whether it may write."""
    database = str(location.resolve()) if isinstance(location, Path) else location.url
    return {"KANBAN_DB": database, page.WRITES_VARIABLE: "1" if allow_writes else "0"}


def run(args: argparse.Namespace) -> int:
    port = parse_port(args.port)
    if importlib.util.find_spec("textual_serve") is None:
        raise KanbanError(MISSING_EXTRA)
    from ..services import boards

    location = db_path(args)
    # Not created: a mistyped --db would serve a new empty board that no page
    # may fill. The sentence says how to make one, as `card list` does.
    with context(args, create=False) as ctx:
        board = boards.open_board(ctx, args.board, paths.last_board(location))
        shown = ctx.db.path
        actor = page.page_actor(ctx.actor)
    from ..web.server import BoardServer, new_token

    os.environ.update(page_environment(location, args.allow_writes))
    token = new_token()
    server = BoardServer(
        page_command(board.key),
        host=args.host,
        port=port,
        title=f"{board.name} ({board.key}) · kanban",
        token=token,
    )
    if server.unpatched:
        sys.stderr.write(
            "warning: this textual-serve is not one kanban serve knows; the page works, "
            "but without its screen-reader text or its first focus.\n"
        )

    import asyncio
    import socket

    def listening(bound: int) -> None:
        mode = f"changes allowed, logged as {actor}" if args.allow_writes else "read-only"
        output.write(f"Serving board {board.key} of {shown} ({mode}). Open this URL:")
        output.write(f"    {url(args.host, bound, token)}")
        if args.host not in WILDCARDS:
            output.write(f"From a laptop: {forwarding(args.host, bound, socket.gethostname())}")
        else:
            output.write(
                "Listening on every address: the page is plain HTTP and its token travels "
                "in clear; beyond a trusted network, reach it by SSH port forwarding instead."
            )
        output.write("Press Ctrl+C to stop.")
        output.flush()

    try:
        asyncio.run(server.run(listening))
    except OSError as error:
        raise KanbanError(listen_refusal(error, args.host, port)) from None
    return 0
