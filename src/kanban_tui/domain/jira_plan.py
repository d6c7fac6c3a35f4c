"""A Jira CSV export fitted to this product's rules: the columns, sprints and
cards an import writes, and the summary of what was cleaned or left out.

Pure. Choices, kept simple on purpose:

- Columns are the statuses: to-do columns first, then in-progress, then
  done, in first-seen order within each category. A column's category comes
  from ``Status Category`` when the export has it, else from its name
  (:func:`.boards.named_category`: ``Blocked``, ``Review`` are in progress),
  else in progress (an unknown status is work under way, as Jira's Blocked).
- Priorities: Highest/Blocker/Critical -> urgent, High/Major -> high,
  Medium -> medium, Low/Minor -> low, Lowest/Trivial -> none; another name
  -> none, counted. Types: Story, Bug, Spike kept; every other type is a task.
- Sprints (:mod:`.jira_sprints`): ordered by the number in their names when
  each has a distinct one, else by their issues' earliest ``Created`` date;
  an issue's last sprint is its current one. A sprint whose current issues
  are all done is completed, with dates inferred from its issues and a frozen
  report; every other sprint is planned (none is started: the team's call).
- The issue key is the first line of the description, ``from PROJ-123``; the
  parent key, when there is one, the next (``parent PROJ-7``). Repeated rows,
  the board key and card numbers: :mod:`.jira_keys` (the board's project
  keeps its numbers, the rest follow, oldest first).
- A summary names every column not imported, the issues a value was left out
  of (a few, then "and N more") and the rows with fewer fields than the
  header; a ``--date-format`` without a ``%`` directive, or fitting none of
  the file's dates, is refused naming one.
- Dates are read as UTC with the export's format (``--date-format``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from . import jira_fields, jira_keys, jira_sprints, ranking, validation
from . import sprints as sprint_rules
from .boards import ColumnSpec, named_category
from .cards import flow_stamps
from .errors import InvalidInput
from .import_plan import BoardPlan, CardPlan, SprintPlan, with_ends
from .import_summary import ImportSummary, Tally
from .import_text import clean_text, cut, one_line, unique_name
from .jira_csv import POINT_HEADERS, JiraExport, JiraIssue, check_date_format, parse_date
from .jira_fields import KeyedTally
from .model import Category
from .trello_plan import derive_key

STATUS_CATEGORIES = {
    "to do": Category.TODO,
    "in progress": Category.IN_PROGRESS,
    "done": Category.DONE,
}
FLOW = (Category.TODO, Category.IN_PROGRESS, Category.DONE)
DATE_HEADERS = ("Created", "Updated", "Resolved", "Due date")


def plan_export(
    export: JiraExport,
    *,
    key: str | None,
    taken: Collection[str],
    now: datetime,
    date_format: str | None = None,
) -> BoardPlan:
    """What an import of ``export`` writes; ``taken``: the keys of the boards already there."""
    summary = ImportSummary("jira", "", "")
    if date_format is not None:
        _check_dates_fit(export, check_date_format(date_format))
    issues = [issue for issue in export.issues if issue.key or issue.first("Summary")]
    issues, repeated = jira_keys.unique(issues)
    if repeated:
        summary.skip(
            "issues",
            f"{_rows(repeated)} repeating an issue key skipped: the first row of each issue "
            "is imported",
        )
    project = jira_keys.main_project(issues)
    board_name = one_line(jira_keys.project_name(issues, project))[: validation.MAX_BOARD_NAME]
    board_name = validation.board_name(board_name or "Jira board")
    if key is not None:
        chosen = validation.board_key(key)
    elif project and _key_ok(project, taken):
        chosen = project
    else:
        chosen = derive_key(board_name, taken)
    summary.board_key, summary.board_name = chosen, board_name
    columns, where = _columns(issues, summary)
    plan = BoardPlan(chosen, board_name, columns, summary=summary)
    tally = KeyedTally()
    members = _members(issues, columns, where, now, date_format, tally)
    sprint_names = _sprints(plan, members)
    sprint_index = {name: index for index, name in enumerate(sprint_names)}
    kept = jira_keys.kept_project(issues, chosen, project)
    numbers, moved = jira_keys.numbers(issues, kept, [member.created for member in members])
    if moved:
        _say_numbers(summary, chosen, kept, [issues[index].key for index in moved], numbers, moved)
    ids = {issue.first("Issue id"): issue.key for issue in issues if issue.first("Issue id")}
    names = jira_fields.account_names(issues)
    ranks = ranking.renumber(len(issues))
    for issue, number, rank in zip(issues, numbers, ranks, strict=True):
        column = where[_status(issue)]
        plan.cards.append(
            _card(
                issue,
                number,
                rank,
                column,
                columns[column].category,
                sprint_index,
                ids,
                names,
                now,
                date_format,
                tally,
            )
        )
    dated = jira_sprints.add_history(plan, sprint_names, members, now)
    if dated:
        summary.skip(
            "sprint dates",
            f"{dated} completed {'sprint' if dated == 1 else 'sprints'}: dates inferred, as "
            "the export has none (each ends on the latest Resolved date of its done issues "
            f"and lasts {sprint_rules.DEFAULT_DAYS} days, after the previous one)",
        )
    _count(plan, export, repeated)
    tally.into(summary)
    return plan


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


def _check_dates_fit(export: JiraExport, fmt: str) -> None:
    """Refuse ``fmt`` (given by --date-format) when it fits none of the file's dates."""
    example = ""
    for issue in export.issues:
        for header in DATE_HEADERS:
            text = issue.first(header)
            if not text:
                continue
            if parse_date(text, fmt) is not None:
                return
            example = example or f"{text!r} ({header} of {issue.key or 'an issue'})"
    if example:
        raise InvalidInput(
            f"The date format {fmt!r} fits none of the file's dates, such as {example}; "
            "give the format they are written in with --date-format."
        )


