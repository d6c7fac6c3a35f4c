"""What the Archive view's ``/`` keeps. Plain Python, no Textual.

Words match a card's key, title or column; ``@name`` its assignee or who
archived it (``@me``: you); ``#label`` one of its labels. Every term must
match; case is ignored; prefixes of names and labels match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain import people
from ...domain.card_filter import read_terms
from ...services.archive import ArchivedCard


@dataclass(frozen=True)
class ArchiveFilter:
    text: str = ""
    me: str = ""
    words: tuple[str, ...] = field(init=False, default=())
    people: tuple[str, ...] = field(init=False, default=())
    labels: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        terms = read_terms(self.text, self.me, flags=False)
        object.__setattr__(self, "words", terms.words)
        object.__setattr__(self, "people", terms.people)
        object.__setattr__(self, "labels", terms.labels)

    @property
    def active(self) -> bool:
        return bool(self.words or self.people or self.labels)

    def matches(self, item: ArchivedCard) -> bool:
        card = item.card
        names = {people.canonical(card.assignee or "none"), people.canonical(item.by or "")}
        for person in self.people:
            if not any(name.startswith(person) for name in names if name):
                return False
        for wanted in self.labels:
            if not any(label.casefold().startswith(wanted) for label in card.labels):
                return False
        haystack = f"{card.key} {card.title} {card.column}".casefold()
        return all(word in haystack for word in self.words)
