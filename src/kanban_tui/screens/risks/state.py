"""The risk register as the Risks screen holds it: the risks and what narrows them.

Plain Python (no Textual), so the filters can be tested without a terminal.
The heat map counts what the table would list, less the risks that are no
longer exposure (closed, occurred) unless the status filter asks for them;
choosing a cell narrows the table to exactly the risks that cell counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...domain import people
from ...domain import risks as rules
from ...domain.risks import HeatMap, Risk, RiskStatus

STATUS_CYCLE: tuple[RiskStatus | None, ...] = (None, *RiskStatus)
"""What ``f`` steps through: every status, then each one alone."""

Cell = tuple[int, int]
"""(probability, impact)"""


def cell_name(cell: Cell) -> str:
    """``likely × severe``"""
    return f"{rules.probability_word(cell[0])} × {rules.impact_word(cell[1])}"


@dataclass(frozen=True)
class RegisterRead:
    """What the loading worker read: the board's name, its risks, today."""

    name: str
    risks: list[Risk]
    today: date


@dataclass
class RiskRegister:
    """A board's risks in the register's order and the filters on them."""

    risks: list[Risk] = field(default_factory=list)
    status: RiskStatus | None = None
    owner: str | None = None
    text: str = ""
    cell: Cell | None = None
    residual: bool = False

    # -- what is shown ---------------------------------------------------------
    def filtered(self) -> list[Risk]:
        """The risks that pass the status, owner and text filters."""
        words = self.text.casefold().split()
        out = []
        for risk in self.risks:
            if self.status is not None and risk.status is not self.status:
                continue
            if self.owner is not None and not people.same(risk.owner, self.owner):
                continue
            if words:
                haystack = " ".join(
                    (risk.key, risk.title, risk.owner, risk.category, risk.response, risk.status)
                ).casefold()
                if not all(word in haystack for word in words):
                    continue
            out.append(risk)
        return out

    def mapped(self) -> list[Risk]:
        """The risks the heat map counts: the filtered ones, and with no status
        filter only the open and mitigating ones (as the register's service does)."""
        risks = self.filtered()
        if self.status is None:
            risks = [risk for risk in risks if risk.status in rules.ACTIVE]
        return risks

    def grid(self) -> HeatMap:
        return rules.heat_map(self.mapped(), self.residual)

    def rows(self) -> list[Risk]:
        """What the table lists: the filtered risks, or the chosen cell's."""
        if self.cell is None:
            return self.filtered()
        return rules.in_cell(self.mapped(), *self.cell, residual=self.residual)

    def find(self, key: str) -> Risk | None:
        return next((risk for risk in self.risks if risk.key == key), None)

    def owners(self) -> list[str]:
        return people.roster(risk.owner for risk in self.risks)

    @property
    def narrowed(self) -> bool:
        return bool(
            self.status is not None or self.owner is not None or self.text.split() or self.cell
        )

    # -- changing the filters ----------------------------------------------------
    def choose(self, cell: Cell) -> bool:
        """Filter by ``cell``, or clear that filter if it is the chosen one.

        Returns whether a cell filter is on afterwards.
        """
        self.cell = None if self.cell == cell else cell
        return self.cell is not None

    def next_status(self) -> RiskStatus | None:
        index = STATUS_CYCLE.index(self.status)
        self.status = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        return self.status

    def next_owner(self) -> str | None:
        cycle: list[str | None] = [None, *self.owners()]
        index = cycle.index(self.owner) if self.owner in cycle else 0
        self.owner = cycle[(index + 1) % len(cycle)]
        return self.owner

    def clear(self) -> None:
        self.status = self.owner = self.cell = None
        self.text = ""

    def describe(self) -> list[str]:
        """The filters in words, for the table's caption (user text included)."""
        parts = []
        if self.status is not None:
            parts.append(f"status {self.status.value}")
        if self.owner is not None:
            parts.append(f"owner {self.owner}")
        if self.text.split():
            parts.append(f"“{self.text.strip()}”")
        if self.cell is not None:
            mode = "residual" if self.residual else "inherent"
            parts.append(f"{mode} cell {cell_name(self.cell)}")
        return parts
