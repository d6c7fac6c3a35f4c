"""A Trello board JSON export, read into a plain description of the board.

Pure: no database, no clock. What the export says is kept as Trello says it
(names untouched, dates as UTC datetimes); fitting it to this product's rules
is :mod:`.trello_plan`'s work.

Format notes (``fixtures/imports/PROVENANCE.md``): archived is ``closed``;
labels are ``idLabels`` on a card and ``labels`` at the top (an old export has
no top-level ``labels``, only each card's own); order is ``pos``; the first 8
hex digits of an id are its creation time in Unix seconds; actions are newest
first and capped at 1,000, so old comments and creations can be missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .errors import InvalidInput

EXPECTED = (
    "expected a Trello board JSON export, an object holding the board's lists and cards "
    "(in Trello: board menu, Print, export and share, Export as JSON)"
)
NOT_A_BOARD = f"This is not a Trello board export: {EXPECTED}."
SINGLE_CARD = (
    "This is a Trello export of a single card, not of a board: export the whole "
    "board as JSON (board menu, Print, export and share, Export as JSON) and import that file."
)

CREATING_ACTIONS = frozenset(
    ("createCard", "copyCard", "convertToCardFromCheckItem", "emailCard", "moveCardToBoard")
)
"""Actions whose date is a card's creation on this board."""


@dataclass(frozen=True, slots=True)
class TrelloList:
    id: str
    name: str
    closed: bool
    pos: float


@dataclass(frozen=True, slots=True)
class TrelloComment:
    author: str
    """The Trello username, or "" when the export does not say who."""
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class TrelloChecklist:
    name: str
    items: tuple[tuple[str, bool], ...]
    """(text, complete) in ``pos`` order."""


@dataclass(frozen=True, slots=True)
class TrelloCard:
    id: str
    name: str
    desc: str
    list_id: str
    pos: float
    closed: bool
    number: int | None
    """Trello's ``idShort`` (the #38 people quote), when given."""
    labels: tuple[str, ...] = ()
    """Each label's name, or its colour when the name is empty."""
    members: tuple[str, ...] = ()
    """Usernames of the card's members, in the card's order."""
    unknown_members: int = 0
    """Member ids the export does not name (a person who left the board)."""
    due: datetime | None = None
    bad_due: str = ""
    """A ``due`` value that is not a date, kept to be reported."""
    due_complete: bool = False
    checklists: tuple[TrelloChecklist, ...] = ()
    comments: tuple[TrelloComment, ...] = ()
    """Oldest first."""
    created: datetime | None = None
    created_from_id: bool = False
    """The creation time was read from the id: no action gave it."""
    last_activity: datetime | None = None
    url: str = ""


@dataclass(frozen=True, slots=True)
class TrelloBoard:
    name: str
    lists: tuple[TrelloList, ...]
    """In ``pos`` order (the export's order breaks ties)."""
    cards: tuple[TrelloCard, ...]
    """In list order, then ``pos``."""
    labels_unnamed: int = 0
    """Labels with neither a name nor a colour: nothing to call them."""
    orphan_comments: int = 0
    """Comments on cards the export does not hold (deleted cards)."""
    extras: dict[str, int] = field(default_factory=dict)
    """What the export holds that the import leaves out, with counts."""
    actions: int = 0
    """Actions in the export: Trello stops at 1,000, the newest."""


