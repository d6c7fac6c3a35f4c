"""A Trello board fitted to this product's rules: the columns, cards and
comments an import writes, and the summary of what was cleaned or left out.

Pure. Every value of the plan passes the domain validation: a value that
would not is cleaned or cut, and the summary says so, field by field.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from datetime import date, datetime

from . import people, ranking, validation
from .boards import ColumnSpec, named_category
from .cards import flow_stamps
from .errors import InvalidInput
from .import_plan import BoardPlan, CardPlan, CommentPlan, with_ends
from .import_summary import ImportSummary, Tally
from .import_text import clean_text, cut, label_left_out, label_name, one_line, unique_name
from .model import Category
from .trello import TrelloBoard, TrelloCard, TrelloChecklist

FALLBACK_KEY = "TRELLO"
UNTITLED = "(untitled Trello card)"
UNKNOWN_AUTHOR = "unknown"
ACTION_CAP = 1_000


def derive_key(name: str, taken: Collection[str]) -> str:
    """A board key from a board name: the initials of its words (or the one
    word), A-Z only, made unique among ``taken`` with a number if need be."""
    folded = unicodedata.normalize("NFKD", name)
    words = ["".join(ch for ch in word if "A" <= ch.upper() <= "Z") for word in folded.split()]
    words = [word.upper() for word in words if word]
    base = "".join(word[0] for word in words) if len(words) > 1 else "".join(words)
    if len(base) < 2:
        base = "".join(words)[:10] if len("".join(words)) >= 2 else FALLBACK_KEY
    base = base[:10]
    used = {key.upper() for key in taken}
    if base not in used:
        return base
    for number in range(2, 1000):
        candidate = f"{base[: 10 - len(str(number))]}{number}"
        if candidate not in used:
            return candidate
    raise InvalidInput("Give a board key with --as KEY: every key made from the name is taken.")


def plan_board(
    board: TrelloBoard,
    *,
    key: str | None,
    name: str | None,
    taken: Collection[str],
    now: datetime,
) -> BoardPlan:
    """What an import of ``board`` writes; ``taken``: the keys of the boards already there."""
    summary = ImportSummary("trello", "", "")
    board_name = name if name is not None else board.name
    clean_name = one_line(board_name)[: validation.MAX_BOARD_NAME] or "Trello board"
    if name is None and clean_name != board.name:
        summary.skip("board", f"the name {board.name!r} became {clean_name!r}")
    clean_name = validation.board_name(clean_name)
    chosen = validation.board_key(key) if key is not None else derive_key(clean_name, taken)
    summary.board_key, summary.board_name = chosen, clean_name
    columns, where = _columns(board, summary)
    plan = BoardPlan(chosen, clean_name, columns, summary=summary)
    tally = Tally()
    numbers = _numbers(board.cards)
    ranks = ranking.renumber(len(board.cards))
    closed_lists = {item.id: item.name for item in board.lists if item.closed}
    for card, number, rank in zip(board.cards, numbers, ranks, strict=True):
        column = where[card.list_id]
        plan.cards.append(
            _card(card, number, rank, column, columns[column].category, closed_lists, now, tally)
        )
    _count(plan, board)
    _board_notes(board, summary)
    tally.into(summary)
    return plan


def _columns(board: TrelloBoard, summary: ImportSummary) -> tuple[tuple[ColumnSpec, ...], dict]:
    """The open lists as columns, and each list id -> its column's index.

    A closed list is no column: its cards go, archived, to the column of the
    open list before it (the first column when there is none)."""
    names: list[str] = []
    where: dict[str, int] = {}
    for item in board.lists:
        if item.closed:
            where[item.id] = max(len(names) - 1, 0)
            continue
        name = cut(one_line(item.name).replace(",", ";"), validation.MAX_COLUMN_NAME)
        name = name or f"List {len(names) + 1}"
        name = unique_name(name, names)
        if name != item.name:
            summary.skip("columns", f"the list {item.name!r} became the column {name!r}")
        where[item.id] = len(names)
        names.append(name)
    specs = []
    for index, name in enumerate(names):
        category = named_category(name)
        if category is None:
            last = index == len(names) - 1 and index > 0
            category = Category.TODO if index == 0 else Category.DONE if last else None
        specs.append(ColumnSpec(name, category or Category.IN_PROGRESS))
    columns, where = with_ends(
        specs, names, where, summary, "no list is a todo column", "no list is a done column"
    )
    closed = sum(item.closed for item in board.lists)
    if closed:
        summary.skip(
            "lists",
            f"{closed} archived {'list is' if closed == 1 else 'lists are'} no column: "
            f"{'its' if closed == 1 else 'their'} cards are archived, in the column before "
            f"where {'it' if closed == 1 else 'each list'} stood",
        )
    return columns, where


def _numbers(cards: tuple[TrelloCard, ...]) -> list[int]:
    """Trello's own card numbers (#38) when each card has a distinct one; else 1, 2, ..."""
    given = [card.number for card in cards]
    good = [n for n in given if n is not None and 1 <= n <= validation.MAX_KEY_NUMBER]
    if len(good) == len(cards) and len(set(good)) == len(good):
        return good
    return list(range(1, len(cards) + 1))


