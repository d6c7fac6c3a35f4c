"""What the Risks screen's workers report back to it."""

from __future__ import annotations

from datetime import date

from textual.message import Message

from ...domain.risks import Risk
from ...widgets.risk_detail import RiskDetails


class RisksLoaded(Message):
    """The worker read the board's register."""

    def __init__(self, key: str, name: str, risks: list[Risk], today: date, ticket: int) -> None:
        super().__init__()
        self.key = key
        self.name = name
        """The board's name, for the top bar."""
        self.risks = risks
        self.today = today
        self.ticket = ticket
        """Which load this is: an older one finishing after a newer one is dropped."""


class RisksLoadFailed(Message):
    def __init__(self, key: str, message: str) -> None:
        super().__init__()
        self.key = key
        self.message = message


class DetailLoaded(Message):
    """The worker read one risk's linked cards and score history."""

    def __init__(self, details: RiskDetails) -> None:
        super().__init__()
        self.details = details
