"""What the Backlog screen's loading worker reports back."""

from __future__ import annotations

from textual.message import Message

from .state import PlanState


class PlanLoaded(Message):
    """The worker read the plan: open sprints with their cards, and the backlog."""

    def __init__(self, key: str, plan: PlanState, ticket: tuple[int, int]) -> None:
        super().__init__()
        self.key = key
        self.plan = plan
        self.ticket = ticket
        """(load number, local changes when the load began): which result is current."""


class PlanLoadFailed(Message):
    def __init__(self, key: str, message: str) -> None:
        super().__init__()
        self.key = key
        self.message = message
