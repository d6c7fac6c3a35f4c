"""One Jira issue's fields as this product's values (pure): dates, type,
priority, story points, labels, assignee and comments, each cleanup counted
in the import's :class:`.import_summary.Tally`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from . import people, validation
from .errors import InvalidInput
from .import_plan import CommentPlan
from .import_summary import ImportSummary, Tally
from .import_text import clean_text, cut, label_left_out
from .jira_csv import JiraIssue, parse_date
from .jira_keys import few
from .model import CardType, Priority
from .trello_plan import label_name

PRIORITIES = {
    "highest": Priority.URGENT,
    "blocker": Priority.URGENT,
    "critical": Priority.URGENT,
    "high": Priority.HIGH,
    "major": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "low": Priority.LOW,
    "minor": Priority.LOW,
    "lowest": Priority.NONE,
    "trivial": Priority.NONE,
}
TYPES = {"story": CardType.STORY, "bug": CardType.BUG, "spike": CardType.SPIKE}


class KeyedTally(Tally):
    """A :class:`.Tally` that also names the issues a value was left out of:
    ``2 cards (FT-3, FT-2): story points ... left out``."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[tuple[str, str], list[str]] = {}

    def add(self, what: str, sentence: str, key: str = "") -> None:
        super().add(what, sentence)
        if key:
            self.keys.setdefault((what, sentence), []).append(key)

    def into(self, summary: ImportSummary) -> None:
        for (what, sentence), times in self.seen.items():
            cards = "1 card" if times == 1 else f"{times} cards"
            keys = self.keys.get((what, sentence))
            named = f" ({few(keys)})" if keys else ""
            summary.skip(what, f"{cards}{named}: {sentence}")


def left_out(tally: Tally, what: str, sentence: str, key: str) -> None:
    """Count ``sentence`` for ``what``, naming the issue ``key`` when ``tally`` names them."""
    if isinstance(tally, KeyedTally):
        tally.add(what, sentence, key)
    else:
        tally.add(what, sentence)


def day(text: str, fmt: str | None, what: str, tally: Tally, key: str = "") -> datetime | None:
    if not text:
        return None
    found = parse_date(text, fmt)
    if found is None:
        left_out(
            tally,
            what,
            "a date that does not fit the date format left out (see --date-format)",
            key,
        )
        return None
    return found.replace(tzinfo=UTC)


def due(at: datetime | None, tally: Tally, key: str = "") -> date | None:
    if at is None:
        return None
    try:
        return validation.due(at.date())
    except InvalidInput:
        left_out(tally, "due", "a due date out of range left out", key)
        return None


def card_type(issue: JiraIssue, tally: Tally) -> CardType:
    name = issue.first("Issue Type")
    kind = TYPES.get(name.casefold())
    if kind is None and name and name.casefold() != "task":
        tally.add("type", f"the type {name!r} became a task")
    return kind or CardType.TASK


def priority(issue: JiraIssue, tally: Tally) -> Priority:
    name = issue.first("Priority")
    if not name:
        return Priority.NONE
    found = PRIORITIES.get(name.casefold())
    if found is None:
        tally.add("priority", f"the priority {name!r} is not known: none")
        return Priority.NONE
    return found


def points(issue: JiraIssue, tally: Tally) -> int | None:
    text = issue.points_text
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        left_out(tally, "points", "story points that are not a number left out", issue.key)
        return None
    if value != int(value) or not 0 <= value <= validation.MAX_POINTS:
        left_out(
            tally,
            "points",
            f"story points not a whole number 0-{validation.MAX_POINTS} left out",
            issue.key,
        )
        return None
    return int(value)


def labels(texts: list[str], tally: Tally) -> tuple[str, ...]:
    found: list[str] = []
    for text in texts:
        label = label_name(text)
        if not label and text.strip():
            tally.add("labels", label_left_out(text))
        if label and label != text.lower():
            tally.add("labels", f"the label {text!r} became {label!r}")
        if label and label not in found:
            found.append(label)
    if len(found) > validation.MAX_LABELS:
        tally.add("labels", f"over {validation.MAX_LABELS} labels: the first ones kept")
        found = found[: validation.MAX_LABELS]
    return validation.labels(found)


def assignee(name: str, tally: Tally, key: str = "") -> str | None:
    """A Jira display name as a user name: lower case, dots for spaces."""
    if not name:
        return None
    handle = ".".join(name.casefold().replace(",", " ").split())
    try:
        user = people.user_name(handle, "Assignee") or None
    except InvalidInput:
        left_out(tally, "assignee", "an assignee that is no valid user name left out", key)
        return None
    if user in people.RESERVED:
        return None
    if user != name:
        tally.add("assignee", "display names became user names (lower case, dots for spaces)")
    return user


def comments(
    texts: list[str],
    fmt: str | None,
    created: datetime,
    tally: Tally,
    names: Mapping[str, str] | None = None,
) -> list[CommentPlan]:
    """Jira writes a comment as ``date;author;text``: the author is a user name
    (Jira Server) or an account id (Jira Cloud), shown by its display name when
    the export pairs that id with one (``Assignee``/``Assignee Id``, ...)."""
    made = []
    for raw in texts:
        parts = raw.split(";", 2)
        at, author, text = created, "unknown", raw
        if len(parts) == 3:
            when = parse_date(parts[0], fmt)
            if when is not None:
                at, text = when.replace(tzinfo=UTC), parts[2]
                who = parts[1].strip()
                author = assignee((names or {}).get(who, who), Tally()) or "unknown"
            else:
                tally.add(
                    "comments",
                    "a comment whose date does not fit the date format kept whole, "
                    "dated as its issue (see --date-format)",
                )
        text = clean_text(text).strip()
        if not text:
            continue
        if len(text) > validation.MAX_COMMENT:
            tally.add("comments", f"a comment over {validation.MAX_COMMENT} characters cut")
            text = cut(text, validation.MAX_COMMENT)
        made.append(CommentPlan(author, at, validation.comment(text)))
    return made


def account_names(issues: Iterable[JiraIssue]) -> dict[str, str]:
    """Jira Cloud account id -> display name, from the export's name/id column pairs."""
    found: dict[str, str] = {}
    for issue in issues:
        for role in ("Assignee", "Reporter", "Creator"):
            account, name = issue.first(f"{role} Id"), issue.first(role)
            if account and name:
                found.setdefault(account, name)
    return found
