"""Which action ctrl+z takes back, what takes it back, and when it is refused."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import undo, undo_words
from kanban_tui.domain.errors import RuleViolation
from kanban_tui.domain.undo import CannotUndo, Logged, NothingToUndo, Step


class Log:
    """A person's events, built oldest first; ``newest()`` as choose reads them."""

    def __init__(self) -> None:
        self.events: list[Logged] = []
        self._ids = count(1)
        self._seconds = count(0)

    def add(
        self,
        entity: str,
        key: str,
        action: str,
        *,
        same_second: bool = False,
        actor: str = "alice",
        **data: Any,
    ) -> Logged:
        second = 5 * next(self._seconds) if not same_second else int(self.events[-1].at[-3:-1])
        event = Logged(
            next(self._ids), f"2026-11-25T09:30:{second:02d}Z", actor, entity, key, action, data
        )
        self.events.append(event)
        return event

    def newest(self) -> list[Logged]:
        return list(reversed(self.events))

    def choose(self) -> Step:
        return undo.choose(self.newest())


def test_a_move_is_taken_back_to_its_column() -> None:
    log = Log()
    log.add("card", "WEB-1", "created", column="To Do", title="Login")
    moved = log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    step = log.choose()
    assert step == Step(
        "move",
        "WEB-1",
        moved.id,
        "WEB-1 moved To Do → In Progress",
        args={"column": "To Do", "at": moved.at},
        expect={"column": "In Progress"},
    )


@pytest.mark.parametrize(
    ("started", "category", "expected"),
    [
        ("2026-11-25T09:30:05Z", "todo", True),  # that move started it
        ("2026-11-25T09:30:06Z", "todo", True),  # the same transaction, a second's turn later
        ("2026-11-20T08:00:00Z", "todo", False),  # started days before: it stays started
        ("2026-11-25T09:30:05Z", "in_progress", False),  # still in progress
        (None, "todo", False),
    ],
)
def test_undoing_the_move_that_started_a_card_unstarts_it(started, category, expected) -> None:
    from datetime import datetime

    log = Log()
    log.add("card", "WEB-1", "created")
    log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    when = datetime.fromisoformat(started) if started else None
    assert undo.unstarts(log.choose(), when, category) is expected


def test_an_edit_sets_every_field_back_and_expects_the_new_values() -> None:
    log = Log()
    log.add(
        "card",
        "WEB-1",
        "edited",
        points={"before": 3, "after": 5},
        labels={"before": "ui api", "after": "ui"},
        description={"changed": True, "before": "Old text"},
    )
    step = log.choose()
    assert step.kind == "edit"
    assert step.args == {
        "changes": {"points": 3, "labels": ["ui", "api"], "description": "Old text"}
    }
    assert step.expect == {"points": 5, "labels": "ui"}
    assert step.text == "WEB-1 edited: points 3 → 5, labels ui, api → ui, description"


@pytest.mark.parametrize(
    ("field", "before", "after", "text"),
    [
        ("assignee", None, "bob", "WEB-1 assigned to bob"),
        ("assignee", "bob", None, "WEB-1 unassigned"),
        ("blocked", None, "waiting for the API", "WEB-1 blocked: waiting for the API"),
        ("blocked", "waiting", None, "WEB-1 unblocked"),
    ],
)
def test_assign_and_block_are_edits_of_one_field(field, before, after, text) -> None:
    log = Log()
    log.add("card", "WEB-1", "edited", **{field: {"before": before, "after": after}})
    step = log.choose()
    assert (step.kind, step.text, step.args) == ("edit", text, {"changes": {field: before}})


def test_a_rank_change_goes_back_to_its_place_in_its_list() -> None:
    log = Log()
    log.add("card", "WEB-2", "ranked", move="top", before=20, after=5, index=3, scope="backlog")
    step = log.choose()
    assert (step.kind, step.args) == ("rank", {"index": 3, "scope": "backlog"})
    assert step.text == "WEB-2 ranked to the top of the backlog"


@pytest.mark.parametrize(
    ("before", "after", "back", "text"),
    [
        (None, 3, None, "WEB-1 added to Sprint 3"),
        (3, None, 3, "WEB-1 taken out of Sprint 3"),
    ],
)
def test_a_sprint_plan_change_goes_back(before, after, back, text) -> None:
    log = Log()
    log.add("card", "WEB-1", "sprint", before=before, after=after, points=3, done=False)
    step = log.choose()
    assert (step.kind, step.text, step.args, step.expect) == (
        "sprint",
        text,
        {"sprint": back},
        {"sprint": after},
    )


def test_leaving_one_sprint_for_another_is_one_step() -> None:
    log = Log()
    log.add("card", "WEB-1", "sprint", before=2, after=None)
    joined = log.add("card", "WEB-1", "sprint", before=None, after=3, same_second=True)
    step = log.choose()
    assert (step.event, step.text, step.args) == (
        joined.id,
        "WEB-1 moved Sprint 2 → Sprint 3",
        {"sprint": 2},
    )