def parse_board(data: object) -> TrelloBoard:
    """The board ``data`` (parsed JSON) describes, or one sentence saying what was expected."""
    if isinstance(data, Mapping) and "lists" not in data and "idList" in data and "idBoard" in data:
        raise InvalidInput(SINGLE_CARD)
    if not (
        isinstance(data, Mapping)
        and isinstance(data.get("lists"), list)
        and isinstance(data.get("cards"), list)
        and isinstance(data.get("name", ""), str)
    ):
        raise InvalidInput(NOT_A_BOARD)
    actions = [item for item in _list(data, "actions") if isinstance(item, Mapping)]
    members = _members(data)
    labels, unnamed = _labels(data)
    lists = _lists(data["lists"])
    known_lists = {item.id for item in lists}
    checklists = _checklists(data)
    comments, created = _from_actions(actions, members)
    raw_cards = data["cards"]
    card_ids = set()
    cards = []
    for index, raw in enumerate(raw_cards):
        card = _card(index, raw, known_lists, labels, members, checklists, comments, created)
        card_ids.add(card.id)
        cards.append(card)
    order = {item.id: index for index, item in enumerate(lists)}
    cards.sort(key=lambda card: (order[card.list_id], card.pos))
    orphans = sum(len(found) for card_id, found in comments.items() if card_id not in card_ids)
    extras = {
        name: len(value)
        for name in ("attachments", "customFields", "pluginData")
        if isinstance(value := data.get(name), list) and value
    }
    attached = sum(len(_list(raw, "attachments")) for raw in raw_cards)
    if attached:
        extras["attachments"] = attached
    return TrelloBoard(
        name=str(data.get("name") or "").strip(),
        lists=tuple(lists),
        cards=tuple(cards),
        labels_unnamed=unnamed,
        orphan_comments=orphans,
        extras=extras,
        actions=len(actions),
    )


def id_time(trello_id: str) -> datetime | None:
    """The creation time in a Trello id (its first 8 hex digits, Unix seconds)."""
    head = trello_id[:8]
    if len(head) < 8 or any(ch not in "0123456789abcdefABCDEF" for ch in head):
        return None
    return datetime.fromtimestamp(int(head, 16), UTC)


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time of the export (``2017-12-22T15:29:08.172Z``) in UTC, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def label_text(name: object, color: object) -> str:
    """What a label is called: its name, or its colour when the name is empty ("" if neither)."""
    text = name.strip() if isinstance(name, str) else ""
    if text:
        return text
    return color.strip() if isinstance(color, str) else ""


def _list(data: Mapping[str, Any], name: str) -> list[Any]:
    value = data.get(name)
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _pos(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    try:
        number = float(value)
    except OverflowError:  # an integer past a float's range
        return 0.0
    return number if number == number else 0.0  # NaN (Python's json reads it) sorts nowhere


def _members(data: Mapping[str, Any]) -> dict[str, str]:
    """Member id -> username."""
    found = {}
    for member in _list(data, "members"):
        if isinstance(member, Mapping) and isinstance(member.get("id"), str):
            name = _text(member.get("username"))
            if name:
                found[member["id"]] = name
    return found


def _labels(data: Mapping[str, Any]) -> tuple[dict[str, str], int]:
    """Label id -> text, from the top level and every card's own copies; and
    how many labels have no text at all."""
    texts: dict[str, str] = {}
    empty: set[str] = set()
    sources = list(_list(data, "labels"))
    for card in data["cards"]:
        if isinstance(card, Mapping):
            sources.extend(_list(card, "labels"))
    for label in sources:
        if not isinstance(label, Mapping) or not isinstance(label.get("id"), str):
            continue
        text = label_text(label.get("name"), label.get("color"))
        if text:
            texts[label["id"]] = text
        else:
            empty.add(label["id"])
    return texts, len(empty - texts.keys())


def _lists(raw_lists: list[Any]) -> list[TrelloList]:
    lists = []
    for index, raw in enumerate(raw_lists):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
            raise InvalidInput(f"lists[{index}]: a list without an id; {EXPECTED}.")
        lists.append(
            TrelloList(
                id=raw["id"],
                name=_text(raw.get("name")),
                closed=raw.get("closed") is True,
                pos=_pos(raw.get("pos")),
            )
        )
    # sorted() is stable: lists of equal pos keep the export's order.
    return sorted(lists, key=lambda item: item.pos)


def _checklists(data: Mapping[str, Any]) -> dict[str, list[tuple[float, TrelloChecklist]]]:
    """Card id -> its checklists with their pos."""
    found: dict[str, list[tuple[float, TrelloChecklist]]] = {}
    for raw in _list(data, "checklists"):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("idCard"), str):
            continue
        items = sorted(
            (
                (_pos(item.get("pos")), _text(item.get("name")), item.get("state") == "complete")
                for item in _list(raw, "checkItems")
                if isinstance(item, Mapping)
            ),
            key=lambda item: item[0],
        )
        checklist = TrelloChecklist(
            _text(raw.get("name")), tuple((text, done) for _, text, done in items)
        )
        found.setdefault(raw["idCard"], []).append((_pos(raw.get("pos")), checklist))
    return found


