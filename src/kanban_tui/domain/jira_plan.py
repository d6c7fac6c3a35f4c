"""A Jira CSV export fitted to this product's rules: the columns, sprints and
cards an import writes, and the summary of what was cleaned or left out.

Pure. Choices, kept simple on purpose:

- Columns are the statuses in first-seen order; a column's category comes
  from ``Status Category`` when the export has it, else from its name
  (:func:`.boards.named_category`), else in progress.
- Priorities: Highest/Blocker/Critical -> urgent, High/Major -> high,
  Medium -> medium, Low/Minor -> low, Lowest/Trivial -> none; another name
  -> none, counted. Types: Story, Bug, Spike kept; every other type is a task.
- Sprints (:mod:`.jira_sprints`): ordered by the number in their names when
  each has a distinct one, else by their issues' earliest ``Created`` date;
  an issue's last sprint is its current one. A sprint whose current issues
  are all done is completed, with dates inferred from its issues and a frozen
  report; every other sprint is planned (none is started: the team's call).
- The issue key is the first line of the description, ``from PROJ-123``; the
  parent key, when there is one, the next (``parent PROJ-7``). Card numbers
  are the key's numbers when each is distinct, else 1, 2, ...
- Dates are read as UTC with the export's format (``--date-format``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from . import jira_fields, jira_sprints, ranking, validation
from . import sprints as sprint_rules
from .boards import ColumnSpec, named_category
from .cards import flow_stamps
from .errors import InvalidInput
from .import_plan import BoardPlan, CardPlan, SprintPlan
from .import_summary import ImportSummary, Tally
from .import_text import clean_text, cut, one_line, unique_name
from .jira_csv import POINT_HEADERS, JiraExport, JiraIssue
from .model import Category
from .trello_plan import derive_key

STATUS_CATEGORIES = {
    "to do": Category.TODO,
    "in progress": Category.IN_PROGRESS,
    "done": Category.DONE,
}
KEY_NUMBER = re.compile(r"-(\d+)$")


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
    issues = [issue for issue in export.issues if issue.key or issue.first("Summary")]
    projects = [issue.first("Project name") for issue in issues if issue.first("Project name")]
    project_keys = [issue.first("Project key") for issue in issues if issue.first("Project key")]
    board_name = one_line(projects[0] if projects else "")[: validation.MAX_BOARD_NAME]
    board_name = validation.board_name(board_name or "Jira board")
    if key is not None:
        chosen = validation.board_key(key)
    elif project_keys and _key_ok(project_keys[0], taken):
        chosen = project_keys[0].upper()
    else:
        chosen = derive_key(board_name, taken)
    summary.board_key, summary.board_name = chosen, board_name
    columns, where = _columns(issues, summary)
    plan = BoardPlan(chosen, board_name, columns, summary=summary)
    tally = Tally()
    members = _members(issues, columns, where, now, date_format, tally)
    sprint_names = _sprints(plan, members)
    sprint_index = {name: index for index, name in enumerate(sprint_names)}
    numbers = _numbers(issues)
    if issues and numbers == list(range(1, len(issues) + 1)) and not _keys_numbered(issues):
        summary.skip("numbers", "issue keys are not distinct numbers: cards numbered 1, 2, ...")
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
    _count(plan, export)
    tally.into(summary)
    return plan


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
    """Each status (first-seen order) as a column, and status -> column index."""
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
    specs = [ColumnSpec(name, cat) for name, cat in zip(names, categories, strict=True)]
    if not any(spec.category is Category.TODO for spec in specs):
        specs.insert(0, ColumnSpec(unique_name("To Do", names), Category.TODO))
        where = {status: index + 1 for status, index in where.items()}
        summary.skip("columns", "no status is a to-do one: added 'To Do' first")
    if not any(spec.category is Category.DONE for spec in specs):
        specs.append(ColumnSpec(unique_name("Done", names), Category.DONE))
        summary.skip("columns", "no status is a done one: added 'Done' last")
    return tuple(specs), where


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
    resolved = jira_fields.day(issue.first("Resolved"), date_format, "resolved", tally)
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


def _numbers(issues: list[JiraIssue]) -> list[int]:
    """The issue keys' numbers (PROJ-38 -> 38) when each is distinct; else 1, 2, ..."""
    found = [KEY_NUMBER.search(issue.key) for issue in issues]
    given = [int(match.group(1)) for match in found if match]
    good = [n for n in given if 1 <= n <= validation.MAX_KEY_NUMBER]
    if len(good) == len(issues) and len(set(good)) == len(good):
        return good
    return list(range(1, len(issues) + 1))


def _keys_numbered(issues: list[JiraIssue]) -> bool:
    found = [KEY_NUMBER.search(issue.key) for issue in issues]
    return [int(match.group(1)) for match in found if match] == list(range(1, len(issues) + 1))


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
    created = jira_fields.day(issue.first("Created"), date_format, "created", tally) or now
    updated = max(
        created, jira_fields.day(issue.first("Updated"), date_format, "updated", tally) or created
    )
    due_at = jira_fields.day(issue.first("Due date"), date_format, "due", tally)
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
        assignee=jira_fields.assignee(issue.first("Assignee"), tally),
        due=jira_fields.due(due_at, tally),
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


def _count(plan: BoardPlan, export: JiraExport) -> None:
    summary = plan.summary
    summary.counts["columns"] = len(plan.columns)
    summary.counts["cards"] = len(plan.cards)
    summary.counts["points"] = sum(card.points or 0 for card in plan.cards)
    summary.counts["sprints"] = len(plan.sprints)
    summary.counts["labels"] = len({label for card in plan.cards for label in card.labels})
    summary.counts["assigned"] = sum(card.assignee is not None for card in plan.cards)
    summary.counts["due dates"] = sum(card.due is not None for card in plan.cards)
    summary.counts["comments"] = sum(len(card.comments) for card in plan.cards)
    skipped = len(export.issues) - len(plan.cards)
    if skipped:
        summary.skip("issues", f"{skipped} rows with neither a key nor a summary left out")
    used = {"Summary", "Issue key", "Issue id", "Status", "Status Category", "Issue Type"}
    used |= {"Priority", "Assignee", "Labels", "Sprint", "Description", "Comment", "Due date"}
    used |= {"Created", "Updated", "Project key", "Project name", "Parent", "Parent id"}
    used |= {"Parent key", "Custom field (Epic Link)", "Resolved"}
    used |= set(POINT_HEADERS)
    left = [h for h in dict.fromkeys(export.headers) if h and h not in used]
    if left:
        summary.skip(
            "columns not imported",
            f"{len(left)}: " + ", ".join(left[:8]) + (", ..." if len(left) > 8 else ""),
        )