def _say_numbers(
    summary: ImportSummary,
    board: str,
    project: str,
    keys: list[str],
    numbers: list[int],
    moved: list[int],
) -> None:
    """Say which issues were numbered after the kept ones, and why."""
    first, last = numbers[moved[0]], numbers[moved[-1]]
    span = f"{board}-{first}" if first == last else f"{board}-{first} to {board}-{last}"
    named = [key for key in keys if key]
    which = f" ({jira_keys.few(named)})" if named else ""
    whose = f"whose key is not {project}-n (or its number is taken)" if project else "no key"
    count = "1 issue" if len(moved) == 1 else f"{len(moved)} issues"
    summary.skip(
        "numbers",
        f"{count} {whose}{which} became {span}, oldest first, after the highest kept "
        "number; each card's description starts with its Jira key (from KEY-n)",
    )


def _key_ok(text: str, taken: Collection[str]) -> bool:
    try:
        validation.board_key(text)
    except InvalidInput:
        return False
    return text.upper() not in {other.upper() for other in taken}


def _status(issue: JiraIssue) -> str:
    return one_line(issue.first("Status")) or "No status"


def _columns(
    issues: list[JiraIssue], summary: ImportSummary
) -> tuple[tuple[ColumnSpec, ...], dict[str, int]]:
    """Each status as a column, and status -> column index: to-do columns,
    then in-progress, then done, in first-seen order within each category."""
    names: list[str] = []
    where: dict[str, int] = {}
    categories: list[Category] = []
    for issue in issues:
        status = _status(issue)
        if status in where:
            continue
        name = cut(status.replace(",", ";"), validation.MAX_COLUMN_NAME)
        name = unique_name(name, names)
        if name != status:
            summary.skip("columns", f"the status {status!r} became the column {name!r}")
        said = STATUS_CATEGORIES.get(issue.first("Status Category").casefold())
        categories.append(said or named_category(status) or Category.IN_PROGRESS)
        where[status] = len(names)
        names.append(name)
    seen = [ColumnSpec(name, cat) for name, cat in zip(names, categories, strict=True)]
    order = sorted(range(len(seen)), key=lambda index: (FLOW.index(seen[index].category), index))
    specs = [seen[index] for index in order]
    where = {status: order.index(index) for status, index in where.items()}
    if order != sorted(order):
        summary.skip(
            "columns",
            "ordered to do, in progress, done (first-seen order within each), "
            "not in the order the file first shows them",
        )
    return with_ends(
        specs, names, where, summary, "no status is a to-do one", "no status is a done one"
    )


def _members(
    issues: list[JiraIssue],
    columns: tuple[ColumnSpec, ...],
    where: dict[str, int],
    now: datetime,
    date_format: str | None,
    tally: Tally,
) -> list[jira_sprints.Member]:
    """Each issue's sprints, done-ness and dates, as the sprints need them."""
    members = []
    for card, issue in enumerate(issues):
        done = columns[where[_status(issue)]].category is Category.DONE
        created = jira_fields.day(issue.first("Created"), date_format, "created", Tally()) or now
        finished = _finished(issue, date_format, now, tally) if done else None
        names = tuple(name for name in (one_line(text) for text in issue.sprints) if name)
        members.append(jira_sprints.Member(names, card, done, created, finished))
    return members


def _finished(issue: JiraIssue, date_format: str | None, now: datetime, tally: Tally) -> datetime:
    """When a done issue was done: Resolved (between Created and Updated), else Updated."""
    created = jira_fields.day(issue.first("Created"), date_format, "created", Tally()) or now
    updated = jira_fields.day(issue.first("Updated"), date_format, "updated", Tally())
    updated = max(created, updated) if updated else None
    resolved = jira_fields.day(issue.first("Resolved"), date_format, "resolved", tally, issue.key)
    if resolved is None:
        return updated or created
    return min(max(resolved, created), updated or resolved)