def _card(
    card: TrelloCard,
    number: int,
    rank: int,
    column: int,
    category: Category,
    closed_lists: dict[str, str],
    now: datetime,
    tally: Tally,
) -> CardPlan:
    notes: list[str] = []
    title = one_line(card.name)
    if not title:
        title = UNTITLED
        tally.add("title", f"no title: called {UNTITLED!r}")
    elif title != card.name.strip():
        tally.add("title", "line breaks or control characters in the title made spaces")
    if len(title) > validation.MAX_TITLE:
        notes.append(f"Full title: {title}")
        title = cut(title, validation.MAX_TITLE)
        tally.add(
            "title",
            f"title over {validation.MAX_TITLE} characters cut (in full atop the description)",
        )
    assignee, others = _assignee(card, tally)
    if others:
        notes.append("Also members on Trello: " + ", ".join(others) + ".")
    if card.unknown_members:
        tally.add("assignee", "a member the export does not name left out")
    due = _due(card, tally)
    if card.due_complete:
        notes.append("Due date marked complete on Trello.")
        tally.add("due", "due date marked complete: said in the description")
    if card.list_id in closed_lists:
        notes.append(
            f"On Trello this card was in the archived list {closed_lists[card.list_id]!r}."
        )
    description = _description(card.desc, card.checklists, notes, tally)
    created = card.created or now
    if card.created is None:
        tally.add("created", "no creation date in the export: the import's time used")
    elif card.created_from_id:
        tally.add("created", "creation date read from the card id (no action gave it)")
    updated = max(created, card.last_activity or created)
    started, done = flow_stamps(category, None, None, updated)
    return CardPlan(
        number=number,
        column=column,
        rank=rank,
        title=validation.title(title),
        description=validation.description(description),
        labels=_labels(card.labels, tally),
        assignee=assignee,
        due=due,
        archived=card.closed or card.list_id in closed_lists,
        created_at=created,
        updated_at=updated,
        started_at=started,
        done_at=done,
        comments=tuple(_comments(card, tally)),
    )


def _assignee(card: TrelloCard, tally: Tally) -> tuple[str | None, list[str]]:
    names = []
    for member in card.members:
        try:
            names.append(people.user_name(member, "Assignee") or "")
        except InvalidInput:
            tally.add("assignee", "a username that is no valid user name left out")
    names = [name for name in dict.fromkeys(names) if name and name not in people.RESERVED]
    if len(names) > 1:
        tally.add(
            "assignee",
            "several members: the first is the assignee, the others named in the description",
        )
    return (names[0] if names else None), names[1:]


