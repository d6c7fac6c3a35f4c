"""People's names: one person is one name.

An assignee, a risk owner and the acting user (``KANBAN_USER`` or the login
name) all pass through :func:`user_name`, and every comparison of two names
goes through :func:`canonical` (or :func:`same`, built on it).

The canonical form is what is stored and shown: Unicode NFKC, case-folded,
trimmed, without a leading ``@``. ``Bob``, `` bob `` and ``ＢＯＢ`` (fullwidth)
are all ``bob``. Storing that form means that an SQL ``=`` on a stored name
is the same comparison as :func:`same`, and that the activity log, the JSON
and the screen all show one spelling of each person.

What is refused rather than cleaned: control characters, invisible
(format) characters such as zero-width spaces and the soft hyphen, and
bidirectional controls. Silently stripping them would hide from a person
that the name they typed, pasted or set in ``KANBAN_USER`` is not the name
that everyone else sees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .errors import InvalidInput

MAX_NAME = 64

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Characters that reorder how the text around them is shown."""

_ROUNDS = 4  # NFKC and case folding settle in one or two rounds; the bound is a guard


def canonical(text: str) -> str:
    """How a name is kept and compared: NFKC, case-folded, trimmed, no leading ``@``.

    Total (it never refuses), so it also serves for names written before
    these rules, such as old activity-log actors and typed filter terms.
    """
    for _ in range(_ROUNDS):
        # Case folding can leave text that NFKC changes again (and NFKC can
        # uncover spaces or an "@"), so repeat until nothing changes.
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        folded = folded.strip().lstrip("@").strip()
        if folded == text:
            break
        text = folded
    return text


def same(one: str | None, other: str | None) -> bool:
    """Whether two names are one person (None, no one, is nobody's name)."""
    if one is None or other is None:
        return False
    return canonical(one) == canonical(other)


# Unicode's Default_Ignorable_Code_Point ranges that are not format (Cf)
# characters: they draw nothing, so "bob" + one of them looks like bob.
_IGNORABLE = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)


def _ignorable(ch: str) -> bool:
    code = ord(ch)
    return any(first <= code <= last for first, last in _IGNORABLE)


ME = "me"
RESERVED = (ME, "none")
"""Words that mean someone else in every name field: the acting user, no one.
The services read ``me`` as the acting user; no one is ever called either."""


def _shown(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + "...'"


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def _bad_character(value: str, what: str) -> str | None:
    """The refusal for the first control, invisible or bidi character, if any."""
    for ch in value:
        kind = unicodedata.category(ch)
        if kind == "Cc":
            return (
                f"{what} must be one line of visible text: it contains the control "
                f"character {_char_name(ch)} (got {_shown(value)})."
            )
        if ch in BIDI_CONTROLS:
            return (
                f"{what} must not change the text direction: it contains the bidi "
                f"control {_char_name(ch)} (got {_shown(value)})."
            )
        if kind == "Cf" or _ignorable(ch):  # zero-width, BOM, soft hyphen, fillers, ...
            return (
                f"{what} must be visible text: it contains the invisible character "
                f"{_char_name(ch)} (got {_shown(value)})."
            )
        if kind == "Cs":  # a byte that was not UTF-8, as os.environ decodes it
            return (
                f"{what} must be valid text: it contains the undecodable character "
                f"{_char_name(ch)} (got {_shown(value)})."
            )
    return None


def user_name(value: str, what: str = "A user name") -> str:
    """A person's name as typed -> its canonical form, or ``""`` for a blank value.

    ``what`` starts the refusal sentence (``Assignee``, ``KANBAN_USER``).
    Callers decide what blank means: no assignee, an error, the login name.
    """
    problem = _bad_character(value, what)
    if problem:
        raise InvalidInput(problem)
    name = canonical(value)
    if name == ME:
        raise InvalidInput(f"{what} 'me' stands for the acting user, who is not known here.")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"{what} must be at most {MAX_NAME} characters (got {len(name)}).")
    if any(ch.isspace() or ch == "," for ch in name):
        raise InvalidInput(
            f"{what} must be one user name without spaces or commas (got {_shown(value)})."
        )
    return name


def roster(names: Iterable[str | None]) -> list[str]:
    """Each person once, by canonical name, in order (an editor's suggestions)."""
    return sorted({canonical(name) for name in names if name} - {""})
