"""Which log events are about a key: the rule behind ``kanban log --card``
and the Activity screen's key filter, written once. No I/O here.

An event is about a card (or risk, sprint) key when it is that entity's own
event, when its data names the card (a risk link, a forced move counted
against a column), when a WIP breach it records was of that column, or when
it is a column's deletion that moved the card elsewhere. The service reads
the same rule in SQL (services/activity.py ``recent_events``); a test holds
the two to one answer.
"""

from __future__ import annotations

from collections.abc import Mapping


def about(entity: str, key: str, action: str, data: Mapping[str, object], wanted: str) -> bool:
    """Whether the event (``entity`` ``key`` ``action`` with ``data``) is
    about ``wanted`` (a key in its normal form, e.g. ``WEB-12``)."""
    wanted = wanted.strip()
    if key.strip().upper() == wanted.upper():
        return True
    card = data.get("card")
    if isinstance(card, str) and card.upper() == wanted.upper():
        return True
    breach = data.get("breach")
    if isinstance(breach, Mapping) and breach.get("column") == wanted:
        return True
    if entity == "column" and action == "deleted":
        moved = data.get("cards")
        return isinstance(moved, list) and wanted.upper() in (str(item).upper() for item in moved)
    return False


def related_card(entity: str, key: str, data: object) -> str | None:
    """The card an event is about: its key, or the card a risk link or WIP breach names."""
    if entity == "card":
        return key
    card = data.get("card") if isinstance(data, Mapping) else None
    return card if isinstance(card, str) and card else None