def _due(card: TrelloCard, tally: Tally) -> date | None:
    if card.bad_due:
        tally.add("due", "a due date that is not a date left out")
        return None
    if card.due is None:
        return None
    try:
        return validation.due(card.due.date())
    except InvalidInput:
        tally.add(
            "due",
            f"a due date outside {validation.FIRST_DAY.year}-{validation.LAST_DAY.year} left out",
        )
        return None


def _description(
    desc: str, checklists: tuple[TrelloChecklist, ...], notes: list[str], tally: Tally
) -> str:
    parts = [clean_text(desc).strip()] if desc.strip() else []
    for checklist in checklists:
        lines = [f"**{one_line(checklist.name) or 'Checklist'}**"]
        lines += [f"- [{'x' if done else ' '}] {one_line(text)}" for text, done in checklist.items]
        parts.append("\n".join(lines))
    if notes:
        parts.append("\n".join(clean_text(note) for note in notes))
    text = "\n\n".join(parts).rstrip()
    if len(text) > validation.MAX_DESCRIPTION:
        tally.add("description", f"description over {validation.MAX_DESCRIPTION} characters cut")
        text = cut(text, validation.MAX_DESCRIPTION)
    return text


def _labels(texts: tuple[str, ...], tally: Tally) -> tuple[str, ...]:
    found: list[str] = []
    for text in texts:
        label = label_name(text)
        if not label:
            if text.strip():
                tally.add("labels", label_left_out(text))
            continue
        if label != text.strip().lower():
            tally.add("labels", f"the label {text!r} became {label!r}")
        if label not in found:
            found.append(label)
    if len(found) > validation.MAX_LABELS:
        tally.add(
            "labels", f"over {validation.MAX_LABELS} labels: the first {validation.MAX_LABELS} kept"
        )
        found = found[: validation.MAX_LABELS]
    return validation.labels(found)


def _comments(card: TrelloCard, tally: Tally) -> list[CommentPlan]:
    made = []
    for comment in card.comments:
        text = clean_text(comment.text).strip()
        if not text:
            tally.add("comments", "an empty comment left out")
            continue
        if len(text) > validation.MAX_COMMENT:
            tally.add("comments", f"a comment over {validation.MAX_COMMENT} characters cut")
            text = cut(text, validation.MAX_COMMENT)
        try:
            author = people.user_name(comment.author, "Author") or UNKNOWN_AUTHOR
        except InvalidInput:
            author = UNKNOWN_AUTHOR
        if author == UNKNOWN_AUTHOR:
            tally.add("comments", f"a comment whose author is not known: by {UNKNOWN_AUTHOR!r}")
        made.append(CommentPlan(author, comment.at, validation.comment(text)))
    return made


def _count(plan: BoardPlan, board: TrelloBoard) -> None:
    summary = plan.summary
    summary.counts["columns"] = len(plan.columns)
    summary.counts["cards"] = len(plan.cards)
    summary.counts["archived"] = sum(card.archived for card in plan.cards)
    summary.counts["labels"] = len({label for card in plan.cards for label in card.labels})
    summary.counts["assigned"] = sum(card.assignee is not None for card in plan.cards)
    summary.counts["people"] = len({card.assignee for card in plan.cards if card.assignee})
    summary.counts["due dates"] = sum(card.due is not None for card in plan.cards)
    summary.counts["checklist items"] = sum(
        len(checklist.items) for card in board.cards for checklist in card.checklists
    )
    summary.counts["comments"] = sum(len(card.comments) for card in plan.cards)


def _board_notes(board: TrelloBoard, summary: ImportSummary) -> None:
    if board.labels_unnamed:
        summary.skip("labels", f"{board.labels_unnamed} with neither a name nor a colour left out")
    if board.orphan_comments:
        summary.skip("comments", f"{board.orphan_comments} on cards not in the export left out")
    if board.actions >= ACTION_CAP:
        summary.skip(
            "comments",
            f"the export holds Trello's newest {ACTION_CAP:,} actions only: "
            "older comments and creation dates are not in the file",
        )
    for what, number in sorted(board.extras.items()):
        summary.skip(what, f"{number} not imported")
