"""Checks and parsers for user-entered values.

Each function takes what a person typed (or a typed value) and returns the
clean value, or raises :class:`InvalidInput` with one sentence naming the
rule and the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

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
MAX_DESCRIPTION = 65_536
"""A card's description, in characters (64 Ki): a card is read on one screen,
and ``card list --json`` must not be made to print hundreds of megabytes."""
MAX_COMMENT = 4_000
"""A comment, in characters: a few paragraphs of discussion, not a document."""
MAX_KEY_NUMBER = 999_999_999
"""The number of a card or risk key (``WEB-12``, ``WEB-R3``)."""
MAX_WIP = 999
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
"""Dates a person types (due, review, sprint start and end) fall in these years."""

_INTEGER = re.compile(r"-?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LONGEST = 19
"""Digits past which a number is out of every range here (SQLite's INTEGER
holds 19); ``int()`` is never asked to read more (it refuses 4,300 anyway)."""

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


def one_line_name(value: str, what: str, most: int) -> str:
    """``value`` stripped, 1 to ``most`` characters with no control character;
    else refused, the sentence naming it ``what`` (``Board name``)."""
    name = value.strip()
    if not 1 <= len(name) <= most or _has_control(name):
        raise InvalidInput(f"{what} must be 1-{most} characters on one line (got {len(name)}).")
    return name


def board_name(value: str) -> str:
    return one_line_name(value, "Board name", MAX_BOARD_NAME)


def column_name(value: str) -> str:
    name = one_line_name(value, "Column name", MAX_COLUMN_NAME)
    if "," in name:
        raise InvalidInput(
            f"Column name must not hold a comma (commas separate columns in lists): {name!r}."
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


def shown(value: object, limit: int = 40) -> str:
    """``value`` for a refusal: a typed text quoted, cut to ``limit`` characters."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "...")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return "a number of more than 38 digits"
    return str(value)


def is_integer_text(text: str) -> bool:
    """Whether ``text`` is a whole number as the parsers take it: ASCII digits
    with an optional leading minus, nothing around them."""
    return _INTEGER.fullmatch(text) is not None


def integer(
    value: int | str,
    what: str,
    low: int,
    high: int,
    *,
    shape: str | None = None,
    out_of_range: str | None = None,
) -> int:
    """The one parser of typed whole numbers: ``value`` as an int in ``low``-``high``.

    Only ASCII digits with an optional leading minus count. ``int()`` also
    takes " 5", "+5", "1_0", fullwidth "５" and Arabic-Indic "٣" (and
    ``str.isdigit()`` is true for "²"): a person who typed those did not mean
    a plain number, so they are refused rather than read as one. ``shape``
    begins the refusal of a non-number (the value typed follows in brackets);
    ``out_of_range`` is the refusal of a number outside the range, with
    ``{got}`` where the number goes. The defaults name ``what`` and the range.
    """
    shape = shape or f"{what} must be a whole number {low}-{high}"
    out_of_range = out_of_range or f"{what} must be between {low} and {high} (got {{got}})"
    if isinstance(value, str) and is_integer_text(value):
        if len(value.lstrip("-").lstrip("0")) > _LONGEST:
            raise InvalidInput(out_of_range.format(got=shown(value)[1:-1]) + ".")
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        raise InvalidInput(f"{shape} (got {shown(value)}).")
    if not low <= number <= high:
        raise InvalidInput(out_of_range.format(got=shown(number)) + ".")
    return number


NONE_WORDS = ("", "none", "-")
"""What a typed field holds to mean "no value" (an empty field in the TUI)."""


