"""Checks and parsers for user-entered values.

Each function takes what a person typed (or a typed value) and returns the
clean value, or raises :class:`InvalidInput` with one sentence naming the
rule and the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from . import people
from .errors import InvalidInput
from .model import CardType, Category, Priority

BOARD_KEY_RE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
MAX_TITLE = 200
MAX_BOARD_NAME = 80
MAX_COLUMN_NAME = 40
MAX_LABELS = 10
MAX_LABEL = 30
MAX_POINTS = 100
MAX_ASSIGNEE = people.MAX_NAME
MAX_REASON = 500

E = TypeVar("E", bound=StrEnum)


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def _has_line_break(text: str) -> bool:
    # Every break str.splitlines() knows (\r, \v, \x85, U+2028, ...) makes a
    # second line on screen, not only \n.
    return len(text.splitlines()) > 1


def board_key(value: str) -> str:
    key = value.strip().upper()
    # isascii: "straße".upper() is "STRASSE" and "ıd".upper() is "ID".
    if not value.isascii() or not BOARD_KEY_RE.fullmatch(key):
        raise InvalidInput(
            f"Board key {value!r} is not valid: use 2-10 letters A-Z and digits 0-9, "
            "starting with a letter."
        )
    return key


def board_name(value: str) -> str:
    name = value.strip()
    if not 1 <= len(name) <= MAX_BOARD_NAME or _has_control(name):
        raise InvalidInput(
            f"Board name must be 1-{MAX_BOARD_NAME} characters on one line (got {len(name)})."
        )
    return name


def column_name(value: str) -> str:
    name = value.strip()
    if not 1 <= len(name) <= MAX_COLUMN_NAME or _has_control(name):
        raise InvalidInput(
            f"Column name must be 1-{MAX_COLUMN_NAME} characters on one line (got {len(name)})."
        )
    return name


def title(value: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput("Title must not be empty.")
    if _has_line_break(text):
        raise InvalidInput("Title must be one line.")
    if len(text) > MAX_TITLE:
        raise InvalidInput(f"Title must be at most {MAX_TITLE} characters (got {len(text)}).")
    return text


def _whole_or_none(value: int | str | None, shape: str) -> int | None:
    """An int from a typed value; ``""``, ``"none"`` and ``"-"`` mean none.

    ``shape`` completes "... must be ..." in the refusal for a non-number.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "none", "-"):
            return None
        try:
            return int(text)
        except ValueError:
            pass
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidInput(f"{shape} (got {value!r}).")


def points(value: int | str | None) -> int | None:
    """Points are none or an integer 0-100."""
    number = _whole_or_none(value, f"Points must be a whole number 0-{MAX_POINTS} or none")
    if number is not None and not 0 <= number <= MAX_POINTS:
        raise InvalidInput(f"Points must be between 0 and {MAX_POINTS} (got {number}).")
    return number


def wip_limit(value: int | str | None) -> int | None:
    """A WIP limit is a positive integer or none."""
    number = _whole_or_none(value, "WIP limit must be a positive whole number or none")
    if number is not None and number < 1:
        raise InvalidInput(
            f"WIP limit must be a positive whole number or none (got {number}); "
            "use none to remove the limit."
        )
    return number


def choice(enum: type[E], value: str | E, what: str) -> E:
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(f"Unknown {what} {str(value)!r}: use one of {allowed}.") from None


def card_type(value: str | CardType) -> CardType:
    return choice(CardType, value, "type")


def priority(value: str | Priority) -> Priority:
    return choice(Priority, value, "priority")


def category(value: str | Category) -> Category:
    return choice(Category, value, "category")


def assignee(value: str | None) -> str | None:
    """A user name in its canonical form (see :mod:`.people`); blank or none: no one."""
    if value is None:
        return None
    name = people.user_name(value, "Assignee")
    return None if name in ("", "none") else name


def labels(values: Iterable[str]) -> tuple[str, ...]:
    """Labels are trimmed, lower-cased, de-duplicated and at most 10."""
    seen: list[str] = []
    for raw in values:
        label = raw.strip().lstrip("#").lower()
        if not label:
            continue
        if len(label) > MAX_LABEL or _has_control(label) or "," in label or " " in label:
            raise InvalidInput(
                f"Label {raw!r} is not valid: up to {MAX_LABEL} characters, no spaces or commas."
            )
        if label not in seen:
            seen.append(label)
    if len(seen) > MAX_LABELS:
        raise InvalidInput(f"A card has at most {MAX_LABELS} labels (got {len(seen)}).")
    return tuple(seen)


def split_labels(text: str) -> tuple[str, ...]:
    """Labels typed in one field, separated by commas or spaces."""
    return labels(re.split(r"[,\s]+", text))


def due(value: str | date | None) -> date | None:
    if isinstance(value, datetime):  # a datetime is a date too; keep only the day
        return value.date()
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text or text.lower() == "none":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Due date must be a date as YYYY-MM-DD (got {value!r}).") from None


def reason(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput("A reason is required to go over a WIP limit.")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"A reason must be at most {MAX_REASON} characters.")
    return text


def blocked(value: str | None) -> str | None:
    """A blocked reason; empty means not blocked."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if len(text) > MAX_REASON or _has_line_break(text):
        raise InvalidInput(f"A blocked reason must be one line of at most {MAX_REASON} characters.")
    return text


def parse_card_key(value: str) -> tuple[str, int]:
    """``WEB-12`` -> ``("WEB", 12)``."""
    match = re.fullmatch(r"([A-Za-z][A-Za-z0-9]{1,9})-(\d+)", value.strip())
    if not match:
        raise InvalidInput(f"{value!r} is not a card key such as WEB-12.")
    return match.group(1).upper(), int(match.group(2))