def _from_actions(
    actions: list[Mapping[str, Any]], members: dict[str, str]
) -> tuple[dict[str, list[TrelloComment]], dict[str, datetime]]:
    """Comments by card id (oldest first) and creation times by card id."""
    comments: dict[str, list[TrelloComment]] = {}
    created: dict[str, datetime] = {}
    for action in actions:
        data = action.get("data")
        card = data.get("card") if isinstance(data, Mapping) else None
        if not isinstance(card, Mapping) or not isinstance(card.get("id"), str):
            continue
        assert isinstance(data, Mapping)
        at = parse_time(action.get("date"))
        if at is None:
            continue
        kind = action.get("type")
        if kind == "commentCard":
            creator = action.get("memberCreator")
            author = _text(creator.get("username")) if isinstance(creator, Mapping) else ""
            author = author or members.get(_text(action.get("idMemberCreator")), "")
            comment = TrelloComment(author, at, _text(data.get("text")))
            comments.setdefault(card["id"], []).append(comment)
        elif kind in CREATING_ACTIONS:
            # Newest first: the oldest creation (a copy made, then moved here) wins.
            created[card["id"]] = min(at, created.get(card["id"], at))
    for found in comments.values():
        found.sort(key=lambda comment: comment.at)
    return comments, created


def _card(
    index: int,
    raw: object,
    known_lists: set[str],
    labels: dict[str, str],
    members: dict[str, str],
    checklists: dict[str, list[tuple[float, TrelloChecklist]]],
    comments: dict[str, list[TrelloComment]],
    created: dict[str, datetime],
) -> TrelloCard:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        raise InvalidInput(f"cards[{index}]: a card without an id; {EXPECTED}.")
    card_id = raw["id"]
    list_id = raw.get("idList")
    if not isinstance(list_id, str) or list_id not in known_lists:
        shown = repr(list_id) if isinstance(list_id, str) else "(none)"
        raise InvalidInput(f"cards[{index}]: its list {shown} is not among the board's lists.")
    label_ids = [item for item in _list(raw, "idLabels") if isinstance(item, str)]
    member_ids = [item for item in _list(raw, "idMembers") if isinstance(item, str)]
    due_text = raw.get("due")
    due = parse_time(due_text)
    born = created.get(card_id)
    number = raw.get("idShort")
    return TrelloCard(
        id=card_id,
        name=_text(raw.get("name")),
        desc=_text(raw.get("desc")),
        list_id=list_id,
        pos=_pos(raw.get("pos")),
        closed=raw.get("closed") is True,
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        labels=tuple(dict.fromkeys(labels[item] for item in label_ids if item in labels)),
        members=tuple(members[item] for item in member_ids if item in members),
        unknown_members=sum(item not in members for item in member_ids),
        due=due,
        bad_due=str(due_text) if due is None and due_text not in (None, "") else "",
        due_complete=raw.get("dueComplete") is True,
        checklists=tuple(item for _, item in sorted(checklists.get(card_id, []), key=_first)),
        comments=tuple(comments.get(card_id, [])),
        created=born or id_time(card_id),
        created_from_id=born is None and id_time(card_id) is not None,
        last_activity=parse_time(raw.get("dateLastActivity")),
        url=_text(raw.get("shortUrl")) or _text(raw.get("url")),
    )


def _first(pair: tuple[float, TrelloChecklist]) -> float:
    return pair[0]