def _whole_or_none(
    value: int | str | None, what: str, low: int, high: int, **texts: str
) -> int | None:
    """An int in ``low``-``high`` from a typed value, or None for a none word."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in NONE_WORDS:
        return None
    return integer(value, what, low, high, **texts)


def points(value: int | str | None) -> int | None:
    """Points are none or an integer 0-100."""
    return _whole_or_none(
        value,
        "Points",
        0,
        MAX_POINTS,
        shape=f"Points must be a whole number 0-{MAX_POINTS} or none",
    )


def wip_limit(value: int | str | None) -> int | None:
    """A WIP limit is a positive integer up to 999, or none."""
    return _whole_or_none(
        value,
        "WIP limit",
        1,
        MAX_WIP,
        shape=WIP_SENTENCE,
        out_of_range=WIP_SENTENCE + " (got {got})",
    )


WIP_SENTENCE = (
    f"WIP limit must be a positive whole number up to {MAX_WIP}, or none to remove the limit"
)
"""One sentence for every bad WIP limit, a word or a number out of range."""


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
    """Labels are trimmed, lower-cased, de-duplicated and at most 10; no
    spaces, commas (they separate labels typed in one field) or semicolons
    (they separate them in a CSV export's cell)."""
    seen: list[str] = []
    for raw in values:
        label = raw.strip().lstrip("#").lower()
        if not label:
            continue
        if len(label) > MAX_LABEL or _has_control(label) or "," in label or " " in label:
            raise InvalidInput(
                f"Label {raw.strip()!r} is not valid: "
                f"up to {MAX_LABEL} characters, no spaces or commas."
            )
        if ";" in label:
            raise InvalidInput(
                f"Label {raw.strip()!r} is not valid: a label cannot contain ';' "
                "(it separates labels in the CSV export)."
            )
        if label not in seen:
            seen.append(label)
    if len(seen) > MAX_LABELS:
        raise InvalidInput(f"A card has at most {MAX_LABELS} labels (got {len(seen)}).")
    return tuple(seen)


def split_labels(text: str) -> tuple[str, ...]:
    """Labels typed in one field, separated by commas (as ``--label a,b``).

    A space inside a label is refused, never taken as a separator: ``front end``
    is one label someone meant, not two.
    """
    return labels(text.split(","))


def day(value: str | date | None, what: str) -> date | None:
    """The one parser of typed dates: ``YYYY-MM-DD`` in 2000-2100, or none.

    ``what`` begins the refusal ("Due date"). Only that form is taken: 3.11's
    ``date.fromisoformat`` also reads ``20261201`` and week dates such as
    ``2026-W48-2``, which people do not type for a due day. The years keep
    date arithmetic (the next sprint, the day after) far from ``date.max``.
    """
    if isinstance(value, datetime):  # a datetime is a date too; keep only the day
        value = value.date()
    if value is None:
        return None
    if isinstance(value, date):
        typed = value
    elif value.strip().lower() in NONE_WORDS:
        return None
    else:
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            typed = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                f"{what} must be a date as YYYY-MM-DD (got {shown(value)})."
            ) from None
    if not FIRST_DAY <= typed <= LAST_DAY:
        raise InvalidInput(f"{what} must be between {FIRST_DAY} and {LAST_DAY} (got {typed}).")
    return typed


def due(value: str | date | None) -> date | None:
    """A card's due date, or none."""
    return day(value, "Due date")


def description(value: str | None) -> str:
    """A card's description: Markdown of at most 65,536 characters."""
    text = (value or "").rstrip()
    if len(text) > MAX_DESCRIPTION:
        raise InvalidInput(
            f"Description must be at most {MAX_DESCRIPTION} characters (got {len(text)})."
        )
    return _lines_of_text(text, "Description")


def comment(value: str | None) -> str:
    """A comment on a card: 1-4,000 characters of text; lines and tabs are kept."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput("A comment cannot be empty.")
    if len(text) > MAX_COMMENT:
        raise InvalidInput(f"A comment must be at most {MAX_COMMENT} characters (got {len(text)}).")
    return _lines_of_text(text, "A comment")


def _lines_of_text(text: str, what: str) -> str:
    """``text``, refused if it holds a control character other than tab and line ends."""
    stray = next((ch for ch in text if _has_control(ch) and ch not in "\t\n\r"), None)
    if stray is not None:
        raise InvalidInput(
            f"{what} must be text: it contains the control character U+{ord(stray):04X} "
            f"at character {text.index(stray) + 1}."
        )
    return text


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


def block_reason(value: str | None) -> str:
    """Why a card is being blocked: required, one line of at most 500 characters."""
    text = blocked(value)
    if text is None:
        raise InvalidInput("A reason is required to block a card.")
    return text


def key_number(text: str, what: str) -> int:
    """The number of a card or risk key, 1-999999999 (``what``: "Card number")."""
    return integer(text, what, 1, MAX_KEY_NUMBER)


CARD_KEY_RE = re.compile(r"([A-Za-z][A-Za-z0-9]{1,9})-([0-9]+)")
"""[0-9], not \\d: \\d also matches "٣" and "５", which int() then reads as 3 and 5."""


def parse_card_key(value: str) -> tuple[str, int]:
    """``WEB-12`` -> ``("WEB", 12)``."""
    match = CARD_KEY_RE.fullmatch(value.strip())
    if not match:
        raise InvalidInput(f"{shown(value)} is not a card key such as WEB-12.")
    return match.group(1).upper(), key_number(match.group(2), "Card number")


def clean_fields(
    cleaners: Mapping[str, Callable[[Any], Any]],
    changes: Mapping[str, Any],
    unknown: Callable[[str], str],
) -> dict[str, Any]:
    """Each change through its field's cleaner; the first bad one raises, and
    so does a field with no cleaner (``unknown`` says the sentence)."""
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        cleaner = cleaners.get(name)
        if cleaner is None:
            raise InvalidInput(unknown(name))
        cleaned[name] = cleaner(value)
    return cleaned


def field_errors(
    clean: Callable[[Mapping[str, Any]], object], changes: Mapping[str, Any]
) -> dict[str, str]:
    """Every bad field of ``changes`` with the sentence ``clean`` raises for it
    (an editor shows them beside the fields)."""
    errors: dict[str, str] = {}
    for name, value in changes.items():
        try:
            clean({name: value})
        except InvalidInput as error:
            errors[name] = error.message
    return errors