def test_a_card_created_into_a_sprint_is_one_creation_taken_back_by_archiving() -> None:
    log = Log()
    log.add("card", "WEB-1", "moved", before="To Do", after="Review")
    log.add("card", "WEB-2", "created", title="New")
    joined = log.add("card", "WEB-2", "sprint", before=None, after=1, same_second=True)
    step = log.choose()
    assert (step.kind, step.key, step.event) == ("archive", "WEB-2", joined.id)
    assert step.text == "WEB-2 created (it is in the archive now)"
    log.add("card", "WEB-2", "archived", column="To Do", undo_of=joined.id)
    assert log.choose().key == "WEB-1"  # the pair is undone as one


def test_a_new_card_is_taken_back_by_archiving_it() -> None:
    log = Log()
    created = log.add("card", "WEB-3", "created", column="To Do", title="New")
    step = log.choose()
    assert (step.kind, step.key, step.event) == ("archive", "WEB-3", created.id)
    assert step.expect == {"archived": False}


def test_undone_actions_and_undos_are_skipped_so_a_second_undo_goes_further_back() -> None:
    log = Log()
    first = log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    second = log.add("card", "WEB-1", "moved", before="In Progress", after="Review")
    assert log.choose().event == second.id
    log.add("card", "WEB-1", "moved", before="Review", after="In Progress", undo_of=second.id)
    assert log.choose().event == first.id
    log.add("card", "WEB-1", "moved", before="In Progress", after="To Do", undo_of=first.id)
    with pytest.raises(NothingToUndo, match="Nothing to undo"):
        log.choose()


def test_a_comment_is_passed_over() -> None:
    log = Log()
    moved = log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    log.add("card", "WEB-1", "commented", text="On it")
    assert log.choose().event == moved.id


@pytest.mark.parametrize(
    ("entity", "key", "action", "data", "named"),
    [
        ("card", "WEB-4", "deleted", {"title": "Gone"}, "deleting WEB-4"),
        ("column", "QA", "deleted", {"moved_to": "Review"}, "deleting the column QA"),
        (
            "column",
            "Review",
            "wip_limit",
            {"before": 2, "after": 3},
            "setting the WIP limit of the column Review",
        ),
        ("column", "QA", "created", {}, "adding the column QA"),
        ("sprint", "WEB-S1", "started", {"goal": "Ship"}, "starting Sprint 1"),
        ("board", "WEB", "renamed", {"before": "A", "after": "B"}, "renaming the board WEB"),
        (
            "risk",
            "WEB-R1",
            "status",
            {"before": "open", "after": "closed"},
            "changing the status of the risk WEB-R1",
        ),
    ],
)
def test_the_newest_action_decides_and_one_that_cannot_be_undone_is_named(
    entity, key, action, data, named
) -> None:
    log = Log()
    log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    log.add(entity, key, action, **data)
    with pytest.raises(CannotUndo) as raised:
        log.choose()
    assert raised.value.message == f"Your last action, {named}, cannot be undone; nothing undone."


def test_an_archive_then_a_delete_for_good_does_not_reach_an_older_restore() -> None:
    log = Log()
    log.add("card", "APP-2", "restored", column="Done")
    log.add("card", "APP-4", "archived", column="Done", done=True)
    log.add("card", "APP-4", "deleted", title="Old")
    with pytest.raises(CannotUndo, match="Your last action, deleting APP-4, cannot be undone"):
        log.choose()


def test_a_column_deleted_with_its_cards_moved_is_named_not_passed() -> None:
    log = Log()
    log.add("card", "WEB-1", "archived", column="Done", done=True)
    log.add("card", "WEB-2", "moved", before="QA", after="Code review")
    log.add("card", "WEB-3", "moved", before="QA", after="Code review", same_second=True)
    log.add("column", "QA", "deleted", same_second=True, moved_to="Code review")
    with pytest.raises(CannotUndo, match="deleting the column QA"):
        log.choose()


def test_a_bulk_archive_is_one_step_restoring_every_card() -> None:
    log = Log()
    alone = log.add("card", "WEB-1", "archived", column="Done", done=True)
    first = log.add("card", "WEB-2", "archived", column="Done", bulk=True, older_than_days=14)
    second = log.add(
        "card", "WEB-3", "archived", same_second=True, column="Done", bulk=True, older_than_days=14
    )
    step = log.choose()
    assert step.text == "2 done cards archived in one step (WEB-2, WEB-3)"
    assert [(part.kind, part.key, part.event) for part in step.parts] == [
        ("restore", "WEB-2", first.id),
        ("restore", "WEB-3", second.id),
    ]
    log.add("card", "WEB-2", "restored", column="Done", undo_of=first.id)
    log.add("card", "WEB-3", "restored", column="Done", same_second=True, undo_of=second.id)
    assert log.choose().event == alone.id  # none undone twice


def test_a_bulk_archive_names_the_first_cards_and_counts_the_rest() -> None:
    log = Log()
    log.add("card", "WEB-1", "archived", column="Done", bulk=True)
    for number in range(2, 6):
        log.add("card", f"WEB-{number}", "archived", same_second=True, column="Done", bulk=True)
    assert log.choose().text == "5 done cards archived in one step (WEB-1, WEB-2, WEB-3 and 2 more)"


