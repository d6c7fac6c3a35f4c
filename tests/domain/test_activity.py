"""The activity log in words: one sentence for every event the services write."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.activity import KNOWN, describe, when
from kanban_tui.domain.event_about import related_card

# (entity, key, action, data as the services log it) -> the sentence.
EXAMPLES = [
    (
        "card",
        "WEB-43",
        "created",
        {"column": "To Do", "title": "Fix the login redirect", "points": 3, "assignee": None},
        "created WEB-43 in To Do: Fix the login redirect",
    ),
    (
        "card",
        "WEB-12",
        "moved",
        {"before": "Review", "after": "Done"},
        "moved WEB-12 from Review to Done",
    ),
    (
        "card",
        "WEB-4",
        "moved",
        {"before": "To Do", "after": "In Progress", "forced": True, "reason": "hotfix"},
        "moved WEB-4 from To Do to In Progress (forced: hotfix)",
    ),
    (
        "card",
        "WEB-29",
        "ranked",
        {"move": "top", "before": 5, "after": 1, "scope": "backlog"},
        "ranked WEB-29 to the top of the backlog",
    ),
    (
        "card",
        "WEB-7",
        "ranked",
        {"move": "up", "before": 5, "after": 3},
        "ranked WEB-7 up in its column",
    ),
    (
        "card",
        "WEB-7",
        "ranked",
        {"move": "bottom", "before": 5, "after": 9, "scope": "sprint"},
        "ranked WEB-7 to the bottom of its sprint",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"points": {"before": 3, "after": 5}, "assignee": {"before": "bob", "after": "alice"}},
        "changed WEB-12: points 3 → 5, assignee bob → alice",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"title": {"before": "Old", "after": "New"}, "labels": {"before": "", "after": "api ui"}},
        "changed WEB-12: title “Old” → “New”, labels none → api, ui",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"description": {"changed": True}, "due": {"before": None, "after": "2026-12-01"}},
        "changed WEB-12: description, due none → 2026-12-01",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"assignee": {"before": None, "after": "alice"}},
        "assigned WEB-12 to alice",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"assignee": {"before": "bob", "after": "alice"}},
        "assigned WEB-12 to alice (was bob)",
    ),
    (
        "card",
        "WEB-12",
        "edited",
        {"assignee": {"before": "alice", "after": None}},
        "unassigned WEB-12 (was alice)",
    ),
    (
        "card",
        "WEB-23",
        "edited",
        {"blocked": {"before": None, "after": "Waiting for CI"}},
        "blocked WEB-23: Waiting for CI",
    ),
    (
        "card",
        "WEB-23",
        "edited",
        {"blocked": {"before": "Waiting for CI", "after": None}},
        "unblocked WEB-23",
    ),
    (
        "card",
        "WEB-23",
        "edited",
        {"blocked": {"before": "a", "after": "b"}},
        "changed why WEB-23 is blocked: b",
    ),
    (
        "card",
        "WEB-12",
        "commented",
        {"text": "Needs the API\nfirst, see [b]WEB-3[/b]"},
        "commented on WEB-12: Needs the API first, see [b]WEB-3[/b]",
    ),
    (
        "card",
        "WEB-12",
        "deleted",
        {"title": "Old idea", "column": "To Do", "points": None},
        "deleted WEB-12 from To Do: Old idea",
    ),
    (
        "card",
        "WEB-12",
        "archived",
        {"column": "Review", "done": False},
        "archived WEB-12 from Review",
    ),
    (
        "card",
        "WEB-9",
        "archived",
        {"column": "Done", "done": True, "bulk": True, "older_than_days": 14},
        "archived WEB-9 from Done (done more than 14 days ago)",
    ),
    ("card", "WEB-12", "restored", {"column": "Review"}, "restored WEB-12 to Review"),
    (
        "card",
        "WEB-12",
        "restored",
        {"column": "Review", "forced": True, "reason": "hotfix"},
        "restored WEB-12 to Review (forced: hotfix)",
    ),
    (
        "card",
        "WEB-40",
        "sprint",
        {"before": None, "after": 4, "points": 1, "done": False, "scope_change": False},
        "added WEB-40 to Sprint 4",
    ),
    (
        "card",
        "WEB-25",
        "sprint",
        {"before": None, "after": 3, "points": 2, "done": False, "scope_change": True},
        "added WEB-25 to Sprint 3 (scope change)",
    ),
    (
        "card",
        "WEB-25",
        "sprint",
        {"before": 3, "after": None, "points": 2, "done": False, "scope_change": True},
        "took WEB-25 out of Sprint 3 (scope change)",
    ),
    (
        "card",
        "WEB-25",
        "sprint",
        {"before": 3, "after": 4, "points": 2, "done": False, "scope_change": False},
        "moved WEB-25 from Sprint 3 to Sprint 4",
    ),
    (
        "card",
        "WEB-8",
        "sprint",
        {"before": 1, "after": None, "carried_over": True, "scope_change": True},
        "carried WEB-8 over from Sprint 1 to the backlog",
    ),
    (
        "card",
        "WEB-8",
        "sprint",
        {"before": 1, "after": 2, "carried_over": True, "scope_change": True},
        "carried WEB-8 over from Sprint 1 to Sprint 2",
    ),
    (
        "column",
        "QA",
        "created",
        {"category": "in_progress", "wip": 2},
        "added the column QA (in progress, WIP 2)",
    ),
    (
        "column",
        "Review",
        "wip_limit",
        {"before": 2, "after": 3},
        "set the WIP limit of Review to 3 (was 2)",
    ),
    (
        "column",
        "Review",
        "wip_limit",
        {"before": None, "after": 3},
        "set the WIP limit of Review to 3",
    ),
    (
        "column",
        "Review",
        "wip_limit",
        {"before": 2, "after": None},
        "removed the WIP limit of Review (was 2)",
    ),
    (
        "card",
        "WEB-4",
        "moved",
        {
            "before": "To Do",
            "after": "In Progress",
            "forced": True,
            "reason": "hotfix",
            "breach": {"column": "In Progress", "count": 4, "limit": 3},
            "person_breach": {"person": "alice", "count": 3, "limit": 2},
        },
        "moved WEB-4 from To Do to In Progress (forced over the WIP limit of In Progress, "
        "4 of 3 and over alice's WIP limit, 3 of 2: hotfix)",
    ),
    (
        "card",
        "WEB-5",
        "created",
        {
            "column": "Review",
            "title": "Urgent",
            "forced": True,
            "reason": "audit",
            "breach": {"column": "Review", "count": 3, "limit": 2},
        },
        "created WEB-5 in Review: Urgent (forced over the WIP limit of Review, 3 of 2: audit)",
    ),
    (
        "card",
        "WEB-6",
        "edited",
        {
            "assignee": {"before": None, "after": "alice"},
            "forced": True,
            "reason": "pairing",
            "person_breach": {"person": "alice", "count": 3, "limit": 2},
        },
        "assigned WEB-6 to alice (forced over alice's WIP limit, 3 of 2: pairing)",
    ),
    (
        "column",
        "In Progress",
        "wip_breach",
        {"card": "WEB-4", "count": 4, "limit": 3, "reason": "hotfix for the release"},
        "forced WEB-4 into In Progress over its WIP limit (4 of 3): hotfix for the release",
    ),
    (
        "board",
        "WEB",
        "created",
        {"name": "Website relaunch", "columns": ["To Do", "Done"]},
        "created the board WEB: Website relaunch",
    ),
    (
        "board",
        "TD",
        "imported",
        {"source": "trello", "name": "Test Drive", "counts": {"cards": 122}},
        "imported the board TD from Trello (122 cards): Test Drive",
    ),
    (
        "board",
        "WEB",
        "working_days",
        {"before": "mon-fri", "after": "sun-thu"},
        "set the working days of WEB to sun-thu",
    ),
    (
        "board",
        "WEB",
        "person_wip_limit",
        {"before": None, "after": 2},
        "set the per-person WIP limit to 2 (was none)",
    ),
    (
        "board",
        "WEB",
        "person_wip_limit",
        {"before": 2, "after": None},
        "removed the per-person WIP limit (was 2)",
    ),
    (
        "board",
        "WEB",
        "wip_breach",
        {"person": "alice", "card": "WEB-4", "count": 3, "limit": 2, "reason": "pairing"},
        "forced WEB-4 on alice over the per-person WIP limit (3 of 2): pairing",
    ),
    (
        "sprint",
        "WEB-S4",
        "created",
        {"name": "Sprint 4", "goal": "Search", "start": "2026-12-02", "end": "2026-12-15"},
        "created Sprint 4 (2026-12-02 to 2026-12-15): Search",
    ),
    (
        "sprint",
        "WEB-S5",
        "created",
        {"name": "Autumn push", "goal": "", "start": "2026-12-02", "end": "2026-12-15"},
        "created Sprint 5 “Autumn push” (2026-12-02 to 2026-12-15)",
    ),
    (
        "sprint",
        "WEB-S3",
        "started",
        {"goal": "", "committed_points": 34, "committed_count": 8},
        "started Sprint 3 (34 points committed)",
    ),
    (
        "sprint",
        "WEB-S3",
        "started",
        {"goal": "Wallets", "committed_points": 1, "committed_count": 1},
        "started Sprint 3 (1 point committed): Wallets",
    ),
    (
        "sprint",
        "WEB-S1",
        "completed",
        {
            "number": 1,
            "committed_points": 34,
            "added_points": 3,
            "removed_points": 0,
            "completed_points": 29,
            "carried_over_points": 8,
        },
        "completed Sprint 1: 29 of 34 points done, 3 added, 8 carried over",
    ),
    (
        "sprint",
        "WEB-S2",
        "edited",
        {
            "goal": {"before": "A", "after": "B"},
            "end": {"before": "2026-12-01", "after": "2026-12-03"},
        },
        "changed Sprint 2: goal “A” → “B”, end 2026-12-01 → 2026-12-03",
    ),
    ("sprint", "WEB-S6", "deleted", {"name": "Sprint 6"}, "deleted Sprint 6"),
    (
        "risk",
        "WEB-R1",
        "created",
        {"title": "Payment outage", "score": 20, "severity": "critical", "probability": 4},
        "added the risk WEB-R1 (score 20, critical): Payment outage",
    ),
    (
        "risk",
        "WEB-R2",
        "edited",
        {
            "residual_probability": {"before": 3, "after": 2},
            "residual_score": {"before": 12, "after": 8},
        },
        "re-scored WEB-R2: 12 → 8 (residual)",
    ),
    (
        "risk",
        "WEB-R8",
        "edited",
        {
            "probability": {"before": 3, "after": 1},
            "score": {"before": 12, "after": 4},
            "owner": {"before": "bob", "after": "alice"},
        },
        "re-scored WEB-R8: 12 → 4; owner bob → alice",
    ),
    (
        "risk",
        "WEB-R3",
        "edited",
        {"mitigation": {"changed": True}, "review_on": {"before": None, "after": "2026-12-05"}},
        "changed WEB-R3: mitigation, review date none → 2026-12-05",
    ),
    ("risk", "WEB-R8", "status", {"before": "open", "after": "closed"}, "closed WEB-R8 (was open)"),
    (
        "risk",
        "WEB-R8",
        "status",
        {"before": "closed", "after": "open"},
        "reopened WEB-R8 (was closed)",
    ),
    (
        "risk",
        "WEB-R1",
        "status",
        {"before": "open", "after": "mitigating"},
        "marked WEB-R1 as mitigating (was open)",
    ),
    ("risk", "WEB-R1", "linked", {"card": "WEB-41"}, "linked WEB-41 to the risk WEB-R1"),
    ("risk", "WEB-R1", "unlinked", {"card": "WEB-41"}, "unlinked WEB-41 from the risk WEB-R1"),
    (
        "board",
        "WEB",
        "renamed",
        {"before": "Website", "after": "Website 2"},
        "renamed the board WEB: “Website” → “Website 2”",
    ),
    (
        "column",
        "Code review",
        "renamed",
        {"before": "Review", "after": "Code review"},
        "renamed the column Review to Code review",
    ),
    (
        "column",
        "QA",
        "moved",
        {"before": 4, "after": 3, "order": ["To Do", "In Progress", "QA", "Review", "Done"]},
        "moved the column QA from position 4 to 3: To Do, In Progress, QA, Review, Done",
    ),
    (
        "column",
        "Review",
        "deleted",
        {"category": "in_progress", "wip": 2, "moved_to": "Done", "cards": ["WEB-3"]},
        "deleted the column Review, its 1 card moved to Done",
    ),
    (
        "column",
        "QA",
        "category",
        {"before": "in_progress", "after": "done"},
        "made QA a done column (was in progress)",
    ),
]


@pytest.mark.parametrize(
    ("entity", "key", "action", "data", "expected"),
    EXAMPLES,
    ids=[f"{e[0]}-{e[2]}-{i}" for i, e in enumerate(EXAMPLES)],
)
def test_each_event_reads_as_one_sentence(entity, key, action, data, expected) -> None:
    assert describe(entity, key, action, data) == expected


def test_every_known_action_has_an_example() -> None:
    assert {(entity, action) for entity, _, action, _, _ in EXAMPLES} == KNOWN


@pytest.mark.parametrize(
    ("entity", "key", "action", "data", "expected"),
    [
        ("card", "WEB-3", "hidden", {}, "hidden WEB-3"),
        (
            "card",
            "WEB-3",
            "returned",
            {"before": None, "after": "To Do"},
            "returned WEB-3: none → To Do",
        ),
        ("column", "QA", "retitled", {"before": "Test", "after": "QA"}, "retitled QA: Test → QA"),
        ("comment", "", "added", {}, "added comment"),
        ("card", "WEB-3", "", {}, "changed WEB-3"),
        # Known actions whose data is not what the code expects fall back too.
        ("card", "WEB-3", "moved", {}, "moved WEB-3"),
        ("card", "WEB-3", "edited", {"points": 5}, "changed WEB-3: points"),
        ("risk", "WEB-R1", "linked", {}, "linked WEB-R1"),
        ("risk", "WEB-R1", "linked", "not a mapping", "linked WEB-R1"),
        ("card", "WEB-3", "edited", None, "changed WEB-3"),
        (
            "card",
            "WEB-3",
            "created",
            {"column": ["odd"], "title": 7},
            "created WEB-3 in odd: 7",
        ),
    ],
)
def test_unknown_or_odd_events_fall_back_to_a_plain_line(
    entity, key, action, data, expected
) -> None:
    assert describe(entity, key, action, data) == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    entity=st.sampled_from(["card", "column", "board", "sprint", "risk", "other"]),
    action=st.sampled_from(sorted({action for _, action in KNOWN} | {"zapped"})),
    data=json_values,
)
def test_describe_never_raises(entity, action, data) -> None:
    text = describe(entity, "WEB-1", action, data)
    assert isinstance(text, str) and text


NOW = datetime(2026, 11, 25, 9, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 25, 0, 5), "today 00:05"),
        (datetime(2026, 11, 25, 14, 2), "today 14:02"),  # a little ahead of our clock
        (datetime(2026, 11, 24, 23, 59), "Tue 23:59"),
        (datetime(2026, 11, 23, 14, 2), "Mon 14:02"),
        (datetime(2026, 11, 19, 8, 0), "Thu 08:00"),
        (datetime(2026, 11, 18, 8, 0), "Nov 18 08:00"),
        (datetime(2026, 1, 3, 8, 0), "Jan 03 08:00"),
        (datetime(2025, 12, 30, 8, 0), "2025-12-30"),
        (datetime(2026, 11, 27, 8, 0), "Nov 27 08:00"),  # a clock ahead by days
    ],
)
def test_when_reads_relative_to_now(moment, expected) -> None:
    assert when(moment, NOW) == expected


def test_the_card_an_event_is_about() -> None:
    assert related_card("card", "WEB-3", {}) == "WEB-3"
    assert related_card("risk", "WEB-R1", {"card": "WEB-41"}) == "WEB-41"
    assert related_card("column", "Review", {"card": "WEB-4", "count": 3}) == "WEB-4"
    assert related_card("column", "Review", {"before": 2}) is None
    assert related_card("sprint", "WEB-S1", None) is None
