"""The activity log in words: one readable line per event, and when it happened.

``describe`` turns what the services write (``ctx.log``: entity, key, action
and a JSON object of the values that matter) into a sentence such as "moved
WEB-12 from Review to Done". The log outlives the code that wrote it, so an
event this module does not know, or one whose data is not what it expects,
still gets a plain line: ``describe`` never raises.

The sentences quote user text (titles, reasons, goals); callers show them
literally, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from .activity_boards import HANDLERS as BOARD_HANDLERS

ARROW = "→"

_FIELD_NAMES = {
    "review_on": "review date",
    "residual_probability": "residual probability",
    "residual_impact": "residual impact",
    "residual_score": "residual score",
    "wip_limit": "WIP limit",
}
_QUOTED = ("title", "goal", "name")
"""Fields whose values are sentences: shown in quotes, so a change reads clearly."""
_RATINGS = ("probability", "impact", "residual_probability", "residual_impact")


def describe(entity: str, key: str, action: str, data: object) -> str:
    """One line that says what the event did, e.g. ``moved WEB-12 from Review to Done``."""
    # `type() is dict` first: the log's data is a dict, and the Mapping check is
    # a costly ABC lookup when `kanban log --json` describes a million events.
    values: Mapping[str, Any] = data if type(data) is dict or isinstance(data, Mapping) else {}
    undo = ""
    if "undo_of" in values:
        # Written by an undo (the id of the event it took back): said after the line.
        undo = " (undo)"
        values = {name: item for name, item in values.items() if name != "undo_of"}
    handler = _HANDLERS.get((str(entity), str(action)))
    if handler is not None:
        try:
            text = handler(str(key), values)
        except Exception:  # an old or hand-edited event: fall back, never crash a view
            text = None
        if text:
            return text + undo
    return fallback(str(entity), str(key), str(action), values) + undo


def fallback(entity: str, key: str, action: str, data: Mapping[str, Any]) -> str:
    """``<action> <key>`` for an event no handler knows, with its before/after if any."""
    verb = action.replace("_", " ").strip() or "changed"
    text = f"{verb} {key}".strip() if key else f"{verb} {entity}".strip()
    if "before" in data or "after" in data:
        text += f": {value(data.get('before'))} {ARROW} {value(data.get('after'))}"
    return text


# -- values ---------------------------------------------------------------------------


def value(item: object) -> str:
    """A logged value as a person reads it: ``none`` for nothing, lists by commas."""
    if type(item) is str:  # the common case, before the costly checks below
        return item or "none"
    if item is None or item == "":
        return "none"
    if isinstance(item, bool):
        return "yes" if item else "no"
    if isinstance(item, list | tuple):
        return ", ".join(value(part) for part in item) if item else "none"
    if isinstance(item, Mapping):
        return "…"
    return str(item)


def field_name(name: str) -> str:
    return _FIELD_NAMES.get(name, name.replace("_", " "))


def _quoted(item: object) -> str:
    return "none" if item is None or item == "" else f"“{item}”"


def _labels(item: object) -> str:
    if isinstance(item, str):  # stored space-separated
        return ", ".join(item.split()) or "none"
    return value(item)


def change(name: str, diff: object) -> str:
    """``points 3 → 5`` for one field of an edit; free text just says it changed."""
    label = field_name(name)
    if (
        not isinstance(diff, Mapping)
        or diff.get("changed")
        or ("before" not in diff and "after" not in diff)
    ):
        # {"changed": true}: a long text is not shown (its old value is kept for undo)
        return label
    before, after = diff.get("before"), diff.get("after")
    if name in _QUOTED:
        return f"{label} {_quoted(before)} {ARROW} {_quoted(after)}"
    if name == "labels":
        return f"{label} {_labels(before)} {ARROW} {_labels(after)}"
    return f"{label} {value(before)} {ARROW} {value(after)}"


def _changes(data: Mapping[str, Any], skip: tuple[str, ...] = ()) -> list[str]:
    return [change(name, diff) for name, diff in data.items() if name not in skip]


def _with_text(text: str, detail: object) -> str:
    """``text: detail`` when there is a detail."""
    return f"{text}: {detail}" if detail not in (None, "") else text


def sprint_label(key: str, data: Mapping[str, Any] | None = None) -> str:
    """``Sprint 3`` for the key ``WEB-S3`` (or the number in the data)."""
    number = (data or {}).get("number")
    if number is None:
        match = re.search(r"-S([0-9]+)$", key, flags=re.IGNORECASE)
        number = match.group(1) if match else None
    return f"Sprint {number}" if number is not None else key


def _points(count: object) -> str:
    return "1 point" if count == 1 else f"{value(count)} points"


# -- cards ------------------------------------------------------------------------------


OVERRIDE_FIELDS = ("forced", "reason", "breach", "person_breach")
"""What a WIP override adds to the one event of its change (created, moved, edited)."""


def _forced(data: Mapping[str, Any]) -> str:
    """`` (forced over the WIP limit of In Progress, 4 of 3: prod is down)``, or nothing.

    An override is one event: the change, the reason and each limit it went
    over. (Logs written before that keep a separate ``wip_breach`` event.)
    """
    if not data.get("forced"):
        return ""
    over = []
    breach, person = data.get("breach"), data.get("person_breach")
    if isinstance(breach, Mapping):
        over.append(
            f"over the WIP limit of {value(breach.get('column'))}, "
            f"{breach.get('count')} of {breach.get('limit')}"
        )
    if isinstance(person, Mapping):
        over.append(
            f"over {value(person.get('person'))}'s WIP limit, "
            f"{person.get('count')} of {person.get('limit')}"
        )
    what = "forced " + " and ".join(over) if over else "forced"
    return f" ({what}: {data['reason']})" if data.get("reason") else f" ({what})"


def _card_created(key: str, data: Mapping[str, Any]) -> str:
    where = f" in {value(data['column'])}" if data.get("column") else ""
    return _with_text(f"created {key}{where}", data.get("title")) + _forced(data)


def _card_moved(key: str, data: Mapping[str, Any]) -> str:
    return f"moved {key} from {value(data['before'])} to {value(data['after'])}{_forced(data)}"


def _card_ranked(key: str, data: Mapping[str, Any]) -> str:
    scope = {"backlog": "the backlog", "sprint": "its sprint"}.get(
        str(data.get("scope") or "column"), "its column"
    )
    move = str(data.get("move") or "")
    if move in ("top", "bottom"):
        return f"ranked {key} to the {move} of {scope}"
    if move in ("up", "down"):
        return f"ranked {key} {move} in {scope}"
    if move == "back":  # an undo: where it was before
        return f"ranked {key} back in {scope}"
    return f"ranked {key} in {scope}"


def _card_edited(key: str, data: Mapping[str, Any]) -> str:
    forced = _forced(data)
    data = {name: change for name, change in data.items() if name not in OVERRIDE_FIELDS}
    return _card_edit_text(key, data) + forced


def _card_edit_text(key: str, data: Mapping[str, Any]) -> str:
    names = set(data)
    if names == {"assignee"}:
        before, after = data["assignee"].get("before"), data["assignee"].get("after")
        was = f" (was {before})" if before else ""
        return f"assigned {key} to {after}{was}" if after else f"unassigned {key}{was}"
    if names == {"blocked"}:
        before, after = data["blocked"].get("before"), data["blocked"].get("after")
        if not after:
            return f"unblocked {key}"
        return f"blocked {key}: {after}" if not before else f"changed why {key} is blocked: {after}"
    if not names:
        return f"changed {key}"
    return f"changed {key}: " + ", ".join(_changes(data))


def _card_commented(key: str, data: Mapping[str, Any]) -> str:
    # A comment may span lines; the log is one line an event.
    return _with_text(f"commented on {key}", " ".join(str(data.get("text") or "").split()))


def _card_deleted(key: str, data: Mapping[str, Any]) -> str:
    where = f" from {value(data['column'])}" if data.get("column") else ""
    return _with_text(f"deleted {key}{where}", data.get("title"))


def _card_archived(key: str, data: Mapping[str, Any]) -> str:
    where = f" from {value(data['column'])}" if data.get("column") else ""
    if data.get("bulk") and data.get("older_than_days") is not None:
        return f"archived {key}{where} (done more than {_days(data['older_than_days'])} ago)"
    return f"archived {key}{where}"


def _card_restored(key: str, data: Mapping[str, Any]) -> str:
    where = f" to {value(data['column'])}" if data.get("column") else ""
    return f"restored {key}{where}{_forced(data)}"


def _days(count: object) -> str:
    return "1 day" if count == 1 else f"{value(count)} days"


def _card_sprint(key: str, data: Mapping[str, Any]) -> str:
    before, after = data.get("before"), data.get("after")
    source = f"Sprint {before}" if before is not None else "the backlog"
    target = f"Sprint {after}" if after is not None else "the backlog"
    if data.get("carried_over"):
        return f"carried {key} over from {source} to {target}"
    scope = " (scope change)" if data.get("scope_change") else ""
    if before is None and after is not None:
        return f"added {key} to {target}{scope}"
    if after is None and before is not None:
        return f"took {key} out of {source}{scope}"
    return f"moved {key} from {source} to {target}{scope}"


# -- columns and boards -----------------------------------------------------------------


def _column_created(key: str, data: Mapping[str, Any]) -> str:
    category = str(data.get("category") or "").replace("_", " ")
    details = [part for part in (category, f"WIP {data['wip']}" if data.get("wip") else "") if part]
    return f"added the column {key}" + (f" ({', '.join(details)})" if details else "")


def _column_wip_limit(key: str, data: Mapping[str, Any]) -> str:
    before, after = data.get("before"), data.get("after")
    if after is None:
        return f"removed the WIP limit of {key} (was {value(before)})"
    was = f" (was {before})" if before is not None else ""
    return f"set the WIP limit of {key} to {after}{was}"


def _column_wip_breach(key: str, data: Mapping[str, Any]) -> str:
    card = data.get("card") or "a card"
    counts = f" ({data['count']} of {data['limit']})" if "count" in data and "limit" in data else ""
    return _with_text(f"forced {card} into {key} over its WIP limit{counts}", data.get("reason"))


def _board_created(key: str, data: Mapping[str, Any]) -> str:
    text = _with_text(f"created the board {key}", data.get("name"))
    return text + f" (from the {data['template']} template)" if data.get("template") else text


def _board_imported(key: str, data: Mapping[str, Any]) -> str:
    source = str(data.get("source") or "another tool").capitalize()
    counts = data.get("counts")
    cards = counts.get("cards") if isinstance(counts, Mapping) else None
    made = f" ({cards} card{'' if cards == 1 else 's'})" if isinstance(cards, int) else ""
    return _with_text(f"imported the board {key} from {source}{made}", data.get("name"))


def _board_person_wip_limit(key: str, data: Mapping[str, Any]) -> str:
    before, after = data.get("before"), data.get("after")
    if after is None:
        return f"removed the per-person WIP limit (was {value(before)})"
    return f"set the per-person WIP limit to {after} (was {value(before)})"


def _board_wip_breach(key: str, data: Mapping[str, Any]) -> str:
    card = data.get("card") or "a card"
    person = value(data.get("person"))
    counts = f" ({data['count']} of {data['limit']})" if "count" in data and "limit" in data else ""
    text = f"forced {card} on {person} over the per-person WIP limit{counts}"
    return _with_text(text, data.get("reason"))


# -- sprints ---------------------------------------------------------------------------


def _sprint_created(key: str, data: Mapping[str, Any]) -> str:
    label = sprint_label(key, data)
    name = data.get("name")
    if name and name != label:
        label += f" “{name}”"
    dates = f" ({data['start']} to {data['end']})" if data.get("start") and data.get("end") else ""
    return _with_text(f"created {label}{dates}", data.get("goal"))


def _sprint_started(key: str, data: Mapping[str, Any]) -> str:
    committed = data.get("committed_points")
    points = f" ({_points(committed)} committed)" if committed is not None else ""
    return _with_text(f"started {sprint_label(key, data)}{points}", data.get("goal"))


def _sprint_completed(key: str, data: Mapping[str, Any]) -> str:
    text = f"completed {sprint_label(key, data)}"
    if "completed_points" not in data:
        return text
    text += f": {data['completed_points']} of {_points(data.get('committed_points'))} done"
    if data.get("added_points"):
        text += f", {data['added_points']} added"
    if data.get("removed_points"):
        text += f", {data['removed_points']} removed"
    if data.get("carried_over_points"):
        text += f", {data['carried_over_points']} carried over"
    return text


def _sprint_edited(key: str, data: Mapping[str, Any]) -> str:
    changes = _changes(data)
    label = sprint_label(key)
    return f"changed {label}: " + ", ".join(changes) if changes else f"changed {label}"


def _sprint_deleted(key: str, data: Mapping[str, Any]) -> str:
    label = sprint_label(key)
    name = data.get("name")
    return f"deleted {label}" + (f" “{name}”" if name and name != label else "")


# -- risks -----------------------------------------------------------------------------


def _risk_created(key: str, data: Mapping[str, Any]) -> str:
    rating = ""
    if data.get("score") is not None:
        severity = f", {data['severity']}" if data.get("severity") else ""
        rating = f" (score {data['score']}{severity})"
    return _with_text(f"added the risk {key}{rating}", data.get("title"))


def _risk_edited(key: str, data: Mapping[str, Any]) -> str:
    scores = []
    for name, note in (("score", ""), ("residual_score", " (residual)")):
        diff = data.get(name)
        if isinstance(diff, Mapping):
            scores.append(f"{value(diff.get('before'))} {ARROW} {value(diff.get('after'))}{note}")
    if scores:
        # The score says what the ratings did; the other fields follow it.
        rest = _changes(data, skip=("score", "residual_score", *_RATINGS))
        text = f"re-scored {key}: " + ", ".join(scores)
        return text + "; " + ", ".join(rest) if rest else text
    changes = _changes(data)
    return f"changed {key}: " + ", ".join(changes) if changes else f"changed {key}"


def _risk_status(key: str, data: Mapping[str, Any]) -> str:
    before, after = data.get("before"), data.get("after")
    was = f" (was {before})" if before else ""
    if after == "closed":
        return f"closed {key}{was}"
    if after == "open":
        return f"reopened {key}{was}"
    return f"marked {key} as {value(after)}{was}"


def _risk_linked(key: str, data: Mapping[str, Any]) -> str:
    return f"linked {data['card']} to the risk {key}"


def _risk_unlinked(key: str, data: Mapping[str, Any]) -> str:
    return f"unlinked {data['card']} from the risk {key}"


_HANDLERS: dict[tuple[str, str], Callable[[str, Mapping[str, Any]], str]] = {
    ("card", "created"): _card_created,
    ("card", "moved"): _card_moved,
    ("card", "ranked"): _card_ranked,
    ("card", "edited"): _card_edited,
    ("card", "deleted"): _card_deleted,
    ("card", "archived"): _card_archived,
    ("card", "restored"): _card_restored,
    ("card", "commented"): _card_commented,
    ("card", "sprint"): _card_sprint,
    ("column", "created"): _column_created,
    ("column", "wip_limit"): _column_wip_limit,
    ("column", "wip_breach"): _column_wip_breach,
    ("board", "created"): _board_created,
    ("board", "imported"): _board_imported,
    ("board", "person_wip_limit"): _board_person_wip_limit,
    ("board", "wip_breach"): _board_wip_breach,
    ("sprint", "created"): _sprint_created,
    ("sprint", "started"): _sprint_started,
    ("sprint", "completed"): _sprint_completed,
    ("sprint", "edited"): _sprint_edited,
    ("sprint", "deleted"): _sprint_deleted,
    ("risk", "created"): _risk_created,
    ("risk", "edited"): _risk_edited,
    ("risk", "status"): _risk_status,
    ("risk", "linked"): _risk_linked,
    ("risk", "unlinked"): _risk_unlinked,
    **BOARD_HANDLERS,
}
KNOWN = frozenset(_HANDLERS)
"""The (entity, action) pairs that have their own sentence."""

LEGACY = frozenset({("column", "wip_breach"), ("board", "wip_breach")})
"""Pairs older logs hold and the services no longer write: a WIP override was
a ``wip_breach`` event beside its change; it is now part of that one event."""


# -- time --------------------------------------------------------------------------------


def when(moment: datetime, now: datetime) -> str:
    """``today 14:02``, ``Mon 14:02`` within the week, ``Nov 03 14:02`` this year,
    else ``2025-11-03``. Both times in the reader's time zone."""
    days = (now.date() - moment.date()).days
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if days == 0:
        return f"today {clock}"
    if 0 < days < 7:
        return f"{_DAYS[moment.weekday()]} {clock}"
    if moment.year == now.year:
        return f"{_MONTHS[moment.month - 1]} {moment.day:02d} {clock}"
    return moment.date().isoformat()


# English names whatever the locale: strftime's %a and %b follow LC_TIME.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