def test_a_forced_move_is_undone_without_its_breach() -> None:
    log = Log()
    log.add("column", "In Progress", "wip_breach", card="WEB-1", count=4, limit=3, reason="x")
    moved = log.add(
        "card", "WEB-1", "moved", same_second=True, before="To Do", after="In Progress", forced=True
    )
    assert log.choose().event == moved.id
    log.add("card", "WEB-1", "moved", before="In Progress", after="To Do", undo_of=moved.id)
    with pytest.raises(NothingToUndo):
        log.choose()


def test_carried_over_by_completing_a_sprint_is_part_of_the_completion() -> None:
    log = Log()
    log.add("sprint", "WEB-S1", "completed")
    log.add("card", "WEB-1", "sprint", same_second=True, before=1, after=2, carried_over=True)
    with pytest.raises(CannotUndo, match="Your last action, completing Sprint 1, cannot"):
        log.choose()


def test_nothing_at_all_is_nothing_to_undo() -> None:
    with pytest.raises(NothingToUndo) as raised:
        undo.choose([])
    assert raised.value.message == "Nothing to undo: you have no change on this board left to undo."


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("edited", {"description": {"changed": True}}),  # logged before the old text was kept
        ("ranked", {"move": "up", "before": 2, "after": 1}),  # before the place was kept
        ("moved", {"before": "To Do"}),
        ("edited", {"colour": {"before": 1, "after": 2}}),
    ],
)
def test_an_old_event_without_what_undo_needs_is_refused(action, data) -> None:
    log = Log()
    log.add("card", "WEB-1", action, **data)
    with pytest.raises(CannotUndo) as raised:
        log.choose()
    assert raised.value.message == (
        "WEB-1: your last change was logged before undo kept what it needs; nothing undone."
    )


# -- refusals once chosen --------------------------------------------------------------


def _step() -> Step:
    log = Log()
    log.add("card", "WEB-12", "moved", before="To Do", after="In Progress")
    return log.choose()


def test_a_change_by_someone_else_since_refuses() -> None:
    step = _step()
    mine = Logged(5, "t", "Alice", "card", "WEB-12", "commented", {})
    undo_words.check_others(step, "alice", [mine])  # the same person, spelled otherwise
    theirs = Logged(6, "t", "sam", "card", "WEB-12", "edited", {})
    with pytest.raises(RuleViolation) as raised:
        undo_words.check_others(step, "alice", [mine, theirs])
    assert raised.value.message == "WEB-12 was changed by sam since; nothing undone."


def test_a_card_that_no_longer_shows_what_the_action_left_refuses() -> None:
    step = _step()
    undo_words.check_state(step, {"column": "In Progress", "archived": False})
    with pytest.raises(RuleViolation) as raised:
        undo_words.check_state(step, {"column": "Review"})
    assert raised.value.message == "WEB-12 is no longer in In Progress; nothing undone."
    with pytest.raises(RuleViolation, match="WEB-12 is archived"):
        undo_words.check_state(step, {"column": "In Progress", "archived": True})


def test_every_undoable_action_has_a_step() -> None:
    assert set(undo.INVERSES) == {
        ("card", "moved"),
        ("card", "edited"),
        ("card", "ranked"),
        ("card", "sprint"),
        ("card", "archived"),
        ("card", "restored"),
        ("card", "created"),
    }


@given(st.lists(st.sampled_from(["moved", "commented", "undo"]), max_size=12))
def test_choose_never_picks_an_undo_or_an_undone_action(kinds: list[str]) -> None:
    log = Log()
    undoable: list[int] = []
    for kind in kinds:
        if kind == "undo" and undoable:
            target = undoable.pop()
            log.add("card", "WEB-1", "moved", before="B", after="A", undo_of=target)
        elif kind == "moved":
            undoable.append(log.add("card", "WEB-1", "moved", before="A", after="B").id)
        else:
            log.add("card", "WEB-1", "commented", text="hi")
    if undoable:
        assert log.choose().event == undoable[-1]
    else:
        with pytest.raises(NothingToUndo):
            log.choose()


@pytest.mark.parametrize(
    ("action", "data", "text"),
    [
        (
            "moved",
            {"before": "Review", "after": "To Do"},
            "moved WEB-1 from Review to To Do (undo)",
        ),
        ("ranked", {"move": "back", "scope": "backlog"}, "ranked WEB-1 back in the backlog (undo)"),
        (
            "edited",
            {"description": {"changed": True, "before": "The old text"}},
            "changed WEB-1: description (undo)",  # the old text is kept, not shown
        ),
        ("edited", {}, "changed WEB-1 (undo)"),  # it was already as before
    ],
)
def test_the_log_says_which_events_an_undo_wrote(action, data, text) -> None:
    from kanban_tui.domain.activity import describe

    assert describe("card", "WEB-1", action, {**data, "undo_of": 7}) == text


def test_an_imported_board_begins_its_history_like_a_created_one() -> None:
    log = Log()
    log.add("board", "TD", "imported", source="trello")
    with pytest.raises(NothingToUndo, match="Nothing to undo"):
        log.choose()
