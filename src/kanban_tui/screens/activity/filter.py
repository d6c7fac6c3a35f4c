"""The Activity screen's filter: what a typed query keeps. No Textual here.

``WEB-12`` (a card, risk ``WEB-R3`` or sprint ``WEB-S2`` key) keeps the events
about it (domain/event_about.py, as ``kanban log --card``: a deleted column
that moved the card counts), ``@bob`` the events bob made (``@me``: mine), and any other word
the events whose line contains it. Every part must match; several keys mean
any of them. Names compare in their canonical form (``@BOB`` is bob), and so
do actors that the log kept as they were written before that form existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain import people
from ...domain.event_about import about
from ...domain.model import Event

KEY = re.compile(r"[A-Za-z][A-Za-z0-9]{1,9}-[RrSs]?[0-9]+")


@dataclass(frozen=True, slots=True)
class EventFilter:
    text: str = ""
    keys: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, me: str) -> EventFilter:
        keys: list[str] = []
        persons: list[str] = []
        words: list[str] = []
        for term in text.split():
            if term.startswith("@"):
                name = people.canonical(term)
                if name:
                    persons.append(f"={people.canonical(me)}" if name == "me" else name)
            elif KEY.fullmatch(term):
                keys.append(normal_key(term))
            else:
                words.append(term.lower())
        return cls(text, tuple(keys), tuple(persons), tuple(words))

    @property
    def active(self) -> bool:
        return bool(self.keys or self.people or self.words)

    @property
    def key(self) -> str | None:
        """The one key asked for: the screen then reads all of its events, not a window."""
        return self.keys[0] if len(self.keys) == 1 else None

    def matches(self, event: Event, line: str) -> bool:
        """Whether ``event``, shown as ``line`` (what it did), passes the filter."""
        if self.keys and not any(
            about(event.entity, event.key, event.action, event.data, key) for key in self.keys
        ):
            return False  # the rule of ``kanban log --card``
        actor = people.canonical(event.actor)
        for person in self.people:
            exact = person.startswith("=")
            if (actor != person[1:]) if exact else not actor.startswith(person):
                return False
        if self.words:
            haystack = f"{actor} {event.key} {line}".lower()
            return all(word in haystack for word in self.words)
        return True


def normal_key(term: str) -> str:
    """``web-r03`` -> ``WEB-R3``."""
    board, _, rest = term.upper().rpartition("-")
    kind = rest[0] if rest[:1] in ("R", "S") else ""
    return f"{board}-{kind}{int(rest[len(kind) :])}"
