"""Printing: safe plain text, aligned tables and JSON.

User text reaches a terminal here, so every string goes through
:func:`safe` first: a title holding ESC (or a C1 control such as CSI) could
otherwise move the cursor, retitle the window or worse.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from typing import Any

from .. import formatting
from ..domain.errors import StorageError
from ..formatting import CONTROLS, DISGUISES
from .holdback import Holdback

# The characters the TUI shows as stand-ins (see ..formatting) print as escapes.
_ONE_LINE = {code: f"\\x{code:02x}" for code in CONTROLS}
_ONE_LINE.update({code: f"\\u{code:04x}" for code in DISGUISES})
# A file name that is not UTF-8 reaches Python as lone surrogates (one per
# undecodable byte); shown as the byte, it cannot fail to encode on output.
_ONE_LINE.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
_ONE_LINE[ord("\t")] = " "
_MULTI_LINE = dict(_ONE_LINE)
_MULTI_LINE[ord("\n")] = "\n"
_MULTI_LINE[ord("\t")] = "    "
_MULTI_LINE[ord("\r")] = ""

# json escapes C0 controls itself but, with ensure_ascii off, lets DEL, C1
# controls and bidi marks through raw; these only occur inside JSON strings,
# so a \uXXXX escape keeps the document valid.
_JSON_EXTRA = {code: f"\\u{code:04x}" for code in [0x7F, *range(0x80, 0xA0), *DISGUISES]}


def safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as an escape, never sent raw."""
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


def width(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters take two."""
    if text.isascii():
        return len(text)
    cells = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells


def fit(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` terminal cells, with an ellipsis if cut."""
    return formatting.fit(text, cells, width)


def pad(text: str, cells: int, *, right: bool = False) -> str:
    gap = " " * max(0, cells - width(text))
    return gap + text if right else text + gap


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    squeeze: int | None = None,
) -> list[str]:
    """Aligned lines; the ``squeeze`` column (the last) is cut to the terminal on a tty."""
    widths = [width(header) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], width(cell))
    limit = terminal_width()
    if squeeze is not None and limit:
        fixed = sum(widths[:squeeze]) + 2 * squeeze
        widths[squeeze] = max(10, min(widths[squeeze], limit - fixed))
    lines = []
    for row in [headers, *rows]:
        cells = []
        for index, cell in enumerate(row):
            if index == squeeze and limit:
                cell = fit(cell, widths[index])
            cells.append(pad(cell, widths[index], right=index in right))
        lines.append("  ".join(cells).rstrip())
    return lines


def terminal_width() -> int | None:
    """Columns of the terminal on stdout, or None when output goes to a pipe or file."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns


def folded(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` folded to the terminal (80 columns in a pipe, 100 at most), a
    line of its own for each of its lines, blank lines kept; ``indent`` before
    the first of each, ``hanging`` (``indent`` by default) before the rest."""
    width = min(terminal_width() or 80, 100)
    lines: list[str] = []
    for line in text.splitlines():
        folded = textwrap.wrap(
            line,
            width=width,
            initial_indent=indent,
            subsequent_indent=indent if hanging is None else hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += folded or [""]
    return lines


def local_time(moment: datetime | None) -> str:
    """A timestamp as a person reads it: local time to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def write(lines: Sequence[str] | str) -> None:
    text = lines if isinstance(lines, str) else "\n".join(lines)
    with _stdout("the output"):
        sys.stdout.write(text + "\n")


def write_document(text: str, what: str = "the output") -> None:
    """``text`` as UTF-8 bytes whatever the terminal's encoding (a redirect to a
    file gets what ``-o`` would have written), flushed: a failure names ``what``."""
    with _stdout(what):
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
            return
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()


def flush() -> None:
    """Flush stdout, as every command does last (``main``)."""
    with _stdout("the output"):
        sys.stdout.flush()


@contextmanager
def _stdout(what: str) -> Iterator[None]:
    """Where every write to stdout goes through: a write that fails (``> /dev/full``,
    a disk full, an I/O error) is one sentence, not an internal error. A reader
    that went away (``| head``) is left to ``main``, which stays quiet about it."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        if error.errno is None:  # not the system's refusal of a write: a bug
            raise
        _drop_stdout()
        reason = error.strerror or errno.errorcode.get(error.errno, str(error.errno))
        raise StorageError(f"Cannot write {what}: {reason}.") from None


