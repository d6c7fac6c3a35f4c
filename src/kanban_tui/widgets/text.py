"""Showing user text literally.

Titles, names and labels come from other people and other programs. They are
never parsed as markup (we build ``Content``/segments from plain strings) and
never reach the terminal with control characters in them: an ESC byte could
start an escape sequence, so each control character is swapped for a visible
stand-in before rendering.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from .. import formatting
from ..formatting import CONTROLS, DISGUISES

# Controls become their Unicode "control picture" (ESC -> ␛, NUL -> ␀), DEL
# ␡ and the C1 range the replacement character; what disguises text (bidi
# overrides, zero-width marks) shows as "?". The CLI escapes the same set.
_TABLE = {code: 0x2400 + code if code < 0x20 else 0xFFFD for code in CONTROLS}
_TABLE[0x7F] = 0x2421
_TABLE.update(dict.fromkeys(DISGUISES, ord("?")))


def safe(text: str | None) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    return (text or "").translate(_TABLE)


_LINES_TABLE = {code: repl for code, repl in _TABLE.items() if code not in (9, 10)}


def safe_lines(text: str | None) -> str:
    """Like :func:`safe`, but keeps newlines and tabs (for multi-line text)."""
    return (text or "").replace("\r\n", "\n").translate(_LINES_TABLE)


def one_line(text: str | None) -> str:
    """Like :func:`safe`, but newlines and tabs become spaces (for one-line places)."""
    return safe((text or "").replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def literal(text: str | None, style: str = "") -> Content:
    """A ``Content`` that shows ``text`` as it is, optionally in one style."""
    content = Content(one_line(text))
    return content.stylize(style) if style else content


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending with an ellipsis when it was cut."""
    return formatting.fit(text, width, cell_len) if width > 0 else ""


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines of ``width`` cells.

    The last line ends with an ellipsis when text is left over; words longer
    than a line are broken.
    """
    if width <= 0:
        return [""] * lines
    out: list[str] = []
    words = text.split()
    current = ""
    index = 0
    while index < len(words) and len(out) < lines:
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            index += 1
            continue
        if not current:  # a single word wider than the line: break it
            head = _take_cells(word, width)
            out.append(head)
            words[index] = word[len(head) :]
            continue
        out.append(current)
        current = ""
    if len(out) < lines and current:
        out.append(current)
        current = ""
    if index < len(words) or current:
        rest = " ".join(([current] if current else []) + words[index:])
        last = out[-1] if out else ""
        out[-1:] = [fit(f"{last} {rest}" if last else rest, width)]
    return out + [""] * (lines - len(out))


def _take_cells(text: str, width: int) -> str:
    used = 0
    for position, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[: max(position, 1)]
    return text
