"""Checking an export document before anything is written (``kanban import``).

Each record is checked with the domain's own validation functions; the first
bad one raises :class:`InvalidInput` naming the record and the reason:
``cards[17]: Points must be between 0 and 100 (got 140).`` (with
``boards[1].`` in front when the file holds several boards).

:func:`check_document` returns the boards with their values cleaned, in the
export shape (docs/export.md): the writer (:mod:`.importer`) trusts them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from enum import Enum
from typing import Any

from ..domain import boards, risk_fields, sprints, validation
from ..domain.errors import InvalidInput, KanbanError
from ..domain.model import Category
from ..domain.sprint_metrics import SprintReport
from .export import FORMAT, VERSION

_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_RISK_KEY = re.compile(r"([A-Z][A-Z0-9]{1,9})-R([0-9]+)")
REPORT_LISTS = ("committed", "added", "removed", "completed", "carried_over")


class Bad(Exception):
    """A record's problem, before its place in the file is known."""


def check_header(data: Any, name: str) -> list[Any]:
    """The document's boards; a file that is not an export, or too new, is refused."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f'{name} is not a kanban export (no "format": "{FORMAT}" header).')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(f"{name} has no valid export version (got {_shown(version)}).")
    if version > VERSION:
        raise InvalidInput(
            f"{name} is an export of version {version}; this kanban reads version {VERSION} "
            "and older: update kanban to import it."
        )
    boards = data.get("boards")
    if not isinstance(boards, list):
        raise InvalidInput(f'{name} has no "boards" list.')
    return boards


def check_document(data: Any, name: str) -> list[dict[str, Any]]:
    boards = check_header(data, name)
    out = []
    for place, board in enumerate(boards):
        prefix = f"boards[{place}]." if len(boards) > 1 else ""
        out.append(check_board(board, prefix))
    keys = [board["key"] for board in out]
    for key in keys:
        if keys.count(key) > 1:
            raise InvalidInput(f"{name} holds the board {key} twice.")
    return out


_CARD_NUMBERS = "card numbers seen"  # kept in the board while its cards are checked


def check_board(board: Any, prefix: str = "") -> dict[str, Any]:
    """One board of an export, cleaned; raises naming ``prefix`` + the record."""
    where = prefix.rstrip(".") or "board"
    try:
        record = _record(board)
        key = validation.board_key(_text(record, "key"))
        cleaned: dict[str, Any] = {
            "key": key,
            "name": validation.board_name(_text(record, "name")),
            "person_wip_limit": validation.wip_limit(_opt_int(record, "person_wip_limit")),
            "created_at": _stamp(record, "created_at"),
            "next_card": _int(record, "next_card", 1),
            "next_sprint": _int(record, "next_sprint", 1),
            "next_risk": _int(record, "next_risk", 1),
        }
    except (Bad, InvalidInput) as error:
        raise InvalidInput(f"{where}: {_reason(error)}") from None
    parts: dict[str, Callable[[Any, dict[str, Any]], dict[str, Any]]] = {
        "columns": _column,
        "sprints": _sprint,
        "cards": _card,
        "risks": _risk,
        "events": _event,
    }
    for part, check in parts.items():
        items = record.get(part, [])
        if not isinstance(items, list):
            raise InvalidInput(f"{prefix}{part}: expected a list, got {_json_type(items)}.")
        found: list[dict[str, Any]] = []
        cleaned[part] = found
        for place, item in enumerate(items):
            try:
                found.append(check(_record(item), cleaned))
            except (Bad, KanbanError) as error:
                raise InvalidInput(f"{prefix}{part}[{place}]: {_reason(error)}") from None
    try:
        boards.check_layout(
            [(column["name"], Category(column["category"])) for column in cleaned["columns"]]
        )
    except KanbanError as error:
        raise InvalidInput(f"{prefix}columns: {_reason(error)}") from None
    cleaned.pop(_CARD_NUMBERS, None)
    _check_sequences(cleaned, prefix)
    return cleaned


def _column(item: dict[str, Any], board: dict[str, Any]) -> dict[str, Any]:
    name = validation.column_name(_text(item, "name"))
    if any(column["name"] == name for column in board["columns"]):
        raise Bad(f"the column {name!r} comes twice")
    return {
        "name": name,
        "category": validation.category(_text(item, "category")).value,
        "wip_limit": validation.wip_limit(_opt_int(item, "wip_limit")),
        "policy": _text(item, "policy", ""),
    }


def _sprint(item: dict[str, Any], board: dict[str, Any]) -> dict[str, Any]:
    number = _int(item, "number", 1)
    if any(sprint["number"] == number for sprint in board["sprints"]):
        raise Bad(f"sprint {number} comes twice")
    report = _report(item.get("report"))
    committed = item.get("committed", [])
    if not isinstance(committed, list) or not all(_committed(entry) for entry in committed):
        raise Bad('committed must be a list of {"key", "points", "done"} objects')
    state = validation.choice(sprints.SprintState, _text(item, "state"), "Sprint state")
    if state is sprints.SprintState.ACTIVE and any(
        sprint["state"] is state for sprint in board["sprints"]
    ):
        raise Bad("a board has at most one active sprint")
    return {
        "number": number,
        "name": sprints.name(_text(item, "name"), number),
        "goal": sprints.goal(_text(item, "goal", "")),
        "start": _day(item, "start"),
        "end": _day(item, "end"),
        "state": state,
        "created_at": _stamp(item, "created_at", optional=True) or "",
        "started_at": _stamp(item, "started_at", optional=True),
        "completed_at": _stamp(item, "completed_at", optional=True),
        "committed": committed,
        "report": report,
    }


def _committed(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and set(entry) == {"key", "points", "done"}
        and isinstance(entry["key"], str)
        and (entry["points"] is None or type(entry["points"]) is int)
        and isinstance(entry["done"], bool)
    )


def _report(value: Any) -> dict[str, Any] | None:
    """A frozen report, back in the form a completed sprint keeps."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Bad(f"report must be an object or null (got {_json_type(value)})")
    _shallow(value, "report")
    try:
        names = [field.name for field in fields(SprintReport)]
        return SprintReport.from_dict({name: value[name] for name in names}).to_dict()
    except (KeyError, TypeError, ValueError) as error:
        raise Bad(f"report is not a sprint report ({error})") from None


