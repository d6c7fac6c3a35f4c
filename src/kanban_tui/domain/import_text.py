"""Cleaning another tool's text for ours, shared by the importers: one line
for names, control characters dropped from text, a cut with an ellipsis, a
label made valid, and a column name made unique."""

from __future__ import annotations

import unicodedata

from . import validation


def one_line(text: str) -> str:
    """Text on one line: line ends and other unprintable characters as spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def clean_text(text: str) -> str:
    """Lines of text: control characters other than tab and line ends dropped."""
    return "".join(ch for ch in text if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, the last an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unique_name(name: str, names: list[str]) -> str:
    """``name``, or ``name (2)`` … when another of ``names`` has it (case aside)."""
    taken = {other.casefold() for other in names}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate = name[: validation.MAX_COLUMN_NAME - len(suffix)] + suffix
        number += 1
    return candidate


def label_name(text: str) -> str:
    """Another tool's label as a label here: lower case, ``-`` for spaces,
    commas and semicolons (``;`` separates labels in the CSV export), no
    leading ``#`` on a word, no control characters, at most 30 characters.
    The importers note the change."""
    cleaned = "".join(ch for ch in text if ch.isprintable()).lower()
    # Each word's leading '#' goes once the separators have: ',#' is no label,
    # '#bug; #ui' is 'bug-ui'.
    words = (word.lstrip("#") for word in cleaned.replace(",", " ").replace(";", " ").split())
    return "-".join(word for word in words if word)[: validation.MAX_LABEL].rstrip("-")


def label_left_out(text: str) -> str:
    """What the import summary says of a label that cleans to nothing ('#')."""
    return f"the label {text!r} left out: no letter of it makes one"