def _drop_stdout() -> None:
    """Point stdout at the null device: what is still buffered cannot fail
    again (and print a second error) when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def note(text: str) -> None:
    """A remark for a person (on stderr, so that stdout stays what scripts parse)."""
    sys.stderr.write(safe(text) + "\n")


def separator() -> str:
    """A middle dot between items, or a bar where stdout cannot encode it."""
    return " · " if _utf8_stdout() else " | "


def utf8_stdout() -> bool:
    """Whether stdout can show characters such as ``█`` and ``▲``."""
    return _utf8_stdout()


def _utf8_stdout() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf8sig")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    ascii_only = not _utf8_stdout()
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    return text if ascii_only else text.translate(_JSON_EXTRA)


def write_json(value: Any) -> None:
    """One object pretty-printed; an array one object per line.

    The stdlib's fast C encoder is only used without ``indent``; a line per
    object keeps 10,000 cards fast and still readable and grep-able.
    """
    if isinstance(value, list):
        if not value:
            write("[]")
            return
        body = ",\n".join("  " + dumps(item, indent=None) for item in value)
        write("[\n" + body + "\n]")
    else:
        write(dumps(value))


def write_json_lines(
    lines: Callable[[bool], Iterable[str]],
    batch: int = 200,
    empty: Callable[[], object] | None = None,
) -> None:
    """The bytes of :func:`write_json` for a list, from each item's one-line
    JSON text (``lines(ascii_only)``: ``json.dumps(item, ensure_ascii=ascii_only)``),
    written as the lines come: 100,000 rows are never held as a list.
    ``batch`` lines are written at once (200 cards' text stays under the C
    allocator's 128 KiB threshold for memory of its own: no page faults).

    The first line is asked for before anything is written, so a refusal
    (no such board) leaves stdout empty; so does one by ``empty``, called
    when there is no line at all before ``[]`` is written.
    """

    def batches(ascii_only: bool) -> Iterator[list[str]]:
        made = iter(lines(ascii_only))
        while some := list(islice(made, batch)):
            yield some

    write_json_batches(batches, empty)


def write_json_batches(
    batches: Callable[[bool], Iterable[Sequence[str]]],
    empty: Callable[[], object] | None = None,
) -> None:
    """:func:`write_json_lines` from lists of lines (a read's batch each), each
    written as it comes: no step per line in Python (a million of them
    in ``kanban log --json``)."""
    ascii_only = not _utf8_stdout()
    made = iter(batches(ascii_only))
    first = next((some for some in made if some), None)
    if first is None:
        if empty is not None:
            empty()
        write("[]")
        return
    with _stdout("the output"):
        out = Holdback()  # stdout's reader never holds the read open
        out.write(_json_text("[\n  " + ",\n  ".join(first), ascii_only))
        for some in made:
            if some:
                out.write(_json_text(",\n  " + ",\n  ".join(some), ascii_only))
        out.write("\n]\n")
        out.drain()


def _json_text(text: str, ascii_only: bool) -> str:
    if ascii_only or (text.isascii() and "\x7f" not in text):
        return text
    return text.translate(_JSON_EXTRA)


MAX_OFFSET = 1_000_000_000


def page_window(limit: str | None, offset: str, what: str) -> tuple[int | None, int]:
    """``--limit`` and ``--offset`` of a listing of ``what`` (``card``), read
    as numbers: ``(None, 0)`` for all of it; a bad value is one sentence."""
    from ..domain import validation

    return (
        None if limit is None else validation.integer(limit, f"The {what} limit", 1, MAX_OFFSET),
        validation.integer(offset, "The offset", 0, MAX_OFFSET),
    )