def _card(item: dict[str, Any], board: dict[str, Any]) -> dict[str, Any]:
    key_board, number = validation.parse_card_key(_text(item, "key"))
    if key_board != board["key"]:
        raise Bad(f"the card {key_board}-{number} is not of board {board['key']}")
    seen = board.setdefault(_CARD_NUMBERS, set())  # a set: 10,000 cards, not 50 million looks
    if number in seen:
        raise Bad(f"the card {key_board}-{number} comes twice")
    seen.add(number)
    column = _text(item, "column")
    if not any(entry["name"] == column for entry in board["columns"]):
        raise Bad(f"the column {column!r} is not one of the board's columns")
    sprint = _opt_int(item, "sprint")
    if sprint is not None and not any(entry["number"] == sprint for entry in board["sprints"]):
        raise Bad(f"sprint {sprint} is not one of the board's sprints")
    labels = item.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise Bad("labels must be a list of strings")
    comments = item.get("comments", [])
    if not isinstance(comments, list):
        raise Bad("comments must be a list")
    reason = item.get("blocked_reason")
    if reason is not None and not isinstance(reason, str):
        raise Bad("blocked_reason must be a string or null")
    archived = item.get("archived", False)
    if not isinstance(archived, bool):
        raise Bad("archived must be true or false")
    return {
        "number": number,
        "title": validation.title(_text(item, "title")),
        "description": validation.description(_text(item, "description", "")),
        "type": validation.card_type(_text(item, "type", "task")).value,
        "priority": validation.priority(_text(item, "priority", "none")).value,
        "points": validation.points(_opt_int(item, "points")),
        "assignee": validation.assignee(_opt_text(item, "assignee")),
        "labels": " ".join(validation.labels(labels)),
        "due": _day(item, "due"),
        "column": column,
        "rank": _int(item, "rank", None),
        "sprint": sprint,
        "blocked": validation.blocked(reason),
        "archived": archived,
        "created_at": _stamp(item, "created_at"),
        "updated_at": _stamp(item, "updated_at"),
        "updated_by": _text(item, "updated_by", ""),
        "started_at": _stamp(item, "started_at", optional=True),
        "done_at": _stamp(item, "done_at", optional=True),
        "comments": [_comment(comment, place) for place, comment in enumerate(comments)],
    }


