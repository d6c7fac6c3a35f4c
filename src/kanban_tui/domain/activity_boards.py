"""The activity log's sentences for tidying boards and columns (renames,
moves, deletes, categories); :mod:`.activity` holds the rest and uses these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ARROW = "→"


def _name(item: object) -> str:
    return "none" if item is None or item == "" else f"“{item}”"


def _category(item: object) -> str:
    return str(item or "none").replace("_", " ")


def _board_renamed(key: str, data: Mapping[str, Any]) -> str:
    before, after = _name(data.get("before")), _name(data.get("after"))
    return f"renamed the board {key}: {before} {ARROW} {after}"


def _column_renamed(key: str, data: Mapping[str, Any]) -> str:
    return f"renamed the column {data['before']} to {data.get('after') or key}"


def _column_moved(key: str, data: Mapping[str, Any]) -> str:
    text = f"moved the column {key} from position {data['before']} to {data['after']}"
    order = data.get("order")
    if isinstance(order, list) and order:
        text += ": " + ", ".join(str(name) for name in order)
    return text


def _column_deleted(key: str, data: Mapping[str, Any]) -> str:
    text = f"deleted the column {key}"
    cards = data.get("cards")
    if data.get("moved_to") and isinstance(cards, list) and cards:
        count = "1 card" if len(cards) == 1 else f"{len(cards)} cards"
        text += f", its {count} moved to {data['moved_to']}"
        if data.get("forced"):
            if "count" in data and "limit" in data:
                text += f" over its WIP limit ({data['count']} of {data['limit']})"
            people = data.get("people_over")
            if isinstance(people, dict) and people:
                names = ", ".join(str(name) for name in people)
                text += (
                    f"{' and' if 'count' in data else ''} over the per-person WIP limit ({names})"
                )
            if data.get("reason"):
                text += f": {data['reason']}"
    return text


def _column_category(key: str, data: Mapping[str, Any]) -> str:
    return (
        f"made {key} a {_category(data.get('after'))} column (was {_category(data.get('before'))})"
    )


def _board_working_days(key: str, data: Mapping[str, Any]) -> str:
    return f"set the working days of {key} to {data.get('after') or 'mon-fri'}"


HANDLERS: dict[tuple[str, str], Callable[[str, Mapping[str, Any]], str]] = {
    ("board", "renamed"): _board_renamed,
    ("board", "working_days"): _board_working_days,
    ("column", "renamed"): _column_renamed,
    ("column", "moved"): _column_moved,
    ("column", "deleted"): _column_deleted,
    ("column", "category"): _column_category,
}