def _sprints(plan: BoardPlan, members: list[jira_sprints.Member]) -> list[str]:
    """The sprints in board order (see :mod:`.jira_sprints`), their names as the file gives them."""
    seen = list(dict.fromkeys(name for member in members for name in member.sprints))
    names, rule = jira_sprints.order(seen, members)
    done = jira_sprints.completed(names, members)
    for number, name in enumerate(names, start=1):
        short = sprint_rules.name(cut(name, sprint_rules.MAX_NAME), number)
        plan.sprints.append(SprintPlan(short, completed=name in done))
    if len(names) > 1:
        moved = "" if names == seen else ", not in the order the file lists them"
        plan.summary.skip("sprints", f"{len(names)} sprints {rule}{moved}")
    if names:
        plan.summary.skip(
            "sprints", "none made active: starting a sprint needs a goal, the team's call"
        )
    return names


def _card(
    issue: JiraIssue,
    number: int,
    rank: int,
    column: int,
    category: Category,
    sprint_index: dict[str, int],
    ids: dict[str, str],
    names: dict[str, str],
    now: datetime,
    date_format: str | None,
    tally: Tally,
) -> CardPlan:
    notes = [f"from {issue.key}"] if issue.key else []
    parent = _parent(issue, ids)
    if parent:
        notes.append(f"parent {parent}")
    title = one_line(issue.first("Summary")) or "(untitled Jira issue)"
    if len(title) > validation.MAX_TITLE:
        notes.append(f"Full title: {title}")
        title = cut(title, validation.MAX_TITLE)
        tally.add("title", f"title over {validation.MAX_TITLE} characters cut")
    body = clean_text(issue.first("Description")).strip()
    description = "\n".join(notes) + ("\n\n" + body if body else "")
    if len(description) > validation.MAX_DESCRIPTION:
        tally.add("description", f"description over {validation.MAX_DESCRIPTION} characters cut")
        description = cut(description, validation.MAX_DESCRIPTION)
    created = (
        jira_fields.day(issue.first("Created"), date_format, "created", tally, issue.key) or now
    )
    updated = max(
        created,
        jira_fields.day(issue.first("Updated"), date_format, "updated", tally, issue.key)
        or created,
    )
    due_at = jira_fields.day(issue.first("Due date"), date_format, "due", tally, issue.key)
    started, done = flow_stamps(category, None, None, updated)
    if done is not None:
        done = _finished(issue, date_format, now, Tally())
    current = one_line(issue.sprints[-1]) if issue.sprints else ""
    return CardPlan(
        number=number,
        column=column,
        rank=rank,
        title=validation.title(title),
        description=validation.description(description),
        type=jira_fields.card_type(issue, tally),
        priority=jira_fields.priority(issue, tally),
        points=jira_fields.points(issue, tally),
        labels=jira_fields.labels(issue.all("Labels"), tally),
        assignee=jira_fields.assignee(issue.first("Assignee"), tally, issue.key),
        due=jira_fields.due(due_at, tally, issue.key),
        sprint=sprint_index.get(current) if current else None,
        created_at=created,
        updated_at=updated,
        started_at=started,
        done_at=done,
        comments=tuple(
            jira_fields.comments(issue.all("Comment"), date_format, created, tally, names)
        ),
    )


def _parent(issue: JiraIssue, ids: dict[str, str]) -> str:
    for header in ("Parent key", "Parent", "Parent id", "Custom field (Epic Link)"):
        value = issue.first(header)
        if value:
            return ids.get(value, value)
    return ""


def _count(plan: BoardPlan, export: JiraExport, repeated: int) -> None:
    summary = plan.summary
    summary.counts["columns"] = len(plan.columns)
    summary.counts["cards"] = len(plan.cards)
    summary.counts["points"] = sum(card.points or 0 for card in plan.cards)
    summary.counts["sprints"] = len(plan.sprints)
    summary.counts["labels"] = len({label for card in plan.cards for label in card.labels})
    summary.counts["assigned"] = sum(card.assignee is not None for card in plan.cards)
    summary.counts["due dates"] = sum(card.due is not None for card in plan.cards)
    summary.counts["comments"] = sum(len(card.comments) for card in plan.cards)
    skipped = len(export.issues) - len(plan.cards) - repeated
    if skipped:
        summary.skip("issues", f"{_rows(skipped)} with neither a key nor a summary left out")
    if export.short_rows:
        lines = [str(line) for line in export.short_rows]
        summary.skip(
            "rows",
            f"{_rows(len(lines))} with fewer fields than the header (line "
            f"{jira_keys.few(lines)}): the missing fields read as empty",
        )
    used = {"Summary", "Issue key", "Issue id", "Status", "Status Category", "Issue Type"}
    used |= {"Priority", "Assignee", "Labels", "Sprint", "Description", "Comment", "Due date"}
    used |= {"Created", "Updated", "Project key", "Project name", "Parent", "Parent id"}
    used |= {"Parent key", "Custom field (Epic Link)", "Resolved"}
    used |= set(POINT_HEADERS)
    left = [h for h in dict.fromkeys(export.headers) if h and h not in used]
    if left:
        summary.skip("columns not imported", f"{len(left)}: " + ", ".join(left))