def _comment(item: Any, place: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise Bad(f"comments[{place}]: expected an object, got {_json_type(item)}")
    try:
        return {
            "author": _text(item, "author"),
            "at": _stamp(item, "at"),
            "text": validation.comment(_text(item, "text")),
        }
    except (Bad, InvalidInput) as error:
        raise Bad(f"comments[{place}]: {_reason(error)}") from None


def _risk(item: dict[str, Any], board: dict[str, Any]) -> dict[str, Any]:
    match = _RISK_KEY.fullmatch(_text(item, "key"))
    if match is None or match.group(1) != board["key"]:
        raise Bad(f"the risk key {item['key']!r} is not a risk of board {board['key']}")
    number = int(match.group(2))
    if any(risk["number"] == number for risk in board["risks"]):
        raise Bad(f"the risk {item['key']} comes twice")
    fields = {name: item.get(name) for name in risk_fields.FIELDS}
    for name in ("probability", "impact", "residual_probability", "residual_impact"):
        if fields[name] is not None and (type(fields[name]) is not int):
            raise Bad(f"{name} must be a whole number")
    values = risk_fields.clean(fields)
    risk_fields.check(values)
    cards = item.get("cards", [])
    if not isinstance(cards, list) or not all(isinstance(card, str) for card in cards):
        raise Bad("cards must be a list of card keys")
    numbers = []
    for card in cards:
        key_board, card_number = validation.parse_card_key(card)
        if key_board != board["key"] or not any(
            entry["number"] == card_number for entry in board["cards"]
        ):
            raise Bad(f"the linked card {card} is not a card of this board")
        numbers.append(card_number)
    values = {
        name: value.value if isinstance(value, Enum) else value for name, value in values.items()
    }
    values["review_on"] = values["review_on"].isoformat() if values["review_on"] else None
    values.update(
        number=number,
        cards=numbers,
        created_at=_stamp(item, "created_at"),
        updated_at=_stamp(item, "updated_at"),
        updated_by=_text(item, "updated_by", ""),
    )
    return values


def _event(item: dict[str, Any], board: dict[str, Any]) -> dict[str, Any]:
    data = item.get("data", {})
    if not isinstance(data, dict):
        raise Bad(f"data must be an object (got {_json_type(data)})")
    _shallow(data, "data")
    undo_of = data.get("undo_of")
    if "undo_of" in data and not (type(undo_of) is int and 0 <= undo_of < len(board["events"])):
        raise Bad(f"undo_of {_shown(undo_of)} is not the index of an earlier event")
    return {
        "at": _stamp(item, "at"),
        "actor": _text(item, "actor"),
        "entity": _text(item, "entity"),
        "key": _text(item, "key"),
        "action": _text(item, "action"),
        "data": data,
    }


def _check_sequences(board: dict[str, Any], prefix: str) -> None:
    """The sequences stay ahead of every number, so keys are never reused."""
    for part, name in (("cards", "next_card"), ("sprints", "next_sprint"), ("risks", "next_risk")):
        highest = max((item["number"] for item in board[part]), default=0)
        if board[name] <= highest:
            where = prefix.rstrip(".") or "board"
            raise InvalidInput(
                f"{where}: {name} {board[name]} must be above the highest number "
                f"in {part} ({highest})."
            )


MAX_DEPTH = 32
"""How deep the free-form values (an event's data, a report) may nest: an
export's go four or five levels down; a file nesting hundreds would be
stored, then fail every export (and ``kanban log``) after."""


def _shallow(value: Any, name: str) -> None:
    """Refuse ``value`` when its lists and objects nest deeper than :data:`MAX_DEPTH`."""
    level = [value]
    for _depth in range(MAX_DEPTH + 1):
        level = [
            item
            for outer in level
            if isinstance(outer, (dict, list))
            for item in (outer.values() if isinstance(outer, dict) else outer)
            if isinstance(item, (dict, list))
        ]
        if not level:
            return
    raise Bad(f"{name} is nested too deeply (more than {MAX_DEPTH} levels)")


def _record(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Bad(f"expected an object, got {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    """What a JSON value is, in JSON's words: ``null``, ``a string``, ``a list``…"""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _shown(value: Any) -> str:
    """A value as the file has it (``null``, ``"3"``, ``1.5``), a long string cut;
    a list or an object by its kind."""
    if isinstance(value, (list, dict)):
        return _json_type(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:38] + '…"'


_MISSING = object()


def _text(item: dict[str, Any], name: str, default: Any = _MISSING) -> str:
    value = item.get(name, default)
    if value is _MISSING:
        raise Bad(f"{name} is missing")
    if not isinstance(value, str):
        raise Bad(f"{name} must be a string (got {_shown(value)})")
    return value


def _opt_text(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    return None if value is None else _text(item, name)


def _int(item: dict[str, Any], name: str, low: int | None) -> int:
    value = item.get(name)
    if type(value) is not int:
        raise Bad(f"{name} must be a whole number (got {_shown(value)})")
    if low is not None and value < low:
        raise Bad(f"{name} must be at least {low} (got {value})")
    return value


def _opt_int(item: dict[str, Any], name: str) -> int | None:
    return None if item.get(name) is None else _int(item, name, None)


def _stamp(item: dict[str, Any], name: str, *, optional: bool = False) -> str | None:
    value = item.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        raise Bad(f"{name} must be a UTC timestamp like 2026-11-25T09:30:00Z (got {_shown(value)})")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Bad(f"{name} is not a real time (got {_shown(value)})") from None
    return value


def _day(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Bad(f"{name} must be a date YYYY-MM-DD or null (got {_shown(value)})")
    parsed = validation.day(value, name.capitalize())
    return parsed.isoformat() if parsed else None


def _reason(error: Exception) -> str:
    text = getattr(error, "message", None) or str(error)
    return text if text.endswith(".") else text + "."
