"""Which action ctrl+z takes back, what takes it back, and when it is refused."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import undo
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


def test_a_card_created_into_a_sprint_is_not_a_plan_change() -> None:
    log = Log()
    log.add("card", "WEB-1", "moved", before="To Do", after="Review")
    log.add("card", "WEB-2", "created", title="New")
    log.add("card", "WEB-2", "sprint", before=None, after=1, same_second=True)
    assert log.choose().key == "WEB-1"


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


def test_what_cannot_be_undone_is_passed_over() -> None:
    log = Log()
    moved = log.add("card", "WEB-1", "moved", before="To Do", after="In Progress")
    log.add("card", "WEB-1", "commented", text="On it")
    log.add("column", "Review", "wip_limit", before=2, after=3)
    log.add("sprint", "WEB-S1", "started", goal="Ship")
    assert log.choose().event == moved.id


def test_the_cards_a_deleted_sprint_sent_back_are_part_of_the_deletion() -> None:
    log = Log()
    planned = log.add("card", "WEB-9", "sprint", before=None, after=2)
    log.add("card", "WEB-1", "sprint", before=2, after=None)
    log.add("card", "WEB-2", "sprint", before=2, after=None, same_second=True)
    log.add("sprint", "WEB-S2", "deleted", same_second=True, name="Sprint 2")
    assert log.choose().event == planned.id


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


def test_carried_over_by_completing_a_sprint_is_not_undone() -> None:
    log = Log()
    log.add("sprint", "WEB-S1", "completed")
    log.add("card", "WEB-1", "sprint", same_second=True, before=1, after=2, carried_over=True)
    with pytest.raises(NothingToUndo):
        log.choose()


def test_the_events_of_a_card_deleted_since_are_passed_over() -> None:
    log = Log()
    kept = log.add("card", "WEB-2", "moved", before="To Do", after="Done")
    log.add("card", "WEB-1", "moved", before="To Do", after="Done")
    log.add("card", "WEB-1", "deleted", title="Gone")
    assert log.choose().event == kept.id


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
    undo.check_others(step, "alice", [mine])  # the same person, spelled otherwise
    theirs = Logged(6, "t", "sam", "card", "WEB-12", "edited", {})
    with pytest.raises(RuleViolation) as raised:
        undo.check_others(step, "alice", [mine, theirs])
    assert raised.value.message == "WEB-12 was changed by sam since; nothing undone."


def test_a_card_that_no_longer_shows_what_the_action_left_refuses() -> None:
    step = _step()
    undo.check_state(step, {"column": "In Progress", "archived": False})
    with pytest.raises(RuleViolation) as raised:
        undo.check_state(step, {"column": "Review"})
    assert raised.value.message == "WEB-12 is no longer in In Progress; nothing undone."
    with pytest.raises(RuleViolation, match="WEB-12 is archived"):
        undo.check_state(step, {"column": "In Progress", "archived": True})


def test_every_undoable_action_has_a_step() -> None:
    assert set(undo.INVERSES) == {
        ("card", "moved"),
        ("card", "edited"),
        ("card", "ranked"),
        ("card", "sprint"),
        ("card", "archived"),
        ("card", "restored"),
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
